import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmod, copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkProcessInvocation, runCheckedProcess } from '../../../src/core/actions/process-exec';
import { CHILD_PATH } from '../../../src/core/process/child-env';
import { makeScope, rejectsWith, tempDir } from './process-test-helpers';

const noneScope = (path: string, argv: Array<Array<string | { regex: string }>>, extra: object = {}) =>
  makeScope({ tool: 'none', executables: [{ path }], rules: { argv }, ...extra });

test('an allowed argv runs without a shell and returns its output', async () => {
  const scope = noneScope('/bin/echo', [['hello', { regex: '.*' }]]);
  const checked = await checkProcessInvocation(scope, { command: '/bin/echo', args: ['hello', '$(id) `id` ; | * ~'] });
  const result = await runCheckedProcess(checked);
  assert.equal(result.stdout, 'hello $(id) `id` ; | * ~\n', 'metacharacters reach the program literally');
  assert.deepEqual(
    { ...result, durationMs: 0 },
    {
      command: '/bin/echo',
      args: ['hello', '$(id) `id` ; | * ~'],
      cwd: null,
      exitCode: 0,
      signal: null,
      stdout: result.stdout,
      stderr: '',
      truncated: false,
      timedOut: false,
      durationMs: 0,
      dryRun: false,
    },
  );
  assert.ok(result.durationMs >= 0);
});

test('stdin gets utf8 or base64 input, and output can come back as base64', async () => {
  const scope = noneScope('/bin/cat', [[]]);
  const text = 'héllo\nwörld';
  const utf8 = await runCheckedProcess(await checkProcessInvocation(scope, { command: '/bin/cat', input: text }));
  assert.equal(utf8.stdout, text);
  const bytes = Buffer.from([0, 1, 2, 255, 254, 10]);
  const b64 = await runCheckedProcess(
    await checkProcessInvocation(scope, { command: '/bin/cat', input: bytes.toString('base64'), encoding: 'base64' }),
  );
  assert.equal(b64.stdout, bytes.toString('base64'));
  const none = await runCheckedProcess(await checkProcessInvocation(scope, { command: '/bin/cat' }));
  assert.equal(none.stdout, '', 'stdin is closed when there is no input');
});

test('the child sees only the host base, the allowed keys, the secrets and nothing of the host environment', async (t) => {
  process.env.GATEHOUSE_HOST_ONLY = 'host-secret';
  t.after(() => delete process.env.GATEHOUSE_HOST_ONLY);
  const scope = noneScope('/usr/bin/printenv', [[]], { allowedEnvKeys: ['ALLOWED_KEY'] });
  const checked = await checkProcessInvocation(scope, { command: '/usr/bin/printenv', env: { ALLOWED_KEY: 'plugin-value' } });
  const result = await runCheckedProcess(checked, { secretEnv: { API_TOKEN: 's3cr3t-token-value' } });
  const env = Object.fromEntries(
    result.stdout
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  assert.equal(env.ALLOWED_KEY, 'plugin-value');
  assert.equal(env.PATH, CHILD_PATH);
  assert.equal(env.API_TOKEN, '[redacted]', 'the secret reached the child, and its value is redacted from the output');
  assert.ok(!result.stdout.includes('s3cr3t-token-value'));
  assert.equal(env.GATEHOUSE_HOST_ONLY, undefined);
  // bubblewrap sets PWD to the folder it starts the tool in: the sandbox's value, not the host's.
  assert.ok(env.PWD === undefined || env.PWD === checked.spawnCwd, `PWD is ${env.PWD}`);
  const allowedNames = new Set(['ALLOWED_KEY', 'API_TOKEN', 'PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'PWD']);
  assert.deepEqual(
    Object.keys(env).filter((key) => !allowedNames.has(key)),
    [],
  );

  await rejectsWith(() => runCheckedProcess(checked, { secretEnv: { LD_PRELOAD: '/tmp/x.so' } }), 'SCOPE_VIOLATION', 'env-key-not-allowed');
});

test('git runs with the host-set config that a repository cannot override', async () => {
  const scope = makeScope({ tool: 'git', executables: [{ path: '/usr/bin/git' }], rules: { allowedSubcommands: ['version'] } });
  const checked = await checkProcessInvocation(scope, { command: '/usr/bin/git', args: ['version'] });
  assert.equal(checked.hostEnv.GIT_CONFIG_KEY_1, 'core.fsmonitor');
  assert.match((await runCheckedProcess(checked)).stdout, /^git version /);
});

test('secret values are redacted from output, including a prefix cut off by truncation', async () => {
  const secret = 'TOPSECRET-123456';
  const scope = noneScope('/bin/echo', [[{ regex: '.*' }]], { maxOutputBytes: 12 });
  const checked = await checkProcessInvocation(scope, { command: '/bin/echo', args: [`ab${secret}`] });
  const result = await runCheckedProcess(checked, { secretEnv: { TOKEN: secret } });
  assert.equal(result.truncated, true);
  assert.equal(result.stdout, 'ab[redacted]');
});

test('a non-zero exit is PROCESS_EXIT_NON_ZERO with bounded output and the result', async () => {
  const scope = noneScope('/bin/cat', [['/nonexistent-file']]);
  const failure = await rejectsWith(
    async () => runCheckedProcess(await checkProcessInvocation(scope, { command: '/bin/cat', args: ['/nonexistent-file'] })),
    'PROCESS_EXIT_NON_ZERO',
  );
  assert.equal(failure.details?.exitCode, 1);
  assert.match(String(failure.details?.stderr), /No such file/);
  assert.deepEqual(failure.details?.args, ['/nonexistent-file']);
  assert.equal(failure.details?.command, '/bin/cat');
  assert.equal((failure.result as { exitCode: number }).exitCode, 1);
  const falseScope = noneScope('/bin/false', [[]]);
  await rejectsWith(
    async () => runCheckedProcess(await checkProcessInvocation(falseScope, { command: '/bin/false' })),
    'PROCESS_EXIT_NON_ZERO',
  );
});

test('ENOENT and EACCES at spawn are their own codes', async (t) => {
  const dir = await tempDir(t);
  const tool = join(dir, 'tool');
  await copyFile('/bin/true', tool);
  const scope = noneScope(tool, [[]]);
  const checked = await checkProcessInvocation(scope, { command: tool });
  await chmod(tool, 0o644);
  await rejectsWith(() => runCheckedProcess(checked), 'PROCESS_SPAWN_PERMISSION_DENIED');
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: tool }).then((c) => runCheckedProcess(c)),
    'PROCESS_SPAWN_PERMISSION_DENIED',
  );
  await rm(tool);
  await rejectsWith(() => runCheckedProcess(checked), 'PROCESS_SPAWN_ENOENT');
  await rejectsWith(() => checkProcessInvocation(scope, { command: tool }), 'PROCESS_SPAWN_ENOENT');
});

test('the executable is verified again right before the spawn', async (t) => {
  const dir = await tempDir(t);
  const tool = join(dir, 'tool');
  await copyFile('/bin/true', tool);
  const pin = createHash('sha256')
    .update(await readFile(tool))
    .digest('hex');
  const scope = makeScope({ tool: 'none', executables: [{ path: tool, sha256: pin }], rules: { argv: [[]] } });
  const checked = await checkProcessInvocation(scope, { command: tool });
  await writeFile(tool, '#!/bin/sh\nid\n', { mode: 0o755 });
  await rejectsWith(() => runCheckedProcess(checked), 'SCOPE_VIOLATION', 'executable-hash-mismatch');
});

test('the child runs in the checked real folder', async (t) => {
  const dir = await tempDir(t);
  const scope = makeScope({ tool: 'none', executables: [{ path: '/bin/pwd' }], rules: { argv: [[]] }, cwdRoots: [dir] });
  const result = await runCheckedProcess(await checkProcessInvocation(scope, { command: '/bin/pwd' }));
  assert.equal(result.stdout.trim(), dir);
  assert.equal(result.cwd, dir);
});
