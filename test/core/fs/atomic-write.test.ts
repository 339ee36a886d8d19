import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, readdir, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeFileAtomic } from '../../../src/core/fs/atomic-write';
import { cleanupStaleTempFiles, tempNameFor } from '../../../src/core/fs/temp-files';
import { expectFailure, makeTempDir } from './fs-test-helpers';

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid!;
}

const tempFor = (name: string, pid: number) => tempNameFor(name).replace(`.${process.pid}.`, `.${pid}.`);

test('stale temp files are removed: a dead writer, this process when not in use, anything over an hour old', async (t) => {
  const dir = await makeTempDir(t);
  const dead = tempFor('a', await deadPid());
  const mine = tempNameFor('b');
  const live = tempFor('c', process.ppid);
  const oldLive = tempFor('d', process.ppid);
  for (const name of [dead, mine, live, oldLive, 'unrelated.tmp', '.looks.like.gatehouse-tmp']) await writeFile(join(dir, name), 'x');
  const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
  await utimes(join(dir, oldLive), twoHoursAgo, twoHoursAgo);

  const removed = await cleanupStaleTempFiles(dir);
  assert.deepEqual(removed.sort(), [dead, mine, oldLive].sort());
  assert.deepEqual((await readdir(dir)).sort(), ['.looks.like.gatehouse-tmp', live, 'unrelated.tmp'].sort());
  assert.deepEqual(await cleanupStaleTempFiles(join(dir, 'missing')), [], 'a missing folder is not an error');
});

test('the next atomic write into a folder cleans up what an interrupted writer left there', async (t) => {
  const dir = await makeTempDir(t);
  const leftover = tempFor('target', await deadPid());
  await writeFile(join(dir, leftover), 'half a write');
  await writeFileAtomic(join(dir, 'target'), 'whole');
  assert.deepEqual(await readdir(dir), ['target']);
  assert.equal(await readFile(join(dir, 'target'), 'utf8'), 'whole');
});

test('an atomic write refuses a final symlink and leaves its target alone', async (t) => {
  const dir = await makeTempDir(t);
  await writeFile(join(dir, 'real'), 'original');
  await symlink(join(dir, 'real'), join(dir, 'link'));
  await expectFailure(writeFileAtomic(join(dir, 'link'), 'replaced'), 'SCOPE_VIOLATION', { reason: 'symlink-final-component' });
  assert.equal(await readFile(join(dir, 'real'), 'utf8'), 'original');
  assert.deepEqual((await readdir(dir)).sort(), ['link', 'real']);
});

test('concurrent atomic writes to one file leave exactly one whole version and no temp files', async (t) => {
  const dir = await makeTempDir(t);
  const target = join(dir, 'shared');
  const versions = Array.from({ length: 20 }, (_, i) => `version ${i} `.repeat(5000 + i));
  await Promise.all(versions.map((content) => writeFileAtomic(target, content)));
  assert.ok(versions.includes(await readFile(target, 'utf8')));
  assert.deepEqual(await readdir(dir), ['shared']);
});
