// The generated bubblewrap argv and macOS sandbox-exec profile, as text. The macOS profile cannot run on
// this Linux machine: these tests check its rules and escaping, not its effect.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bwrapArgs } from '../../../src/core/sandbox/bwrap-args';
import { macosProfile, sandboxExecArgs, sbplString } from '../../../src/core/sandbox/macos-profile';
import type { SandboxPlan } from '../../../src/core/sandbox/sandbox-plan';

const plan: SandboxPlan = {
  executable: '/usr/bin/git',
  args: ['status', '--short'],
  cwd: '/work/repo',
  writePaths: ['/work/repo', '/work/repo/.cache'],
  readPaths: ['/home/u/.ssh/id_ed25519', '/work'],
  hiddenPaths: ['/home/u', '/home'],
  network: false,
};

function indexOfPair(args: string[], flag: string, path: string): number {
  return args.findIndex((arg, i) => arg === flag && args[i + 1] === path);
}

test('bubblewrap: namespaces, no capabilities, read-only root, private temp folders, hidden homes, then the binds', () => {
  const args = bwrapArgs(plan, () => true);
  for (const flag of [
    '--new-session',
    '--die-with-parent',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--unshare-net',
  ]) {
    assert.ok(args.includes(flag), flag);
  }
  assert.ok(indexOfPair(args, '--cap-drop', 'ALL') >= 0);
  assert.ok(indexOfPair(args, '--ro-bind', '/') >= 0);
  assert.ok(indexOfPair(args, '--dev', '/dev') >= 0);
  assert.ok(indexOfPair(args, '--proc', '/proc') >= 0);
  for (const dir of ['/tmp', '/var/tmp', '/run', '/dev/shm', '/home/u', '/home']) assert.ok(indexOfPair(args, '--tmpfs', dir) >= 0, dir);
  const home = indexOfPair(args, '--tmpfs', '/home/u');
  const key = indexOfPair(args, '--ro-bind', '/home/u/.ssh/id_ed25519');
  assert.ok(key > home, 'a declared path under the home is laid over the hidden home');
  const work = indexOfPair(args, '--ro-bind', '/work');
  const repo = indexOfPair(args, '--bind', '/work/repo');
  const cache = indexOfPair(args, '--bind', '/work/repo/.cache');
  assert.ok(work < repo && repo < cache, 'shallower binds first, so the deeper one lies on top');
  assert.ok(indexOfPair(args, '--ro-bind', '/usr/bin/git') >= 0, 'the executable is visible even under a hidden folder');
  assert.deepEqual(args.slice(args.indexOf('--chdir')), ['--chdir', '/work/repo', '--', '/usr/bin/git', 'status', '--short']);
  assert.equal(args.includes('--share-net'), false);
});

test('bubblewrap: nested user namespaces are forbidden where bubblewrap can, and only then', () => {
  assert.deepEqual(bwrapArgs(plan, () => true, { disableUserns: true }).slice(0, 2), ['--unshare-user', '--disable-userns']);
  assert.equal(bwrapArgs(plan, () => true).includes('--disable-userns'), false);
});

test('bubblewrap: a declared network keeps the host network and the resolver; missing fixed folders are skipped', () => {
  const args = bwrapArgs({ ...plan, network: true }, (path) => path !== '/var/tmp');
  assert.equal(args.includes('--unshare-net'), false);
  assert.ok(indexOfPair(args, '--ro-bind-try', '/run/systemd/resolve') > indexOfPair(args, '--tmpfs', '/run'));
  assert.equal(indexOfPair(args, '--tmpfs', '/var/tmp'), -1);
});

test('bubblewrap: argv after "--" is passed through untouched, flags included', () => {
  const args = bwrapArgs({ ...plan, args: ['--bind', '/', '/', '--unshare-net'] }, () => true);
  assert.deepEqual(args.slice(args.indexOf('--') + 1), ['/usr/bin/git', '--bind', '/', '/', '--unshare-net']);
});

test('macOS profile: deny by default, homes unreadable, declared paths readable again, writes only to roots', () => {
  const profile = macosProfile(plan);
  const lines = profile.trim().split('\n');
  assert.equal(lines[0], '(version 1)');
  assert.equal(lines[1], '(deny default)');
  const deny = lines.indexOf('(deny file-read* (subpath "/home/u"))');
  const allow = lines.indexOf('(allow file-read* (subpath "/home/u/.ssh/id_ed25519"))');
  assert.ok(deny > lines.indexOf('(allow file-read*)') && allow > deny, 'each allowance follows the denial it narrows');
  assert.ok(lines.includes('(allow file-write* (subpath "/work/repo"))'));
  assert.ok(lines.includes('(allow network-outbound (remote unix-socket (path-literal "/work/repo/.cache")))'));
  assert.equal(lines.filter((line) => line.startsWith('(allow file-write*')).length, 3, '/dev/null and tty, and the two write paths');
  assert.equal(profile.includes('(allow network*)'), false);
  assert.ok(macosProfile({ ...plan, network: true }).includes('(allow network*)'));
});

test('macOS profile: quotes and backslashes are escaped, control characters refused', () => {
  assert.equal(sbplString('/a"b\\c'), '"/a\\"b\\\\c"');
  const hostile = macosProfile({ ...plan, writePaths: ['/x") (allow default) ("'] });
  assert.ok(hostile.includes('(allow file-write* (subpath "/x\\") (allow default) (\\""))'));
  assert.equal(hostile.split('\n').includes('(allow default)'), false);
  assert.throws(() => sbplString('/a\nb'), /control characters/);
  assert.throws(() => macosProfile({ ...plan, readPaths: ['/a\u0000b'] }), /control characters/);
  const args = sandboxExecArgs(plan);
  assert.equal(args[0], '-p');
  assert.deepEqual(args.slice(2), ['/usr/bin/git', 'status', '--short']);
});
