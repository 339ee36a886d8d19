// One row per request: the grouped query against a plain model of it, over random logs and page sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { openAuditLog, type AuditRecord, type AuditRecordInput } from '../../../src/core/audit';
import { steppingClock, tempDir } from './audit-test-kit';

const PLUGINS = ['alpha', 'beta'];
const PHASES = ['requested', 'decided', 'completed'];

type Row = { seq: number; firstSeq: number; records: number; decision: string | null };

/** The grouped query as the docs describe it, by brute force over the records. */
function model(records: AuditRecord[], matches: (r: AuditRecord) => boolean): Row[] {
  const key = (r: AuditRecord) => (r.correlationId === null ? `seq:${r.seq}` : `${r.pluginId}\u0000${r.correlationId}`);
  const placed = new Map<string, number>();
  for (const r of [...records].reverse()) if (matches(r) && !placed.has(key(r))) placed.set(key(r), r.seq);
  return [...placed.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k]) => {
      const all = records.filter((r) => key(r) === k);
      const decided = all.filter((r) => r.decision).pop();
      return { seq: all[all.length - 1]!.seq, firstSeq: all[0]!.seq, records: all.length, decision: decided?.decision ?? null };
    });
}

test('a grouped query pages one row per request, placed at its newest matching record', async (t) => {
  const dir = await tempDir(t);
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          corr: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 4 }),
          plugin: fc.integer({ min: 0, max: 1 }),
          phase: fc.integer({ min: 0, max: 2 }),
        }),
        { minLength: 1, maxLength: 40 },
      ),
      fc.integer({ min: 1, max: 7 }),
      fc.constantFrom('none', 'alpha', 'decided'),
      async (specs, limit, filterKind) => {
        run += 1;
        const log = await openAuditLog({ dir: `${dir}/run-${run}`, clock: steppingClock() });
        try {
          const written: AuditRecord[] = [];
          for (const spec of specs) {
            const input: AuditRecordInput = {
              // The same correlation id from two plugins is two requests.
              correlationId: spec.corr === null ? null : `c-${spec.corr}`,
              pluginId: PLUGINS[spec.plugin]!,
              action: 'system.process.exec',
              phase: PHASES[spec.phase]!,
              decision: spec.phase === 1 ? 'approved' : null,
            };
            written.push(await log.append(input));
          }
          const filter = filterKind === 'alpha' ? { pluginId: 'alpha' } : filterKind === 'decided' ? { decision: 'approved' } : {};
          const matches = (r: AuditRecord) =>
            filterKind === 'alpha' ? r.pluginId === 'alpha' : filterKind === 'decided' ? r.decision === 'approved' : true;
          const expected = model(written, matches);
          const rows: Row[] = [];
          let cursor: number | undefined;
          for (let guard = 0; guard < 100; guard++) {
            const page = await log.query({ ...filter, group: 'request', limit, ...(cursor === undefined ? {} : { cursor }) });
            assert.equal(page.total, expected.length);
            for (const record of page.records) {
              assert.ok(record.story, 'every grouped row carries its story');
              rows.push({
                seq: record.seq,
                firstSeq: record.story.first.seq,
                records: record.story.records,
                decision: record.story.decision,
              });
            }
            if (page.nextCursor === null) break;
            cursor = page.nextCursor;
          }
          assert.deepEqual(rows, expected);
        } finally {
          await log.close();
        }
      },
    ),
    { numRuns: 60 },
  );
});

test('a grouped query rejects an unknown grouping, and record queries are unchanged', async (t) => {
  const dir = await tempDir(t);
  const log = await openAuditLog({ dir, clock: steppingClock() });
  t.after(() => log.close());
  for (const phase of PHASES) await log.append({ correlationId: 'one', pluginId: 'alpha', action: 'system.process.exec', phase });
  await assert.rejects(log.query({ group: 'plugin' as never }), TypeError);
  assert.equal((await log.query({})).total, 3);
  const grouped = await log.query({ group: 'request' });
  assert.equal(grouped.total, 1);
  assert.equal(grouped.records[0]?.phase, 'completed');
  assert.equal(grouped.records[0]?.story?.first.phase, 'requested');
  assert.equal(grouped.records[0]?.story?.records, 3);
});
