import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { openAuditLog } from '../../../src/core/audit';
import { execRecord, fileLines, logFiles, tempDir, writeLines } from './audit-test-kit';

const MAX = 4096;

test('rotation by size keeps one chain across files, which verifies and is queried as one log', async (t) => {
  const dir = await tempDir(t);
  const log = await openAuditLog({ dir, maxFileBytes: MAX });
  for (let i = 1; i <= 40; i++) await log.append(execRecord(i));
  const files = await logFiles(dir);
  assert.ok(files.length >= 3, `expected at least 3 files, got ${files.length}`);
  for (const name of files.slice(0, -1)) assert.ok((await stat(join(dir, name))).size <= MAX, `${name} stays within the limit`);

  // Each later file begins with a rotation record that links to the last record of the file before.
  for (let k = 1; k < files.length; k++) {
    const previous = await fileLines(dir, files[k - 1]!);
    const [first] = await fileLines(dir, files[k]!);
    const opening = JSON.parse(first!);
    assert.equal(opening.phase, 'audit.rotated');
    assert.deepEqual(opening.summary, { fromFile: files[k - 1], toFile: files[k], fromLastSeq: JSON.parse(previous.at(-1)!).seq });
    assert.equal(opening.prevHash, JSON.parse(previous.at(-1)!).hash);
  }

  const report = await log.verify();
  assert.equal(report.ok, true, report.problem ?? '');
  assert.equal(report.files, files.length);
  const total = 40 + files.length - 1;
  assert.equal(report.records, total);

  const everything = await log.query({ pluginId: 'plugin-1', limit: 1000 });
  assert.deepEqual(
    everything.records.map((r) => r.correlationId),
    Array.from({ length: 40 }, (_, i) => 40 - i)
      .filter((i) => i % 3 === 1)
      .map((i) => `corr-${i}`),
    'newest first, across every file',
  );
  assert.equal((await log.query({ action: 'audit.rotated' })).total, files.length - 1);
  await log.close();

  const again = await openAuditLog({ dir, maxFileBytes: MAX });
  t.after(() => again.close());
  assert.equal((await again.append(execRecord(41))).seq, total + 1);
  assert.equal((await again.query({ text: 'CORR-1' })).total, 11, 'corr-1 and corr-10..corr-19, case-insensitively');
  assert.equal((await again.verify()).ok, true);
});

test('tampering inside an earlier file or removing a whole file is found across rotation', async (t) => {
  const dir = await tempDir(t);
  const log = await openAuditLog({ dir, maxFileBytes: MAX });
  for (let i = 1; i <= 40; i++) await log.append(execRecord(i));
  await log.close();
  const files = await logFiles(dir);

  const lines = await fileLines(dir, files[1]!);
  const victim = JSON.parse(lines[2]!).seq as number;
  lines[2] = lines[2]!.replace('"cwd":"/srv"', '"cwd":"/tmp"');
  await writeLines(dir, files[1]!, lines);
  let reopened = await openAuditLog({ dir, maxFileBytes: MAX });
  let report = await reopened.verify();
  assert.equal(report.firstBadSeq, victim);
  await reopened.close();

  const firstOfThird = JSON.parse((await fileLines(dir, files[2]!))[0]!).seq as number;
  const firstOfSecond = JSON.parse((await fileLines(dir, files[1]!))[0]!).seq as number;
  await unlink(join(dir, files[1]!));
  reopened = await openAuditLog({ dir, maxFileBytes: MAX });
  t.after(() => reopened.close());
  report = await reopened.verify();
  assert.equal(report.firstBadSeq, firstOfSecond);
  assert.match(report.problem!, new RegExp(`found ${firstOfThird}`));
});
