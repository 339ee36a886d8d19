import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditUnavailableError, openAuditLog, type AuditRecord } from '../../../src/core/audit';
import { execRecord, fileLines, logFiles, steppingClock, tempDir } from './audit-test-kit';

const GENESIS = '0'.repeat(64);

test('appended records read back as written, chained from the genesis hash, and verify', async (t) => {
  const dir = await tempDir(t);
  const log = await openAuditLog({ dir, clock: steppingClock() });
  t.after(() => log.close());
  const seen: AuditRecord[] = [];
  const unsubscribe = log.onAppend((r) => seen.push(r));

  const first = await log.append(execRecord(1));
  const second = await log.append({
    ...execRecord(2),
    phase: 'completed',
    code: 'EXECUTION_FAILED',
    outcome: { exitCode: 2, durationMs: 15 },
    workflow: {
      workflowId: 'wf-1',
      stepId: 'build',
      stepTitle: 'Build',
      stepStatus: 'failed',
      stepCorrelationId: 'corr-2-build',
      confirmation: 'approved',
    },
  });
  unsubscribe();
  await log.append(execRecord(3));

  assert.equal(first.seq, 1);
  assert.equal(first.prevHash, GENESIS);
  assert.equal(first.time, '2025-01-01T00:00:00.000Z');
  assert.equal(second.seq, 2);
  assert.equal(second.prevHash, first.hash);
  assert.deepEqual(
    seen.map((r) => r.seq),
    [1, 2],
    'listeners hear appends until they unsubscribe',
  );

  const back = await log.get(2);
  assert.deepEqual(back, second);
  assert.equal(back?.workflow?.stepTitle, 'Build');
  assert.deepEqual(back?.outcome, { exitCode: 2, durationMs: 15 });
  assert.equal(await log.get(99), null);

  // The stored line hashes to its own hash field, computed over every byte before it.
  const [line] = await fileLines(dir, 'audit-000001.jsonl');
  const cut = line!.lastIndexOf(',"hash":"');
  assert.equal(createHash('sha256').update(line!.slice(0, cut)).digest('hex'), first.hash);
  assert.ok(line!.endsWith(`"hash":"${first.hash}"}`), 'the hash is the last field');

  const report = await log.verify();
  assert.deepEqual({ ...report, durationMs: 0 }, { ok: true, records: 3, files: 1, firstBadSeq: null, problem: null, durationMs: 0 });
});

test('the log reopens where it left off and keeps the chain', async (t) => {
  const dir = await tempDir(t);
  const log = await openAuditLog({ dir });
  for (let i = 0; i < 5; i++) await log.append(execRecord(i));
  await log.close();
  await assert.rejects(log.append(execRecord(9)), AuditUnavailableError, 'a closed log refuses appends');

  const again = await openAuditLog({ dir });
  t.after(() => again.close());
  assert.deepEqual(again.startupReport, { repaired: false, detail: null });
  const next = await again.append(execRecord(5));
  assert.equal(next.seq, 6);
  assert.equal(next.prevHash, (await again.get(5))?.hash);
  assert.equal((await again.verify()).ok, true);
});

test('200 concurrent appends get unique consecutive seqs and leave a valid chain', async (t) => {
  const dir = await tempDir(t);
  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  const records = await Promise.all(Array.from({ length: 200 }, (_, i) => log.append(execRecord(i))));
  assert.deepEqual(
    records.map((r) => r.seq).sort((a, b) => a - b),
    Array.from({ length: 200 }, (_, i) => i + 1),
  );
  assert.deepEqual(
    records.map((r) => r.correlationId),
    records.map((_, i) => `corr-${i}`),
    'each caller gets its own record',
  );
  const bySeq = new Map(records.map((r) => [r.seq, r]));
  for (let seq = 2; seq <= 200; seq++) assert.equal(bySeq.get(seq)!.prevHash, bySeq.get(seq - 1)!.hash);
  assert.equal((await fileLines(dir, 'audit-000001.jsonl')).length, 200);
  const report = await log.verify();
  assert.equal(report.ok, true, report.problem ?? '');
  assert.equal(report.records, 200);
});

test('input that cannot make a record is refused with TypeError and uses no seq', async (t) => {
  const dir = await tempDir(t);
  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  await assert.rejects(log.append({ ...execRecord(1), action: '' }), TypeError);
  await assert.rejects(log.append({ ...execRecord(1), pluginId: 42 as unknown as string }), TypeError);
  await assert.rejects(log.append({ ...execRecord(1), summary: circular }), TypeError);
  await assert.rejects(log.append({ ...execRecord(1), summary: { n: 1n } }), TypeError);
  await assert.rejects(log.append({ ...execRecord(1), workflow: { stepId: 'x' } as never }), TypeError);
  assert.equal((await log.append(execRecord(1))).seq, 1);
});

test('an oversized summary is replaced by its size and sha256, so a runaway summary cannot bloat the log', async (t) => {
  const dir = await tempDir(t);
  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  const summary = { paths: Array.from({ length: 20_000 }, (_, i) => `/srv/data/file-${i}.txt`) };
  const json = JSON.stringify(summary);
  const record = await log.append({ ...execRecord(1), summary, outcome: { exitCode: 0 } });
  assert.deepEqual(record.summary, {
    omitted: 'too large',
    bytes: Buffer.byteLength(json),
    sha256: createHash('sha256').update(json).digest('hex'),
  });
  assert.deepEqual(record.outcome, { exitCode: 0 }, 'the outcome stays when the record fits without the summary');
  const [line] = await fileLines(dir, 'audit-000001.jsonl');
  assert.ok(Buffer.byteLength(line!) < 64 * 1024);
  assert.deepEqual(await log.get(1), record);

  const long = await log.append({ ...execRecord(2), reason: 'r'.repeat(100_000) });
  assert.ok(long.reason!.length <= 4097, 'the plugin reason is capped');
});

test('one directory has one writer: a second open is refused until the first closes', async (t) => {
  const dir = await tempDir(t);
  const log = await openAuditLog({ dir });
  await assert.rejects(openAuditLog({ dir }), AuditUnavailableError);
  await log.close();
  const again = await openAuditLog({ dir });
  await again.close();
  assert.equal(await readFile(join(dir, 'audit.lock'), 'utf8').catch(() => 'released'), 'released');
  assert.deepEqual(await logFiles(dir), ['audit-000001.jsonl']);
});

test('a lock left by a process that is gone, or by an earlier process with our pid, is taken over', async (t) => {
  const dir = await tempDir(t);
  await (await openAuditLog({ dir })).close();
  const gone = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' }).pid!;
  for (const stale of [String(gone), String(process.pid), '']) {
    await writeFile(join(dir, 'audit.lock'), stale);
    const log = await openAuditLog({ dir });
    assert.equal((await readFile(join(dir, 'audit.lock'), 'utf8')).split('\n')[0], String(process.pid));
    await log.close();
  }
});
