import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, copyFile, readFile, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openAuditLog, type AuditLog, type AuditQuery } from '../../../src/core/audit';
import { writeAuditRecordsForBenchmark } from '../../../src/core/audit/bulk-writer';
import { listLogFiles } from '../../../src/core/audit/audit-files';
import { readIndexSnapshot, snapshotFitsLog, SNAPSHOT_FILE } from '../../../src/core/audit/index-snapshot';
import { execRecord, fileLines, logFiles, steppingClock, tempDir, writeLines } from './audit-test-kit';

const COUNT = 12_000;
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const QUERIES: AuditQuery[] = [
  {},
  { pluginId: 'plugin-2' },
  { text: 'svc-1234' },
  { text: 'LIST CONTAINERS 77' },
  { correlationId: 'corr-4321' },
  { outcome: 'failure', limit: 50 },
  { from: Date.UTC(2025, 0, 1, 1), to: Date.UTC(2025, 0, 1, 2), limit: 1000 },
];

async function bulkLog(dir: string): Promise<void> {
  await writeAuditRecordsForBenchmark({
    dir,
    count: COUNT,
    record: (i) => execRecord(i, i % 10 === 3 ? { code: 'EXECUTION_FAILED', phase: 'failed' } : {}),
    clock: steppingClock(),
    maxFileBytes: MAX_FILE_BYTES,
  });
}

async function answers(log: AuditLog): Promise<unknown[]> {
  return Promise.all(
    QUERIES.map(async (q) => {
      const page = await log.query(q);
      return { total: page.total, seqs: page.records.map((r) => r.seq), next: page.nextCursor };
    }),
  );
}

test('a large log saves its index; the next open reads it and answers exactly as a full scan does', async (t) => {
  const dir = await tempDir(t);
  await bulkLog(dir);
  let log = await openAuditLog({ dir, maxFileBytes: MAX_FILE_BYTES });
  const scanned = await answers(log);
  await log.close();

  const snapshot = await readIndexSnapshot(dir);
  assert.ok(snapshot, 'a snapshot was written');
  assert.equal(snapshot.index.count, COUNT + (await logFiles(dir)).length - 1, 'every record, rotation records included');
  assert.equal(snapshot.position.lastSeq, snapshot.index.count);
  assert.equal(await snapshotFitsLog(dir, await listLogFiles(dir), snapshot.index, snapshot.position), true);

  log = await openAuditLog({ dir, maxFileBytes: MAX_FILE_BYTES });
  t.after(() => log.close());
  assert.deepEqual(await answers(log), scanned);
  assert.equal((await log.query({ text: 'svc-1234' })).records[0]?.correlationId, 'corr-1234');
  assert.equal((await log.verify()).ok, true);
});

test('records before the snapshot are not re-read at open; verify still reads every byte', async (t) => {
  const dir = await tempDir(t);
  await bulkLog(dir);
  await (await openAuditLog({ dir, maxFileBytes: MAX_FILE_BYTES })).close();
  const [first] = await logFiles(dir);
  const lines = await fileLines(dir, first!);
  lines[5] = lines[5]!.replace('"pluginId":"plugin-2"', '"pluginId":"plugin-9"');
  await writeLines(dir, first!, lines);

  const log = await openAuditLog({ dir, maxFileBytes: MAX_FILE_BYTES });
  t.after(() => log.close());
  assert.equal((await log.query({ pluginId: 'plugin-9' })).total, 0, 'the index comes from the snapshot');
  const report = await log.verify();
  assert.equal(report.firstBadSeq, 6);
});

test('records written after the snapshot, and a torn write after them, are picked up from the files', async (t) => {
  const dir = await tempDir(t);
  await bulkLog(dir);
  await (await openAuditLog({ dir, maxFileBytes: MAX_FILE_BYTES })).close();
  const saved = (await readIndexSnapshot(dir))!.position;

  let log = await openAuditLog({ dir, maxFileBytes: MAX_FILE_BYTES });
  for (let i = 0; i < 30; i++) await log.append(execRecord(90_000 + i, { pluginId: 'late-plugin' }));
  await log.close();
  assert.deepEqual((await readIndexSnapshot(dir))!.position, saved, 'a few new records do not rewrite the snapshot');
  const files = await logFiles(dir);
  await appendFile(join(dir, files.at(-1)!), '{"seq":99999,"prevHash":"');

  log = await openAuditLog({ dir, maxFileBytes: MAX_FILE_BYTES });
  t.after(() => log.close());
  assert.equal(log.startupReport.repaired, true);
  const late = await log.query({ pluginId: 'late-plugin', limit: 1000 });
  assert.equal(late.total, 30);
  assert.equal(late.records[0]!.correlationId, 'corr-90029');
  assert.equal((await log.query({ action: 'audit.repaired' })).total, 1);
  assert.equal((await log.verify()).ok, true);
});

test('a snapshot that no longer fits the files is ignored', async (t) => {
  for (const damage of ['tail cut', 'snapshot garbled', 'snapshot cut short'] as const) {
    const dir = await tempDir(t);
    await bulkLog(dir);
    await (await openAuditLog({ dir, maxFileBytes: MAX_FILE_BYTES })).close();
    const files = await logFiles(dir);
    const last = join(dir, files.at(-1)!);
    const snapshotPath = join(dir, SNAPSHOT_FILE);
    if (damage === 'tail cut') {
      const lines = await fileLines(dir, files.at(-1)!);
      await truncate(last, lines.slice(0, -10).join('\n').length + 1);
    } else if (damage === 'snapshot garbled') {
      const bytes = await readFile(snapshotPath);
      bytes.fill(7, 64, 4096);
      await writeFile(snapshotPath, bytes);
    } else {
      await truncate(snapshotPath, (await stat(snapshotPath)).size - 100);
    }

    const log = await openAuditLog({ dir, maxFileBytes: MAX_FILE_BYTES });
    const total = (await log.query({})).total;
    if (damage === 'tail cut') {
      assert.match(log.startupReport.detail!, /were checkpointed but are gone/, 'the full scan noticed the cut');
      assert.equal((await log.verify()).ok, false);
    } else {
      assert.equal(log.startupReport.repaired, false, damage);
      assert.equal(total, COUNT + files.length - 1, damage);
      assert.equal((await log.query({ text: 'svc-1234' })).total, 1, damage);
    }
    await log.close();
  }
});

test('a snapshot ahead of the checkpoint is not trusted: the log is scanned in full', async (t) => {
  const dir = await tempDir(t);
  await bulkLog(dir);
  await copyFile(join(dir, 'audit-head.bin'), join(dir, 'old-head'));
  const log = await openAuditLog({ dir, maxFileBytes: MAX_FILE_BYTES });
  for (let i = 0; i < 3; i++) await log.append(execRecord(i, { pluginId: 'after' }));
  await log.close();
  // A full scan now writes a snapshot that ends with the newest record.
  await unlink(join(dir, SNAPSHOT_FILE));
  await (await openAuditLog({ dir, maxFileBytes: MAX_FILE_BYTES })).close();
  assert.equal((await readIndexSnapshot(dir))?.position.lastSeq, COUNT + (await logFiles(dir)).length - 1 + 3);
  // The checkpoint goes back to before the snapshot's last record, and an early record changes.
  await copyFile(join(dir, 'old-head'), join(dir, 'audit-head.bin'));
  const [first] = await logFiles(dir);
  const lines = await fileLines(dir, first!);
  lines[5] = lines[5]!.replace('"pluginId":"plugin-2"', '"pluginId":"plugin-9"');
  await writeLines(dir, first!, lines);

  const again = await openAuditLog({ dir, maxFileBytes: MAX_FILE_BYTES });
  t.after(() => again.close());
  assert.equal((await again.query({ pluginId: 'plugin-9' })).total, 1, 'the changed record was indexed from the file');
  assert.equal((await again.query({ pluginId: 'after' })).total, 3);
  assert.equal((await again.verify()).firstBadSeq, 6);
});
