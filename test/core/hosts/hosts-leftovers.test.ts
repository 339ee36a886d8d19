// What the core removes at open after a crashed hosts write: its own leftovers, and nothing else.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chown, lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { hostsTempFilePattern, removeHostsLeftovers } from '../../../src/core/hosts/hosts-leftovers';
import { tempNameFor } from '../../../src/core/fs/temp-files';
import { makeHostsDir } from './hosts-test-helpers';

const HEX = '0123456789abcdef';

test('the leftover pattern is the one the atomic replace names its temp files with', () => {
  const match = hostsTempFilePattern('hosts').exec(tempNameFor('hosts'));
  assert.equal(match?.[1], String(process.pid), 'fs/temp-files and hosts-leftovers agree on the name; unify them if this fails');
  assert.equal(hostsTempFilePattern('hosts').exec(tempNameFor('hosts.bak')), null);
});

test('hostile: the clean-up at open removes only its own dead temp files: never a link, folder, live writer, other file or other user', async (t) => {
  const { dir, hostsPath, lockDir } = await makeHostsDir(t);
  const gone = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' }).pid!;
  const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  t.after(() => live.kill('SIGKILL'));
  const victim = join(dir, 'victim');
  await writeFile(victim, 'victim\n');
  const own = `.hosts.${gone}.${HEX}.gatehouse-tmp`;
  const kept = {
    link: `.hosts.${gone}.${HEX.replace('0', '1')}.gatehouse-tmp`,
    folder: `.hosts.${gone}.${HEX.replace('0', '2')}.gatehouse-tmp`,
    liveWriter: `.hosts.${live.pid}.${HEX}.gatehouse-tmp`,
    otherTarget: `.resolv.conf.${gone}.${HEX}.gatehouse-tmp`,
    lookalike: `hosts.${gone}.${HEX}.gatehouse-tmp`,
    backup: 'hosts.bak',
  };
  await writeFile(join(dir, own), 'half a hosts file');
  await symlink(victim, join(dir, kept.link));
  await mkdir(join(dir, kept.folder));
  for (const name of [kept.liveWriter, kept.otherTarget, kept.lookalike, kept.backup]) await writeFile(join(dir, name), 'not ours\n');
  let otherUser: string | null = null;
  if (process.getuid?.() === 0) {
    otherUser = `.hosts.${gone}.${HEX.replace('0', '3')}.gatehouse-tmp`;
    await writeFile(join(dir, otherUser), "another user's\n");
    await chown(join(dir, otherUser), 65534, 65534);
  } else {
    t.diagnostic('not root: a file of another user cannot be made here, so that case is not exercised');
  }

  const removed = await removeHostsLeftovers(hostsPath, lockDir);
  assert.deepEqual(removed, [join(dir, own)]);
  const names = await readdir(dir);
  assert.ok(!names.includes(own));
  for (const name of [...Object.values(kept), ...(otherUser ? [otherUser] : [])]) assert.ok(names.includes(name), `${name} is kept`);
  assert.ok((await lstat(join(dir, kept.link))).isSymbolicLink());
  assert.equal(await readFile(victim, 'utf8'), 'victim\n', 'the link target is untouched');
});

test('hostile: a lock file held by a live process is kept at open; one of a process that is gone is removed', async (t) => {
  const { dir, hostsPath, lockDir } = await makeHostsDir(t);
  const lock = join(dir, '.hosts.gatehouse.lock');
  const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  t.after(() => live.kill('SIGKILL'));
  await writeFile(lock, `${live.pid}\n${HEX}${HEX}\n`);
  assert.deepEqual(await removeHostsLeftovers(hostsPath, lockDir), []);
  assert.equal(await readFile(lock, 'utf8'), `${live.pid}\n${HEX}${HEX}\n`);
  const gone = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' }).pid!;
  await writeFile(lock, `${gone}\n${HEX}${HEX}\n`);
  assert.deepEqual(await removeHostsLeftovers(hostsPath, lockDir), [lock]);
  assert.deepEqual(await readdir(dir), ['hosts']);
});
