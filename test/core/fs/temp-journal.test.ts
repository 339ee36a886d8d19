// Temp files a crash leaves are removed when the host opens again, through the journal written before each
// temp file was created; only regular files with a temp-file name, reached without following a symlink.
import assert from 'node:assert/strict';
import { appendFile, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openTempJournal, TEMP_JOURNAL_FILE } from '../../../src/core/fs/temp-journal';
import { tempNameFor } from '../../../src/core/fs/temp-files';
import { createCoreFixture } from '../../support/core-fixture';
import { makeTempDir } from './fs-test-helpers';
import { killWhen, startWriter, tempFilesIn } from './kill-helpers';

test('opening the journal removes listed leftovers that are regular temp files, and nothing else', async (t) => {
  const base = await makeTempDir(t, 'gatehouse-journal-');
  const dir = join(base, 'work');
  const outside = join(base, 'outside');
  await mkdir(dir);
  await mkdir(outside);
  const journalFile = join(base, 'journal');
  const { journal } = await openTempJournal(journalFile);
  const leftover = tempNameFor('a');
  const asDirectory = tempNameFor('b');
  const unlisted = tempNameFor('c');
  const viaLink = tempNameFor('d');
  for (const name of [leftover, asDirectory, tempNameFor('never-created')]) await journal.record(dir, name);
  await journal.record(join(base, 'link'), viaLink);
  await journal.close();
  await writeFile(join(dir, leftover), 'half');
  await mkdir(join(dir, asDirectory));
  await writeFile(join(dir, unlisted), 'not ours to judge');
  await writeFile(join(outside, viaLink), 'outside');
  await symlink(outside, join(base, 'link'));
  await appendFile(journalFile, '{"dir":"/tm'); // a torn last line: its temp file was never created

  const { journal: reopened, removed } = await openTempJournal(journalFile);
  await reopened.close();
  assert.deepEqual(removed, [join(dir, leftover)]);
  assert.deepEqual((await readdir(dir)).sort(), [asDirectory, unlisted].sort());
  assert.deepEqual(await readdir(outside), [viaLink], 'a folder reached through a symlink is not entered');
  assert.equal(await readFile(journalFile, 'utf8'), '', 'the journal starts empty again');
});

test('a writer killed while its temp file grows leaves it; the host core removes it when it opens', async (t) => {
  const base = await makeTempDir(t, 'gatehouse-journal-kill-');
  const root = join(base, 'root');
  const dataDir = join(base, 'data');
  await mkdir(root);
  await mkdir(dataDir);
  const target = join(root, 'big');
  await writeFile(target, 'old');
  const size = 8 * 1024 * 1024;
  let caught: string[] = [];
  // The watcher kills as soon as the temp file has content; tried again in the rare case the write won the race.
  for (let attempt = 0; attempt < 5 && caught.length === 0; attempt++) {
    const { child, go } = await startWriter(['writeFile', root, 'big', String(size), join(dataDir, TEMP_JOURNAL_FILE)]);
    await go();
    await killWhen(
      child,
      root,
      target,
      (m) => m.tempSize !== null && m.tempSize > 0,
      (m) => m.targetSize === size,
    );
    caught = tempFilesIn(root);
    await writeFile(target, 'old');
  }
  assert.equal(caught.length, 1, 'the kill left a temp file behind');
  assert.equal(await readFile(target, 'utf8'), 'old');

  const fixture = await createCoreFixture([], { dataDir });
  t.after(() => fixture.cleanup());
  assert.deepEqual(tempFilesIn(root), [], 'the core removed the leftover when it opened');
  assert.deepEqual(await readdir(root), ['big']);
});
