import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkProcessInvocation } from '../../../src/core/policy/check-process-invocation';
import { makeScope, rejectsWith, tempDir } from './process-test-helpers';

const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

/** A fake `docker`: a copy of /bin/echo, so argv can be checked without docker installed. */
async function fakeDocker(dir: string): Promise<string> {
  const path = join(dir, 'bin', 'docker');
  await mkdir(join(dir, 'bin'), { recursive: true });
  await copyFile('/bin/echo', path);
  return path;
}

test('the executable must resolve to an allowed entry; a symlink that resolves elsewhere is refused', async (t) => {
  const dir = await tempDir(t);
  const docker = await fakeDocker(dir);
  const scope = makeScope({ tool: 'docker', executables: [{ path: docker }], rules: { allowedSubcommands: ['version'] } });

  const checked = await checkProcessInvocation(scope, { command: docker, args: ['version'] });
  assert.equal(checked.executable, docker);
  assert.equal(checked.resolved, docker);

  const lookalike = join(dir, 'docker');
  await symlink('/bin/cat', lookalike);
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: lookalike, args: ['version'] }),
    'SCOPE_VIOLATION',
    'executable-not-allowed',
  );
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: '/bin/echo', args: ['version'] }),
    'SCOPE_VIOLATION',
    'executable-not-allowed',
  );
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: join(dir, 'missing'), args: ['version'] }),
    'SCOPE_VIOLATION',
    'executable-not-allowed',
  );

  // A different link to the same allowed file runs as the scope's own entry (argv[0] included).
  const alias = join(dir, 'alias');
  await symlink(docker, alias);
  const viaAlias = await checkProcessInvocation(scope, { command: alias, args: ['version'] });
  assert.equal(viaAlias.executable, docker);
});

test('an allowed entry that is a symlink to a shell is refused when it is resolved', async (t) => {
  const dir = await tempDir(t);
  const tool = join(dir, 'docker');
  await symlink('/bin/sh', tool);
  const scope = makeScope({ tool: 'docker', executables: [{ path: tool }], rules: { allowedSubcommands: ['version'] } });
  await rejectsWith(() => checkProcessInvocation(scope, { command: tool, args: ['version'] }), 'SCOPE_VIOLATION', 'executable-not-allowed');
});

test('a missing allowed executable is PROCESS_SPAWN_ENOENT; a sha256 pin must match', async (t) => {
  const dir = await tempDir(t);
  const docker = await fakeDocker(dir);
  const missing = join(dir, 'bin', 'kubectl');
  const good = makeScope({
    tool: 'docker',
    executables: [{ path: docker, sha256: await sha256(docker) }, { path: missing }],
    rules: { allowedSubcommands: ['version'] },
  });
  await checkProcessInvocation(good, { command: docker, args: ['version'] });
  await rejectsWith(() => checkProcessInvocation(good, { command: missing, args: ['version'] }), 'PROCESS_SPAWN_ENOENT');

  const pinned = makeScope({
    tool: 'docker',
    executables: [{ path: docker, sha256: await sha256('/bin/cat') }],
    rules: { allowedSubcommands: ['version'] },
  });
  const failure = await rejectsWith(
    () => checkProcessInvocation(pinned, { command: docker, args: ['version'] }),
    'SCOPE_VIOLATION',
    'executable-hash-mismatch',
  );
  assert.equal(failure.details?.actual, await sha256(docker));

  // Replacing the file after the pin was taken is noticed, even though the hash is cached.
  await copyFile('/bin/cat', docker);
  await rejectsWith(
    () => checkProcessInvocation(good, { command: docker, args: ['version'] }),
    'SCOPE_VIOLATION',
    'executable-hash-mismatch',
  );
});

test('cwd must resolve inside the roots; defaults to the first root; symlinks out are refused', async (t) => {
  const dir = await tempDir(t);
  const outside = await tempDir(t);
  const docker = await fakeDocker(dir);
  const root = join(dir, 'root');
  await mkdir(join(root, 'sub'), { recursive: true });
  await symlink(outside, join(root, 'escape'));
  await writeFile(join(root, 'file.txt'), 'x');
  const scope = makeScope({
    tool: 'docker',
    executables: [{ path: docker }],
    rules: { allowedSubcommands: ['version'] },
    cwdRoots: [root],
  });

  assert.equal((await checkProcessInvocation(scope, { command: docker, args: ['version'] })).cwd, root);
  assert.equal(
    (await checkProcessInvocation(scope, { command: docker, args: ['version'], cwd: join(root, 'sub') })).spawnCwd,
    join(root, 'sub'),
  );
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: docker, args: ['version'], cwd: outside }),
    'SCOPE_VIOLATION',
    'cwd-outside-roots',
  );
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: docker, args: ['version'], cwd: join(root, 'escape') }),
    'SCOPE_VIOLATION',
    'cwd-outside-roots',
  );
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: docker, args: ['version'], cwd: '/' }),
    'SCOPE_VIOLATION',
    'cwd-outside-roots',
  );
  await rejectsWith(() => checkProcessInvocation(scope, { command: docker, args: ['version'], cwd: join(root, 'nope') }), 'OS_ERROR');
  await rejectsWith(() => checkProcessInvocation(scope, { command: docker, args: ['version'], cwd: join(root, 'file.txt') }), 'OS_ERROR');

  const rootless = makeScope({ tool: 'docker', executables: [{ path: docker }], rules: { allowedSubcommands: ['version'] } });
  assert.equal((await checkProcessInvocation(rootless, { command: docker, args: ['version'] })).cwd, null);
  await rejectsWith(
    () => checkProcessInvocation(rootless, { command: docker, args: ['version'], cwd: root }),
    'SCOPE_VIOLATION',
    'cwd-outside-roots',
  );
});

test('path-valued options must resolve inside the roots: absolute, .., symlink escapes, link/.., URLs, keyed forms, -C', async (t) => {
  const dir = await tempDir(t);
  const outside = await tempDir(t);
  const root = join(dir, 'root');
  await mkdir(join(root, 'sub', 'deep'), { recursive: true });
  await symlink(outside, join(root, 'escape'));
  await symlink(join(outside), join(root, 'sub', 'up'));
  const kubectl = join(dir, 'kubectl');
  await copyFile('/bin/echo', kubectl);
  const scope = makeScope({
    tool: 'kubectl',
    executables: [{ path: kubectl }],
    rules: { allowedSubcommands: ['apply', 'create'] },
    cwdRoots: [root],
  });
  const run = (args: string[], cwd?: string) => checkProcessInvocation(scope, { command: kubectl, args, ...(cwd ? { cwd } : {}) });

  await run(['apply', '-f', 'a.yaml']);
  await run(['apply', '-f', 'sub/deep/x.yaml', '-f', '-']);
  await run(['apply', '-f', 'new-dir/not-yet/x.yaml']);
  await run(['apply', '-f', join(root, 'x.yaml')], join(root, 'sub'));
  // `..` is refused even where it would stay inside: the host does not normalise what the tool resolves.
  await rejectsWith(() => run(['apply', '-f', 'sub/deep/../x.yaml']), 'SCOPE_VIOLATION', 'path-outside-roots');
  await rejectsWith(() => run(['apply', '-f', '../x.yaml'], join(root, 'sub')), 'SCOPE_VIOLATION', 'path-outside-roots');
  // A kubeconfig is never the plugin's choice, inside the roots or not.
  await rejectsWith(() => run(['--kubeconfig', join(root, 'kube'), 'apply', '-f', 'x']), 'SCOPE_VIOLATION', 'global-option-denied');
  await rejectsWith(() => run(['apply', '-f', 'x', '--kubeconfig', '../k']), 'SCOPE_VIOLATION', 'global-option-denied');
  for (const args of [
    ['apply', '-f', '/etc/passwd'],
    ['apply', '-f', '../x.yaml'],
    ['apply', '-f', 'sub/../../x.yaml'],
    ['apply', '-f', 'escape/x.yaml'],
    ['apply', '--filename=escape/x.yaml'],
    ['apply', '-fescape/x.yaml'],
    ['apply', '-f', 'sub/up/../x.yaml'],
    ['apply', '-f', 'https://evil.example/x.yaml'],
    ['apply', '-f', ''],
    ['apply', '-k', '/'],
    ['apply', '-f', 'sub\\..\\..\\x.yaml'],
    ['apply', '-f', 'file:///etc/passwd'],
    ['apply', '-f', 'x\ny.yaml'],
    ['create', 'secret', 'generic', 's', '--from-file=key=/etc/shadow'],
    ['create', 'configmap', 'c', '--from-file', 'escape/k'],
  ]) {
    await rejectsWith(() => run(args), 'SCOPE_VIOLATION', 'path-outside-roots');
  }
  await run(['create', 'secret', 'generic', 's', '--from-file=key=sub/k']);

  const git = join(dir, 'git');
  await copyFile('/usr/bin/git', git);
  const gitScope = makeScope({
    tool: 'git',
    executables: [{ path: git }],
    rules: { allowedSubcommands: ['log', 'commit'] },
    cwdRoots: [root],
  });
  await checkProcessInvocation(gitScope, { command: git, args: ['-C', 'sub', 'log'] });
  await checkProcessInvocation(gitScope, { command: git, args: ['-C', 'sub', '--git-dir=deep', 'log'] });
  await rejectsWith(
    () => checkProcessInvocation(gitScope, { command: git, args: ['-C', 'sub', '--git-dir=../../x', 'log'] }),
    'SCOPE_VIOLATION',
    'path-outside-roots',
  );
  await rejectsWith(
    () => checkProcessInvocation(gitScope, { command: git, args: ['-C', '..', 'log'] }),
    'SCOPE_VIOLATION',
    'path-outside-roots',
  );
  await rejectsWith(
    () => checkProcessInvocation(gitScope, { command: git, args: ['commit', '-F', '/etc/shadow'] }),
    'SCOPE_VIOLATION',
    'path-outside-roots',
  );
  await rejectsWith(
    () => checkProcessInvocation(gitScope, { command: git, args: ['commit', '--fil=/etc/shadow'] }),
    'SCOPE_VIOLATION',
    'path-outside-roots',
  );
});

test('env keys must be listed by the scope and may not be loader keys; timeouts may not exceed the ceiling', async (t) => {
  const dir = await tempDir(t);
  const docker = await fakeDocker(dir);
  const scope = makeScope({
    tool: 'docker',
    executables: [{ path: docker }],
    rules: { allowedSubcommands: ['version'] },
    allowedEnvKeys: ['DOCKER_HOST'],
    timeoutCeilingMs: 5000,
  });
  const run = (extra: object) => checkProcessInvocation(scope, { command: docker, args: ['version'], ...extra });

  const checked = await run({ env: { DOCKER_HOST: 'unix:///x' } });
  assert.deepEqual(checked.env, { DOCKER_HOST: 'unix:///x' });
  assert.equal(checked.timeoutMs, 5000, 'defaults to the ceiling');
  assert.equal((await run({ timeoutMs: 100 })).timeoutMs, 100);
  for (const key of ['LD_PRELOAD', 'DOCKER_CONFIG', 'HOME', 'OTHER']) {
    const failure = await rejectsWith(() => run({ env: { [key]: 'x' } }), 'SCOPE_VIOLATION', 'env-key-not-allowed');
    assert.equal(failure.details?.key, key);
  }
  await rejectsWith(() => run({ timeoutMs: 5001 }), 'SCOPE_VIOLATION', 'timeout-above-ceiling');
  await rejectsWith(() => run({ input: 'not base64!', encoding: 'base64' }), 'VALIDATION_FAILED');
});

test('preview, audit summary and per-command key describe exactly what will run, never env values', async (t) => {
  const dir = await tempDir(t);
  const docker = await fakeDocker(dir);
  const scope = makeScope({
    tool: 'docker',
    executables: [{ path: docker }],
    rules: { allowedSubcommands: ['version', 'container ls'] },
    allowedEnvKeys: ['DOCKER_HOST', 'B_KEY'],
    cwdRoots: [dir],
    confirmation: { mode: 'per-command', rememberMs: 60_000 },
  });
  const invocation = { command: docker, args: ['ps', '-a'], env: { DOCKER_HOST: 'tcp://secret-host', B_KEY: 'v' }, input: 'hello' };
  const checked = await checkProcessInvocation(scope, invocation);
  assert.deepEqual(checked.preview, {
    executable: docker,
    args: ['ps', '-a'],
    cwd: dir,
    envKeys: ['B_KEY', 'DOCKER_HOST'],
    timeoutMs: 10_000,
    sandbox: { enforced: true, network: false, writePaths: [dir], readPaths: [] },
  });
  assert.equal(checked.subcommand, 'container ls');
  assert.ok(!JSON.stringify(checked.auditSummary).includes('secret-host'), 'no env values in the audit summary');
  assert.ok(!JSON.stringify(checked.preview).includes('secret-host'));
  assert.equal(checked.confirmation.mode, 'per-command');
  const key = (c: typeof checked) => (c.confirmation.mode === 'per-command' ? c.confirmation.key : '');
  assert.equal(
    key(await checkProcessInvocation(scope, { ...invocation, env: { B_KEY: 'v', DOCKER_HOST: 'tcp://secret-host' } })),
    key(checked),
    'key ignores key order',
  );
  for (const change of [{ args: ['ps'] }, { env: { DOCKER_HOST: 'tcp://other' } }, { input: 'other' }, { cwd: join(dir, 'bin') }]) {
    assert.notEqual(key(await checkProcessInvocation(scope, { ...invocation, ...change })), key(checked), JSON.stringify(change));
  }
});
