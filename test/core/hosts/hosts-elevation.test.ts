import assert from 'node:assert/strict';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ActionFailure } from '../../../src/core/action-failure';
import { createPkexecHostsElevation, createPlatformHostsElevation, pkexecHostsCommand } from '../../../src/core/hosts/hosts-elevation';
import { makeHostsDir } from './hosts-test-helpers';

test('the Linux helper is a fixed argv: pkexec, install, mode, "--", then the two host-chosen paths', () => {
  assert.deepEqual(pkexecHostsCommand('/etc/hosts', '/home/u/.config/gatehouse/hosts.tmp'), {
    command: '/usr/bin/pkexec',
    args: ['/usr/bin/install', '-m', '0644', '--', '/home/u/.config/gatehouse/hosts.tmp', '/etc/hosts'],
  });
  for (const bad of ['relative/hosts', '/etc/hosts\n--evil', '/etc/ho\0sts']) {
    assert.throws(() => pkexecHostsCommand(bad, '/tmp/content'), ActionFailure);
    assert.throws(() => pkexecHostsCommand('/etc/hosts', bad), ActionFailure);
  }
});

test('only Linux has an elevation helper; elsewhere there is none rather than a shell', () => {
  assert.equal(typeof createPlatformHostsElevation('linux')?.writeHostsFile, 'function');
  assert.equal(createPlatformHostsElevation('darwin'), undefined);
  assert.equal(createPlatformHostsElevation('win32'), undefined);
});

/** A stand-in for /usr/bin/pkexec (which needs a polkit agent): checks the argv and runs the helper as this user. */
async function writeFakePkexec(dir: string, behaviour: 'run' | 'decline'): Promise<string> {
  const path = join(dir, `fake-pkexec-${behaviour}`);
  const body =
    behaviour === 'decline'
      ? 'process.exit(126);'
      : [
          "const { spawnSync } = require('node:child_process');",
          'const [helper, ...rest] = process.argv.slice(2);',
          "if (helper !== '/usr/bin/install' || rest[3] === undefined || rest[2] !== '--') process.exit(3);",
          "const result = spawnSync(helper, rest, { stdio: 'inherit' });",
          'process.exit(result.status ?? 1);',
        ].join('\n');
  await writeFile(path, `#!${process.execPath}\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

test('the pkexec elevation copies the content file over the hosts file with mode 0644 (fake pkexec)', async (t) => {
  const { dir, hostsPath } = await makeHostsDir(t, 'old content\n');
  await chmod(hostsPath, 0o600);
  const contentFile = join(dir, 'content');
  await writeFile(contentFile, 'new content\n');
  const elevation = createPkexecHostsElevation({ pkexecPath: await writeFakePkexec(dir, 'run') });
  await elevation.writeHostsFile(hostsPath, contentFile);
  assert.equal(await readFile(hostsPath, 'utf8'), 'new content\n');
  assert.equal((await stat(hostsPath)).mode & 0o777, 0o644);
});

test('a dismissed elevation prompt is CANCELLED; a missing pkexec is an OS error', async (t) => {
  const { dir, hostsPath } = await makeHostsDir(t, 'old\n');
  const contentFile = join(dir, 'content');
  await writeFile(contentFile, 'new\n');
  const declined = createPkexecHostsElevation({ pkexecPath: await writeFakePkexec(dir, 'decline') });
  await assert.rejects(declined.writeHostsFile(hostsPath, contentFile), (error: unknown) => error instanceof ActionFailure && error.code === 'CANCELLED');
  const missing = createPkexecHostsElevation({ pkexecPath: join(dir, 'no-such-pkexec') });
  await assert.rejects(
    missing.writeHostsFile(hostsPath, contentFile),
    (error: unknown) => error instanceof ActionFailure && error.code === 'OS_ERROR' && error.details?.errno === 'ENOENT',
  );
  assert.equal(await readFile(hostsPath, 'utf8'), 'old\n');
});
