// The sandbox runtime with real bubblewrap: what the tool sees, how a missing or untrusted bubblewrap is
// refused, the per-scope permission to run unsandboxed, and a workflow step going through the same path.
import assert from 'node:assert/strict';
import { copyFile, chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { WorkflowRunPayload } from '@gatehouse/plugin-sdk';
import { checkProcessInvocation, runCheckedProcess } from '../../../src/core/actions/process-exec';
import { prepareWorkflowRun } from '../../../src/core/actions/workflow-run';
import { invocationSandbox } from '../../../src/core/sandbox/invocation-sandbox';
import { SandboxRuntime } from '../../../src/core/sandbox/sandbox-runtime';
import { DEFAULT_PROCESS_SANDBOX, processSandboxSchema } from '../../../src/shared/process-sandbox-schema';
import { untrustedBinaryProblem } from '../../../src/core/sandbox/trusted-binary';
import { makeScope, rejectsWith, tempDir } from '../process/process-test-helpers';

test('a scope without a sandbox field denies everything', () => {
  assert.deepEqual(makeScope({ tool: 'none', executables: [{ path: '/bin/true' }], rules: { argv: [[]] } }).sandbox, {
    network: false,
    readPaths: [],
    writePaths: [],
    allowUnsandboxed: false,
  });
  assert.equal(processSandboxSchema.safeParse({ writePaths: ['/'] }).success, false, 'the whole filesystem is not a write path');
  assert.equal(processSandboxSchema.safeParse({ readPaths: ['/'] }).success, false);
  assert.equal(processSandboxSchema.safeParse({ readPaths: ['relative'] }).success, false);
  assert.equal(processSandboxSchema.safeParse({ readPaths: ['/a\nb'] }).success, false);
  assert.equal(processSandboxSchema.safeParse({ network: 'yes' }).success, false);
});

test('inside: the root is read-only, /tmp is private, the home is empty, the roots are writable', async (t) => {
  const root = await tempDir(t, 'gh-sbx-root-');
  const hostTmpFile = join(await tempDir(t, 'gh-sbx-tmp-'), 'seen.txt');
  await writeFile(hostTmpFile, 'host');
  const probe = `const fs = require('node:fs'); const out = {};
for (const [name, path] of Object.entries({ tmp: ${JSON.stringify(hostTmpFile)}, home: require('node:os').homedir(), run: '/run' })) {
  try { out[name] = fs.statSync(path).isDirectory() ? fs.readdirSync(path) : fs.readFileSync(path, 'utf8'); } catch (e) { out[name] = e.code; }
}
for (const [name, path] of Object.entries({ usr: '/usr/gh-sbx-probe', root: ${JSON.stringify(join(root, 'made.txt'))} })) {
  try { fs.writeFileSync(path, 'x'); out[name] = 'written'; } catch (e) { out[name] = e.code; }
}
process.stdout.write(JSON.stringify(out));`;
  const scope = makeScope({ tool: 'none', executables: [{ path: '/usr/bin/node' }], rules: { argv: [['-e', probe]] }, cwdRoots: [root] });
  const result = await runCheckedProcess(await checkProcessInvocation(scope, { command: '/usr/bin/node', args: ['-e', probe] }));
  assert.deepEqual(JSON.parse(result.stdout), { tmp: 'ENOENT', home: [], run: [], usr: 'EROFS', root: 'written' });
  assert.equal(await readFile(join(root, 'made.txt'), 'utf8'), 'x');
  assert.equal(existsSync('/usr/gh-sbx-probe'), false);
});

test('inside: no nested user namespace (the sandbox cannot be widened from within)', async (t) => {
  const root = await tempDir(t, 'gh-sbx-root-');
  const scope = makeScope({
    tool: 'none',
    executables: [{ path: '/usr/bin/unshare' }],
    rules: { argv: [['-U', '/bin/true']] },
    cwdRoots: [root],
  });
  const checked = await checkProcessInvocation(scope, { command: '/usr/bin/unshare', args: ['-U', '/bin/true'] });
  const failure = await rejectsWith(() => runCheckedProcess(checked), 'PROCESS_EXIT_NON_ZERO');
  assert.match(String(failure.details?.stderr), /unshare failed/);
});

test('bubblewrap missing (its path pointed at a missing file): SANDBOX_UNAVAILABLE and nothing runs', async (t) => {
  const root = await tempDir(t, 'gh-sbx-root-');
  const marker = join(root, 'ran.txt');
  const missing = new SandboxRuntime({ bwrapPaths: [join(root, 'no-such-dir', 'bwrap')] });
  const status = missing.status();
  assert.equal(status.available, false);
  const scope = makeScope({ tool: 'none', executables: [{ path: '/usr/bin/touch' }], rules: { argv: [[marker]] }, cwdRoots: [root] });
  const checked = await checkProcessInvocation(scope, { command: '/usr/bin/touch', args: [marker] });
  const failure = await rejectsWith(() => runCheckedProcess(checked, { sandboxRuntime: missing }), 'SANDBOX_UNAVAILABLE');
  assert.match(failure.message, /bubblewrap .* does not exist/);
  assert.equal(existsSync(marker), false, 'the tool did not run');
  await rejectsWith(() => invocationSandbox(DEFAULT_PROCESS_SANDBOX, [root], missing), 'SANDBOX_UNAVAILABLE');

  const allowed = makeScope({ ...scope, sandbox: { allowUnsandboxed: true } });
  const unsandboxed = await checkProcessInvocation(allowed, { command: '/usr/bin/touch', args: [marker] });
  await runCheckedProcess(unsandboxed, { sandboxRuntime: missing });
  assert.equal(existsSync(marker), true, 'a scope that allows it runs unsandboxed');
  assert.equal((await invocationSandbox(allowed.sandbox, [root], missing)).preview.enforced, false, 'and says so');
});

test('a bubblewrap the user could replace is refused: not root-owned, writable, or in a writable folder', async (t) => {
  const dir = await tempDir(t, 'gh-sbx-bin-');
  const copy = join(dir, 'bwrap');
  await copyFile('/usr/bin/bwrap', copy);
  await chmod(copy, 0o755);
  // The temp folder's parent (/tmp) is writable by everyone.
  assert.match(untrustedBinaryProblem(copy) ?? '', /writable by its group or by everyone/);
  await chmod(copy, 0o775);
  assert.match(untrustedBinaryProblem(copy) ?? '', /writable by its group or by everyone/);
  assert.match(untrustedBinaryProblem('bwrap') ?? '', /not an absolute path/);
  assert.equal(untrustedBinaryProblem('/usr/bin/bwrap'), null, 'the system bubblewrap is trusted');
  const runtime = new SandboxRuntime({ bwrapPaths: [copy] });
  const status = runtime.status();
  assert.equal(status.available, false);
  assert.match(status.available ? '' : status.reason, /cannot be used/);
});

test('a workflow step goes through the same sandbox: its write outside the roots does not happen', async (t) => {
  const root = await tempDir(t, 'gh-sbx-root-');
  const outside = await tempDir(t, 'gh-sbx-out-');
  await mkdir(join(outside, 'sub'));
  const target = join(outside, 'sub', 'escaped.txt');
  const inside = join(root, 'inside.txt');
  const scope = makeScope({
    id: 'wf',
    tool: 'none',
    executables: [{ path: '/usr/bin/touch' }],
    rules: { argv: [[target], [inside]] },
    cwdRoots: [root],
  });
  const payload: WorkflowRunPayload = {
    scope: 'wf',
    kind: 'process-sequence',
    title: 'touch twice',
    steps: [
      { id: 'in', title: 'inside', command: '/usr/bin/touch', args: [inside] },
      { id: 'out', title: 'outside', command: '/usr/bin/touch', args: [target], onError: 'continue' },
    ],
  } as WorkflowRunPayload;
  const prepared = await prepareWorkflowRun(payload, { scope });
  const context = {
    correlationId: 'corr-sbx-1',
    pluginId: 'p',
    signal: new AbortController().signal,
    confirm: async () => 'approved' as const,
    audit: async () => {},
  };
  await prepared.run(context).catch(() => null);
  assert.equal(existsSync(inside), true, 'the step inside the root ran');
  assert.equal(existsSync(target), false, 'the step writing outside the roots could not');
});
