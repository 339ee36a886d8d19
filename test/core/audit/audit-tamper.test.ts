import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditUnavailableError, openAuditLog, type AuditLog } from '../../../src/core/audit';
import { execRecord, fileLines, tempDir, writeLines } from './audit-test-kit';

const FILE = 'audit-000001.jsonl';

async function logWith(dir: string, count: number): Promise<AuditLog> {
  const log = await openAuditLog({ dir });
  for (let i = 1; i <= count; i++) await log.append(execRecord(i));
  return log;
}

async function closedLogWith(dir: string, count: number): Promise<void> {
  await (await logWith(dir, count)).close();
}

test('one changed byte in the middle of a record is named by its seq', async (t) => {
  const dir = await tempDir(t);
  await closedLogWith(dir, 10);
  const lines = await fileLines(dir, FILE);
  lines[4] = lines[4]!.replace('List containers 5', 'List containers 6');
  await writeLines(dir, FILE, lines);

  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  assert.equal(log.startupReport.repaired, false, 'an altered record in the middle is not an unfinished write');
  const report = await log.verify();
  assert.equal(report.ok, false);
  assert.equal(report.firstBadSeq, 5);
  assert.match(report.problem!, /altered/);
  assert.equal(report.records, 10);
});

test('a byte changed under an open log is found too', async (t) => {
  const dir = await tempDir(t);
  const log = await logWith(dir, 6);
  t.after(() => log.close());
  const bytes = await readFile(join(dir, FILE));
  const lines = bytes.toString('utf8').split('\n');
  const offset = lines.slice(0, 2).join('\n').length + 1 + 40;
  bytes[offset] = bytes[offset] === 0x61 ? 0x62 : 0x61;
  await writeFile(join(dir, FILE), bytes);
  const report = await log.verify();
  assert.equal(report.firstBadSeq, 3);
});

test('re-hashing an edited record does not hide it: the next record no longer links', async (t) => {
  const dir = await tempDir(t);
  await closedLogWith(dir, 8);
  const lines = await fileLines(dir, FILE);
  const edited = lines[3]!.replace('"decision":null', '"decision":"approved"');
  const body = edited.slice(0, edited.lastIndexOf(',"hash":"'));
  lines[3] = `${body},"hash":"${createHash('sha256').update(body).digest('hex')}"}`;
  await writeLines(dir, FILE, lines);
  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  const report = await log.verify();
  assert.equal(report.firstBadSeq, 5);
  assert.match(report.problem!, /does not link/);
});

test('a deleted record is named by the missing seq', async (t) => {
  const dir = await tempDir(t);
  await closedLogWith(dir, 10);
  const lines = await fileLines(dir, FILE);
  lines.splice(3, 1);
  await writeLines(dir, FILE, lines);
  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  const report = await log.verify();
  assert.equal(report.ok, false);
  assert.equal(report.firstBadSeq, 4);
  assert.match(report.problem!, /missing or out of order/);
});

test('two swapped records are found at the first of them', async (t) => {
  const dir = await tempDir(t);
  await closedLogWith(dir, 10);
  const lines = await fileLines(dir, FILE);
  [lines[5], lines[6]] = [lines[6]!, lines[5]!];
  await writeLines(dir, FILE, lines);
  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  const report = await log.verify();
  assert.equal(report.firstBadSeq, 6);
});

test('a tail cut off at a line boundary is caught by the checkpoint, recorded at open, and numbers are not reused', async (t) => {
  const dir = await tempDir(t);
  await closedLogWith(dir, 10);
  const lines = await fileLines(dir, FILE);
  await writeLines(dir, FILE, lines.slice(0, 7));

  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  assert.equal(log.startupReport.repaired, true);
  assert.match(log.startupReport.detail!, /records 8\.\.10 were checkpointed but are gone/);
  const evidence = await log.get(11);
  assert.equal(evidence?.phase, 'audit.repaired');
  assert.equal(evidence?.summary?.kind, 'records-missing');
  assert.equal(evidence?.prevHash, (await log.get(7))?.hash, 'the chain continues from the last record left');
  assert.equal((await log.append(execRecord(12))).seq, 12);

  const report = await log.verify();
  assert.equal(report.ok, false);
  assert.equal(report.firstBadSeq, 8);
});

test('a tail cut under an open log is caught by verify, and further appends are refused', async (t) => {
  const dir = await tempDir(t);
  const log = await logWith(dir, 10);
  t.after(() => log.close());
  const lines = await fileLines(dir, FILE);
  await truncate(join(dir, FILE), lines.slice(0, 7).join('\n').length + 1);
  const report = await log.verify();
  assert.equal(report.ok, false);
  assert.equal(report.firstBadSeq, 8);
  await assert.rejects(log.append(execRecord(11)), AuditUnavailableError);
});

test('removing the checkpoint file to hide a cut is itself recorded', async (t) => {
  const dir = await tempDir(t);
  await closedLogWith(dir, 6);
  await unlink(join(dir, 'audit-head.bin'));
  const lines = await fileLines(dir, FILE);
  await writeLines(dir, FILE, lines.slice(0, 4));
  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  assert.equal(log.startupReport.repaired, true);
  assert.equal((await log.get(5))?.summary?.kind, 'checkpoint-missing');
  const report = await log.verify();
  assert.equal(report.ok, false);
  assert.equal(report.firstBadSeq, 5);
});

test('a checkpoint that no longer matches its record is recorded', async (t) => {
  const dir = await tempDir(t);
  await closedLogWith(dir, 5);
  const lines = await fileLines(dir, FILE);
  // Replace the whole last record with one re-chained to record 4: only the checkpoint knows better.
  const body = lines[4]!.slice(0, lines[4]!.lastIndexOf(',"hash":"')).replace('List containers 5', 'Nothing to see');
  lines[4] = `${body},"hash":"${createHash('sha256').update(body).digest('hex')}"}`;
  await writeLines(dir, FILE, lines);
  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  assert.equal((await log.get(6))?.summary?.kind, 'checkpoint-mismatch');
  const report = await log.verify();
  assert.equal(report.ok, false);
  assert.equal(report.firstBadSeq, 5);
});
