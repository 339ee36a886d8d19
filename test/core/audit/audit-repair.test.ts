import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, copyFile, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openAuditLog } from '../../../src/core/audit';
import { execRecord, fileLines, logFiles, steppingClock, tempDir, writeLines } from './audit-test-kit';

const FILE = 'audit-000001.jsonl';

async function closedLogWith(dir: string, count: number, maxFileBytes?: number): Promise<void> {
  const log = await openAuditLog({ dir, ...(maxFileBytes ? { maxFileBytes } : {}) });
  for (let i = 1; i <= count; i++) await log.append(execRecord(i));
  await log.close();
}

async function tornFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => /^audit-torn-.*\.bin$/.test(n));
}

test('an unfinished last line is cut at open, kept in a side file, and recorded', async (t) => {
  const dir = await tempDir(t);
  await closedLogWith(dir, 5);
  const sizeBefore = (await stat(join(dir, FILE))).size;
  const torn = '{"seq":6,"prevHash":"0123456789abcdef","time":"2025-01-01T00:00:0';
  await appendFile(join(dir, FILE), torn);

  const log = await openAuditLog({ dir, clock: steppingClock(Date.UTC(2025, 5, 1)) });
  t.after(() => log.close());
  assert.equal(log.startupReport.repaired, true);
  assert.match(log.startupReport.detail!, new RegExp(`cut ${torn.length} bytes \\(1 line\\) from the end of ${FILE}: an unfinished line`));
  const [side] = await tornFiles(dir);
  assert.equal(side, 'audit-torn-2025-06-01T00-00-00-000Z.bin');
  assert.equal(await readFile(join(dir, side), 'utf8'), torn, 'the cut bytes are kept for forensics');

  const repaired = await log.get(6);
  assert.equal(repaired?.phase, 'audit.repaired');
  assert.deepEqual(repaired?.summary, {
    kind: 'torn-tail',
    detail: log.startupReport.detail,
    file: FILE,
    offset: sizeBefore,
    removedBytes: torn.length,
    removedLines: 1,
    tornFile: side,
  });
  assert.equal(repaired?.prevHash, (await log.get(5))?.hash);
  assert.equal((await log.append(execRecord(7))).seq, 7);
  const report = await log.verify();
  assert.equal(report.ok, true, report.problem ?? '');
  assert.equal(report.records, 7);
});

test('a whole last line that fails its hash, or zero bytes a crash left, is cut the same way', async (t) => {
  for (const garbage of ['hash', 'zeros'] as const) {
    const dir = await tempDir(t);
    await closedLogWith(dir, 3);
    const lines = await fileLines(dir, FILE);
    const extra =
      garbage === 'hash'
        ? lines[2]!.replace('"seq":3', '"seq":4').replace('List containers 3', 'List containers 4') + '\n'
        : '\0'.repeat(700);
    await appendFile(join(dir, FILE), extra);
    const log = await openAuditLog({ dir });
    assert.equal(log.startupReport.repaired, true, garbage);
    assert.match(log.startupReport.detail!, garbage === 'hash' ? /hash does not match/ : /unfinished line/);
    assert.equal((await log.get(4))?.summary?.removedBytes, Buffer.byteLength(extra));
    assert.equal((await log.verify()).ok, true);
    await log.close();
  }
});

test('records written after the last checkpoint survive; only the unfinished write is cut', async (t) => {
  const dir = await tempDir(t);
  await closedLogWith(dir, 4);
  await copyFile(join(dir, 'audit-head.bin'), join(dir, 'head-at-4'));
  const log = await openAuditLog({ dir });
  await log.append(execRecord(5));
  await log.append(execRecord(6));
  await log.close();
  // As if the process died before the checkpoint caught up, in the middle of writing record 7.
  await copyFile(join(dir, 'head-at-4'), join(dir, 'audit-head.bin'));
  await appendFile(join(dir, FILE), '{"seq":7,"prevHash":"');

  const again = await openAuditLog({ dir });
  t.after(() => again.close());
  assert.equal((await again.get(6))?.correlationId, 'corr-6');
  assert.equal((await again.get(7))?.phase, 'audit.repaired');
  assert.equal((await again.verify()).ok, true);
});

test('the checkpointed record is never cut, even when it no longer hashes right', async (t) => {
  const dir = await tempDir(t);
  await closedLogWith(dir, 4);
  const lines = await fileLines(dir, FILE);
  lines[3] = lines[3]!.replace('List containers 4', 'List containers X');
  await writeLines(dir, FILE, lines);
  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  assert.equal(log.startupReport.repaired, false);
  assert.deepEqual(await tornFiles(dir), []);
  const report = await log.verify();
  assert.equal(report.firstBadSeq, 4);
});

test('a torn write into a freshly rotated file empties it and the chain continues from the previous file', async (t) => {
  const dir = await tempDir(t);
  await closedLogWith(dir, 12, 2048);
  const files = await logFiles(dir);
  const last = files.at(-1)!;
  const lastNo = Number(last.slice(6, 12));
  const next = `audit-${String(lastNo + 1).padStart(6, '0')}.jsonl`;
  await appendFile(join(dir, next), '{"seq":99,"prevHash":"00');

  const log = await openAuditLog({ dir, maxFileBytes: 2048 });
  t.after(() => log.close());
  assert.equal(log.startupReport.repaired, true);
  assert.match(log.startupReport.detail!, new RegExp(next));
  const lastBefore = JSON.parse((await fileLines(dir, last)).at(-1)!);
  const repaired = await log.get(lastBefore.seq + 1);
  assert.equal(repaired?.prevHash, lastBefore.hash);
  assert.equal((await log.verify()).ok, true);
});
