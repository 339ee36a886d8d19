// Planted code under real bubblewrap and real processes: a git hook, repository config (core.fsmonitor,
// diff.external) and a kubeconfig exec credential plugin either do not run, or run inside the sandbox
// without writing outside the roots, without the network (a loopback canary server) and without ~/.ssh.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { ProcessExecResult } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../../../src/core/action-failure';
import { checkProcessInvocation, runCheckedProcess } from '../../../src/core/actions/process-exec';
import type { ProcessScopeInput } from '../../../src/core/policy/process-scope';
import { makeScope, tempDir } from '../process/process-test-helpers';
import { canaryServer, evilScript, FAKE_KUBECTL, fakeHomeWithKey, writeExecutable } from './planted-code';

const GIT = '/usr/bin/git';
const ORIGINAL = 'original canary contents\n';

async function scene(t: TestContext) {
  const base = await tempDir(t, 'gh-sbx-');
  const [home, repo, outside, visible, bin] = ['home', 'repo', 'outside', 'visible', 'bin'].map((name) => join(base, name)) as [
    string,
    string,
    string,
    string,
    string,
  ];
  for (const dir of [home, repo, outside, visible, bin]) await mkdir(dir, { recursive: true });
  const previousHome = process.env.HOME;
  process.env.HOME = home;
  t.after(() => {
    process.env.HOME = previousHome;
  });
  const { keyPath, secret } = await fakeHomeWithKey(home);
  const canaries = [join(outside, 'canary.txt'), join(home, 'canary.txt'), join(visible, 'canary.txt')];
  for (const canary of canaries) await writeFile(canary, ORIGINAL);
  const server = await canaryServer(t);
  const report = join(repo, 'report.jsonl');
  const evil = join(repo, 'evil.cjs');
  await writeFile(evil, evilScript({ canaries, sshKey: keyPath, port: server.port, report }));
  return { base, home, repo, outside, visible, bin, keyPath, secret, canaries, server, report, evil };
}
type Scene = Awaited<ReturnType<typeof scene>>;

/** Runs one invocation; returns its output whether it succeeded or failed. */
async function run(scope: ReturnType<typeof makeScope>, command: string, args: string[], cwd: string): Promise<string> {
  try {
    const result = await runCheckedProcess(await checkProcessInvocation(scope, { command, args, cwd }));
    return result.stdout + result.stderr;
  } catch (error) {
    assert.ok(error instanceof ActionFailure, String(error));
    const partial = error.result as ProcessExecResult | undefined;
    return `${error.code} ${error.message} ${partial ? partial.stdout + partial.stderr : ''}`;
  }
}

async function reports(s: Scene): Promise<Record<string, unknown>[]> {
  if (!existsSync(s.report)) return [];
  return (await readFile(s.report, 'utf8'))
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The effects that must not have happened, looked for on the disk, the canary server and the output. */
async function assertContained(s: Scene, output: string): Promise<Record<string, unknown>[]> {
  for (const canary of s.canaries) assert.equal(await readFile(canary, 'utf8'), ORIGINAL, `${canary} is unchanged`);
  assert.equal(s.server.connections(), 0, 'the loopback canary server got no connection');
  const seen = await reports(s);
  // Whether the planted code ran at all depends on the argument grammar's neutralisation; either is fine.
  console.log(`# planted code ran ${seen.length} time(s): ${seen.map((entry) => String(entry.label)).join(', ') || 'never'}`);
  const key = s.secret.split('\n')[1] as string;
  assert.ok(!output.includes(key), 'the private key is not in the output');
  assert.ok(!JSON.stringify(seen).includes(key), 'the private key is not in anything the planted code wrote');
  return seen;
}

function gitScope(s: Scene, extra: Partial<ProcessScopeInput> = {}) {
  return makeScope({
    tool: 'git',
    executables: [{ path: GIT }],
    rules: { allowedSubcommands: ['commit', 'status', 'diff'] },
    cwdRoots: [s.repo],
    ...extra,
  });
}

function git(s: Scene, ...args: string[]): void {
  execFileSync(GIT, args, { cwd: s.repo, env: { PATH: '/usr/bin:/bin', HOME: s.home, GIT_CONFIG_NOSYSTEM: '1' }, stdio: 'ignore' });
}

async function gitRepo(s: Scene): Promise<void> {
  git(s, 'init', '-q');
  git(s, 'config', 'user.name', 'Test');
  git(s, 'config', 'user.email', 'test@example.invalid');
  await writeFile(join(s.repo, 'tracked.txt'), 'one\n');
  git(s, 'add', 'tracked.txt');
  git(s, 'commit', '-q', '-m', 'first');
}

test('a repository pre-commit hook runs, if at all, inside the sandbox: no writes outside, no network, no ~/.ssh', async (t) => {
  const s = await scene(t);
  await gitRepo(s);
  await writeExecutable(join(s.repo, '.git', 'hooks', 'pre-commit'), `#!/bin/sh\n/usr/bin/node ${s.evil} git-hook\nexit 0\n`);
  const output = await run(gitScope(s), GIT, ['commit', '--allow-empty', '-m', 'second'], s.repo);
  await assertContained(s, output);
});

test('core.fsmonitor and diff.external planted in .git/config run, if at all, inside the sandbox', async (t) => {
  const s = await scene(t);
  await gitRepo(s);
  const planted = await writeExecutable(
    join(s.repo, 'planted.sh'),
    `#!/bin/sh\n/usr/bin/node ${s.evil} "git-config $*" >/dev/null 2>&1\nexit 0\n`,
  );
  git(s, 'config', 'core.fsmonitor', planted);
  git(s, 'config', 'diff.external', planted);
  await writeFile(join(s.repo, 'tracked.txt'), 'two\n');
  const output = (await run(gitScope(s), GIT, ['status'], s.repo)) + (await run(gitScope(s), GIT, ['diff'], s.repo));
  await assertContained(s, output);
});

test('a kubeconfig exec credential plugin run by a fake kubectl runs inside the sandbox, contained', async (t) => {
  const s = await scene(t);
  const kubectl = await writeExecutable(join(s.bin, 'kubectl'), FAKE_KUBECTL);
  const kubeconfig = { users: [{ name: 'u', user: { exec: { command: '/usr/bin/node', args: [s.evil, 'kubectl-exec-plugin'] } } }] };
  await writeFile(join(s.repo, 'kubeconfig'), JSON.stringify(kubeconfig));
  const scope = makeScope({
    tool: 'none',
    executables: [{ path: kubectl }],
    rules: { argv: [['get', 'pods']] },
    cwdRoots: [s.repo],
    sandbox: { readPaths: [s.visible] },
  });
  const output = await run(scope, kubectl, ['get', 'pods'], s.repo);
  const seen = await assertContained(s, output);
  assert.equal(seen.length, 1, `the plugin ran (inside the sandbox) and reported: ${output}`);
  const [entry] = seen as [{ writes: Record<string, string>; reads: Record<string, string>; net: string }];
  // Outside the roots: invisible, read-only where declared readable; the home is an empty scratch tmpfs, so
  // the write there "succeeds" into memory thrown away with the sandbox (the host file is unchanged above).
  assert.deepEqual(entry.writes, {
    [s.canaries[0] as string]: 'ENOENT',
    [s.canaries[1] as string]: 'written',
    [s.canaries[2] as string]: 'EROFS',
  });
  assert.ok(
    Object.values(entry.reads).every((outcome) => outcome === 'ENOENT'),
    'the key is not there to read',
  );
  assert.notEqual(entry.net, 'connected');
});

test('the canaries can fail: a scope that declares the network and ~/.ssh lets the same plugin reach both', async (t) => {
  const s = await scene(t);
  const kubectl = await writeExecutable(join(s.bin, 'kubectl'), FAKE_KUBECTL);
  const kubeconfig = { users: [{ name: 'u', user: { exec: { command: '/usr/bin/node', args: [s.evil, 'declared'] } } }] };
  await writeFile(join(s.repo, 'kubeconfig'), JSON.stringify(kubeconfig));
  const sandbox = { network: true, readPaths: [join(s.home, '.ssh')] };
  const scope = makeScope({
    tool: 'none',
    executables: [{ path: kubectl }],
    rules: { argv: [['get', 'pods']] },
    cwdRoots: [s.repo],
    sandbox,
  });
  const output = await run(scope, kubectl, ['get', 'pods'], s.repo);
  assert.equal(s.server.connections(), 1, `declared network reaches the host loopback: ${output}`);
  assert.ok(output.includes(s.secret.split('\n')[1] as string), 'a declared key path is readable');
  for (const canary of s.canaries) assert.equal(await readFile(canary, 'utf8'), ORIGINAL, 'writes outside the roots stay impossible');
});

test('with --unshare-net even the loopback is another namespace: the host loopback server is unreachable', async (t) => {
  const s = await scene(t);
  const scope = makeScope({
    tool: 'none',
    executables: [{ path: '/usr/bin/node' }],
    rules: { argv: [[s.evil, 'direct']] },
    cwdRoots: [s.repo],
  });
  const output = await run(scope, '/usr/bin/node', [s.evil, 'direct'], s.repo);
  const [entry] = (await assertContained(s, output)) as [{ net: string }];
  assert.match(entry.net, /^(ECONNREFUSED|ENETUNREACH)$/, 'loopback inside the sandbox has nothing listening');
});
