import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { openAuditLog, type AuditLog, type AuditQuery, type AuditRecord, type AuditRecordInput } from '../../../src/core/audit';
import { steppingClock, tempDir } from './audit-test-kit';

const START = Date.UTC(2025, 0, 1);
const PLUGINS = ['com.acme.docker', 'com.acme.dns', 'org.example.git'];
const ACTIONS = ['system.process.exec', 'hosts.write', 'clipboard.write', 'plugin.status'];
const DECISIONS = ['approved', 'declined', 'timeout', null] as const;
const CODES = [null, null, 'CONFIRMATION_DECLINED', 'EXECUTION_FAILED'];

function sample(i: number): AuditRecordInput {
  return {
    correlationId: `req-${Math.floor(i / 2)}`,
    pluginId: PLUGINS[i % 3]!,
    action: ACTIONS[i % 4]!,
    scope: i % 5 === 0 ? 'Docker-ReadOnly' : null,
    phase: i % 2 === 0 ? 'requested' : 'completed',
    decision: DECISIONS[i % 4]!,
    code: CODES[i % 4]!,
    reason: i % 6 === 0 ? `Deploy Service ${i}, please` : null,
    // Status changes repeat the same text, which the index stores once.
    summary:
      i % 4 === 3
        ? { from: 'installed', to: 'active' }
        : { argv: ['ps', `--filter=name=svc-${i}`], env: { KEY_NAME: `val-${i % 7}` }, hostname: 'dev.local' },
    workflow: i % 7 === 0 ? { workflowId: `wf-${i % 2}`, stepId: `s${i}` } : null,
  };
}

async function sampleLog(dir: string, count: number): Promise<{ log: AuditLog; records: AuditRecord[] }> {
  const log = await openAuditLog({ dir, clock: steppingClock(START) });
  const records: AuditRecord[] = [];
  for (let i = 0; i < count; i++) records.push(await log.append(sample(i)));
  return { log, records };
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The query semantics, written plainly over the records in memory. */
function reference(records: AuditRecord[], q: AuditQuery): AuditRecord[] {
  const ms = (v: string | number) => (typeof v === 'number' ? v : Date.parse(v));
  return records
    .filter((r) => {
      if (q.pluginId !== undefined && r.pluginId !== q.pluginId) return false;
      if (q.action !== undefined && r.action !== q.action) return false;
      if (q.decision !== undefined && r.decision !== q.decision) return false;
      if (q.correlationId !== undefined && r.correlationId !== q.correlationId) return false;
      if (q.workflowId !== undefined && r.workflow?.workflowId !== q.workflowId) return false;
      if (q.outcome === 'success' && r.code) return false;
      if (q.outcome === 'failure' && !r.code) return false;
      if (q.from !== undefined && Date.parse(r.time) < ms(q.from)) return false;
      if (q.to !== undefined && Date.parse(r.time) > ms(q.to)) return false;
      if (q.text) {
        const needle = q.text.toLowerCase();
        const fields = [r.correlationId, r.pluginId, r.action, r.scope, r.code, r.reason, ...strings(r.summary)];
        if (!fields.some((f) => typeof f === 'string' && f.toLowerCase().includes(needle))) return false;
      }
      return true;
    })
    .reverse();
}

async function seqs(log: AuditLog, q: AuditQuery): Promise<number[]> {
  return (await log.query({ ...q, limit: 1000 })).records.map((r) => r.seq);
}

test('each filter alone selects exactly what it names, newest first', async (t) => {
  const dir = await tempDir(t);
  const { log, records } = await sampleLog(dir, 60);
  t.after(() => log.close());
  const at = (i: number) => START + i * 1000;
  const cases: AuditQuery[] = [
    {},
    { pluginId: 'com.acme.dns' },
    { action: 'hosts.write' },
    { decision: 'declined' },
    { outcome: 'success' },
    { outcome: 'failure' },
    { from: at(10), to: at(19) },
    { from: new Date(at(50)).toISOString() },
    { to: new Date(at(4)).toISOString() },
    { correlationId: 'req-7' },
    { workflowId: 'wf-1' },
    { text: 'deploy service' },
    { text: 'DOCKER-readonly' },
    { text: 'svc-42' },
    { text: 'execution_failed' },
    { text: 'req-2' },
    { text: 'acme.dns' },
    { text: 'clipboard' },
    { text: 'dev.local' },
    { text: 'val-3' },
    { text: 'installed' },
    { text: 'Active', pluginId: 'org.example.git' },
  ];
  for (const q of cases) {
    const expected = reference(records, q).map((r) => r.seq);
    assert.ok(q.text === undefined || expected.length > 0, `case ${JSON.stringify(q)} should match something`);
    assert.deepEqual(await seqs(log, q), expected, JSON.stringify(q));
    assert.equal((await log.query(q)).total, expected.length);
  }
  assert.deepEqual(await seqs(log, { text: 'key_name' }), [], 'summary keys are not searched, only values');
  assert.deepEqual(await seqs(log, { pluginId: 'com.unknown' }), []);
  assert.deepEqual(await seqs(log, { pluginId: 'COM.ACME.DNS' }), [], 'plugin ids match exactly');
});

test('combined filters match the plain reference for generated queries', async (t) => {
  const dir = await tempDir(t);
  const { log, records } = await sampleLog(dir, 90);
  t.after(() => log.close());
  const values = fc.record({
    pluginId: fc.constantFrom(...PLUGINS, 'none'),
    action: fc.constantFrom(...ACTIONS),
    decision: fc.constantFrom('approved', 'declined', 'timeout'),
    outcome: fc.constantFrom('success' as const, 'failure' as const),
    from: fc.integer({ min: 0, max: 60 }).map((i) => START + i * 1000),
    to: fc.integer({ min: 30, max: 90 }).map((i) => new Date(START + i * 1000).toISOString()),
    text: fc.constantFrom('svc-1', 'deploy', 'req-1', 'ACME', 'readonly', 'val-2', 'x'),
    correlationId: fc.integer({ min: 0, max: 45 }).map((i) => `req-${i}`),
    workflowId: fc.constantFrom('wf-0', 'wf-1'),
  });
  // One to three filters at a time, so that most generated queries still match something.
  const query = fc
    .tuple(
      values,
      fc.subarray(['pluginId', 'action', 'decision', 'outcome', 'from', 'to', 'text', 'correlationId', 'workflowId'] as const, {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([all, keys]) => Object.fromEntries(keys.map((k) => [k, all[k]])) as AuditQuery);
  let nonEmpty = 0;
  await fc.assert(
    fc.asyncProperty(query, async (q) => {
      const expected = reference(records, q).map((r) => r.seq);
      if (expected.length > 0) nonEmpty++;
      assert.deepEqual(await seqs(log, q), expected);
    }),
    { numRuns: 150 },
  );
  assert.ok(nonEmpty >= 20, `only ${nonEmpty} generated queries matched anything`);
});

test('paging by cursor walks every match once, and appends between pages do not shift it', async (t) => {
  const dir = await tempDir(t);
  const { log, records } = await sampleLog(dir, 50);
  t.after(() => log.close());
  const expected = reference(records, { pluginId: 'com.acme.docker' }).map((r) => r.seq);
  const walked: number[] = [];
  let cursor: number | undefined;
  let pages = 0;
  for (;;) {
    const page = await log.query({ pluginId: 'com.acme.docker', limit: 4, ...(cursor === undefined ? {} : { cursor }) });
    pages++;
    assert.ok(page.records.length <= 4);
    walked.push(...page.records.map((r) => r.seq));
    // New records arrive while the user pages through older ones.
    await log.append(sample(0));
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  assert.deepEqual(walked, expected);
  assert.equal(pages, Math.ceil(expected.length / 4));

  const first = await log.query({ limit: 1 });
  assert.equal(first.records[0]!.seq, 50 + pages, 'the newest record comes first');
  assert.equal(first.nextCursor, first.records[0]!.seq);
});

test('page size defaults to 100 and is held to 1..1000; malformed queries are refused', async (t) => {
  const dir = await tempDir(t);
  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  await Promise.all(Array.from({ length: 1100 }, (_, i) => log.append(sample(i))));
  assert.equal((await log.query({})).records.length, 100);
  const big = await log.query({ limit: 5000 });
  assert.equal(big.records.length, 1000);
  assert.equal(big.total, 1100);
  assert.equal(big.nextCursor, 101);
  assert.equal((await log.query({ limit: 0 })).records.length, 1);
  await assert.rejects(log.query({ from: 'last tuesday' }), TypeError);
  await assert.rejects(log.query({ outcome: 'maybe' as never }), TypeError);
  await assert.rejects(log.query({ pluginId: 7 as never }), TypeError);
});
