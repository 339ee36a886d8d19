// The elevated hosts write: one fixed path, the content handed over as bytes, and nothing else touched.
// pkexec needs a polkit agent, so a FAKE pkexec (named so below) runs the real helper argv as this user,
// against a temp file standing in for /etc/hosts.
import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { ActionFailure } from '../../../src/core/action-failure';
import { createPkexecHostsElevation, createPlatformHostsElevation, pkexecHostsCommand } from '../../../src/core/hosts/hosts-elevation';
import { makeHostsDir } from './hosts-test-helpers';

test('the Linux helper is a fixed argv: pkexec, dd, the hosts file as its only path, no link, no new file', () => {
  const { command, args } = pkexecHostsCommand('/etc/hosts');
  assert.equal(command, '/usr/bin/pkexec');
  assert.match(args[0]!, /^\/(usr\/)?bin\/dd$/);
  assert.deepEqual(args.slice(1), ['of=/etc/hosts', 'conv=nocreat,fsync', 'oflag=nofollow', 'bs=65536', 'status=none']);
  for (const bad of ['relative/hosts', '/etc/hosts\n--evil', '/etc/ho\0sts']) assert.throws(() => pkexecHostsCommand(bad), ActionFailure);
});

test('only Linux has an elevation helper; elsewhere there is none rather than a shell', () => {
  assert.equal(typeof createPlatformHostsElevation('linux')?.writeHostsFile, 'function');
  assert.equal(createPlatformHostsElevation('darwin'), undefined);
  assert.equal(createPlatformHostsElevation('win32'), undefined);
});

type FakeBehaviour = 'run' | 'decline' | 'swap-for-link' | 'delete-first';

/**
 * A FAKE pkexec: logs each call and what its standard input is, may act as a hostile process in the window
 * between the host's check and the write, then runs the real helper argv as this user.
 */
async function writeFakePkexec(
  dir: string,
  behaviour: FakeBehaviour,
  victim = '',
): Promise<{ path: string; calls: () => Promise<Array<{ argv: string[]; stdin: { file: boolean; fifo: boolean; nlink: number } }>> }> {
  const path = join(dir, `fake-pkexec-${behaviour}`);
  const log = join(dir, `fake-pkexec-${behaviour}.log`);
  const body = [
    "const { appendFileSync, fstatSync, symlinkSync, unlinkSync } = require('node:fs');",
    "const { spawnSync } = require('node:child_process');",
    'const argv = process.argv.slice(2);',
    'const st = fstatSync(0);',
    `appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv, stdin: { file: st.isFile(), fifo: st.isFIFO(), nlink: st.nlink } }) + '\\n');`,
    `const behaviour = ${JSON.stringify(behaviour)};`,
    "const target = argv.find((a) => a.startsWith('of=')).slice(3);",
    "if (behaviour === 'decline') process.exit(126);",
    `if (behaviour === 'swap-for-link') { unlinkSync(target); symlinkSync(${JSON.stringify(victim)}, target); }`,
    "if (behaviour === 'delete-first') unlinkSync(target);",
    "const result = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit' });",
    'process.exit(result.status ?? 1);',
  ].join('\n');
  await writeFile(path, `#!${process.execPath}\n${body}\n`);
  await chmod(path, 0o755);
  const calls = async () =>
    (await readFile(log, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { argv: string[]; stdin: { file: boolean; fifo: boolean; nlink: number } });
  return { path, calls };
}

/** A temp folder with a file standing in for the platform's hosts file, and a victim file an attacker wants written. */
async function platformSetup(t: TestContext) {
  const { dir, hostsPath } = await makeHostsDir(t, 'old content\n');
  await chmod(hostsPath, 0o640);
  const victim = join(dir, 'victim');
  await writeFile(victim, 'victim content\n');
  return { dir, platformHostsPath: hostsPath, victim };
}

function refusedAs(reason: string) {
  return (error: unknown) => error instanceof ActionFailure && error.code === 'SCOPE_VIOLATION' && error.details?.reason === reason;
}

test('the elevated write replaces the platform hosts file in place with the given bytes (FAKE pkexec, real dd)', async (t) => {
  const { dir, platformHostsPath } = await platformSetup(t);
  const before = await stat(platformHostsPath);
  const fake = await writeFakePkexec(dir, 'run');
  const content = Buffer.from(`10.0.0.1\tbig.test\n${'# filler\n'.repeat(20_000)}`);
  await createPkexecHostsElevation({ pkexecPath: fake.path, platformHostsPath }).writeHostsFile(platformHostsPath, content);
  assert.ok((await readFile(platformHostsPath)).equals(content));
  const after = await stat(platformHostsPath);
  assert.equal(after.ino, before.ino, 'written in place: the inode (and so owner and bind mounts) is kept');
  assert.equal(after.mode & 0o777, 0o640, 'and its mode');
  const [call] = await fake.calls();
  assert.deepEqual(
    call!.argv.filter((a) => a.includes('/')).slice(1),
    [`of=${platformHostsPath}`],
    'the hosts file is the only path the helper is given',
  );
  assert.ok(
    call!.stdin.file && call!.stdin.nlink === 0,
    'the content arrives as a file with no name, which no other process can open or swap',
  );
});

test('hostile: a hosts setting that names another file is refused before the prompt, and nothing is written', async (t) => {
  const { dir, platformHostsPath, victim } = await platformSetup(t);
  const fake = await writeFakePkexec(dir, 'run');
  const elevation = createPkexecHostsElevation({ pkexecPath: fake.path, platformHostsPath });
  const link = join(dir, 'link-to-victim');
  await symlink(victim, link);
  for (const setting of [victim, link, join(dir, 'missing-file')]) {
    await assert.rejects(elevation.writeHostsFile(setting, Buffer.from('pwned\n')), refusedAs('hosts-not-platform-file'), setting);
  }
  assert.equal(await readFile(victim, 'utf8'), 'victim content\n');
  assert.equal(await readFile(platformHostsPath, 'utf8'), 'old content\n');
  assert.deepEqual(await fake.calls(), [], 'the helper never ran');
});

test('hostile: a platform hosts path that is a link, or missing, is refused; the link target is untouched and no file is created', async (t) => {
  const { dir, platformHostsPath, victim } = await platformSetup(t);
  const fake = await writeFakePkexec(dir, 'run');
  await unlink(platformHostsPath);
  await symlink(victim, platformHostsPath);
  const elevation = createPkexecHostsElevation({ pkexecPath: fake.path, platformHostsPath });
  await assert.rejects(elevation.writeHostsFile(platformHostsPath, Buffer.from('pwned\n')), refusedAs('hosts-not-platform-file'));
  assert.equal(await readFile(victim, 'utf8'), 'victim content\n');
  await unlink(platformHostsPath);
  await assert.rejects(elevation.writeHostsFile(platformHostsPath, Buffer.from('pwned\n')), refusedAs('hosts-not-platform-file'));
  assert.equal(await stat(platformHostsPath).catch(() => null), null, 'no hosts file was created');
  const folder = join(dir, 'folder-hosts');
  await mkdir(folder);
  await assert.rejects(
    createPkexecHostsElevation({ pkexecPath: fake.path, platformHostsPath: folder }).writeHostsFile(folder, Buffer.from('x')),
    refusedAs('hosts-not-platform-file'),
  );
  assert.deepEqual(await fake.calls(), []);
});

test('hostile race: the hosts file swapped for a link after the check is refused by the helper itself (FAKE pkexec swaps it)', async (t) => {
  const { dir, platformHostsPath, victim } = await platformSetup(t);
  const fake = await writeFakePkexec(dir, 'swap-for-link', victim);
  const elevation = createPkexecHostsElevation({ pkexecPath: fake.path, platformHostsPath });
  await assert.rejects(
    elevation.writeHostsFile(platformHostsPath, Buffer.from('pwned\n')),
    (error: unknown) => error instanceof ActionFailure && error.code === 'OS_ERROR',
  );
  assert.equal(await readFile(victim, 'utf8'), 'victim content\n', 'the helper did not follow the link');
  assert.equal((await fake.calls()).length, 1);
});

test('hostile race: the hosts file removed after the check is not created by the helper (FAKE pkexec removes it)', async (t) => {
  const { dir, platformHostsPath } = await platformSetup(t);
  const fake = await writeFakePkexec(dir, 'delete-first');
  const elevation = createPkexecHostsElevation({ pkexecPath: fake.path, platformHostsPath });
  await assert.rejects(
    elevation.writeHostsFile(platformHostsPath, Buffer.from('new\n')),
    (error: unknown) => error instanceof ActionFailure && error.code === 'OS_ERROR',
  );
  assert.equal(await stat(platformHostsPath).catch(() => null), null, 'the helper refused to create it');
});

test('a dismissed elevation prompt is CANCELLED; a missing pkexec is an OS error; neither writes', async (t) => {
  const { dir, platformHostsPath } = await platformSetup(t);
  const declined = createPkexecHostsElevation({ pkexecPath: (await writeFakePkexec(dir, 'decline')).path, platformHostsPath });
  await assert.rejects(
    declined.writeHostsFile(platformHostsPath, Buffer.from('new\n')),
    (error: unknown) => error instanceof ActionFailure && error.code === 'CANCELLED',
  );
  const missing = createPkexecHostsElevation({ pkexecPath: join(dir, 'no-such-pkexec'), platformHostsPath });
  await assert.rejects(
    missing.writeHostsFile(platformHostsPath, Buffer.from('new\n')),
    (error: unknown) => error instanceof ActionFailure && error.code === 'OS_ERROR' && error.details?.errno === 'ENOENT',
  );
  assert.equal(await readFile(platformHostsPath, 'utf8'), 'old content\n');
});
