import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ProcessExecResult } from '@gatehouse/plugin-sdk';
import { checkProcessInvocation, runCheckedProcess } from '../../../src/core/actions/process-exec';
import { spawnBounded } from '../../../src/core/process/spawn-bounded';
import { defaultSandboxRuntime } from '../../../src/core/sandbox/sandbox-runtime';
import { DEFAULT_PROCESS_SANDBOX } from '../../../src/shared/process-sandbox-schema';
import { isAlive, makeScope, rejectsWith, tempDir } from './process-test-helpers';

const KIB = 1024;

/** A forced garbage collection, so what is measured afterwards is memory still held, not garbage not yet swept. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

test('a child that prints without end is capped, drained, killed at the timeout, and host memory stays bounded', async () => {
  const cap = 64 * KIB;
  collectGarbage();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const launch = await defaultSandboxRuntime.launch({
    resolved: '/usr/bin/yes',
    executable: '/usr/bin/yes',
    args: [],
    cwd: '/',
    roots: [],
    sandbox: DEFAULT_PROCESS_SANDBOX,
  });
  const outcome = await spawnBounded({
    launch,
    cwd: '/',
    env: { PATH: '/usr/bin:/bin' },
    input: null,
    maxOutputBytes: cap,
    // The sandbox's start-up comes out of this window; the drain threshold below stays as it was.
    timeoutMs: 3000,
    killGraceMs: 500,
  });
  clearInterval(sampler);
  // The killed child's pipes close on a later turn of the event loop; until then their last chunks are still
  // referenced, so memory is measured after they have closed.
  for (let pass = 0; pass < 3; pass++) {
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
  }
  const held = process.memoryUsage().arrayBuffers - before.arrayBuffers;
  assert.equal(outcome.timedOut, true);
  assert.equal(outcome.truncated, true);
  assert.equal(outcome.stdout.length, cap);
  assert.ok(outcome.stdoutBytes > 32 * 1024 * KIB, `the pipe kept draining: ${outcome.stdoutBytes} bytes read`);
  assert.ok(held < 4 * 1024 * KIB, `buffers still held after the run: ${held} bytes (of ${outcome.stdoutBytes} printed)`);
  assert.ok(
    peakRss - before.rss < 128 * 1024 * KIB,
    `peak rss grew ${peakRss - before.rss} bytes while ${outcome.stdoutBytes} bytes were printed`,
  );
  assert.equal(outcome.pid !== null && isAlive(outcome.pid), false);

  const scope = makeScope({
    tool: 'none',
    executables: [{ path: '/usr/bin/yes' }],
    rules: { argv: [[]] },
    maxOutputBytes: cap,
    timeoutCeilingMs: 600,
  });
  const failure = await rejectsWith(
    async () => runCheckedProcess(await checkProcessInvocation(scope, { command: '/usr/bin/yes' })),
    'TIMEOUT',
  );
  const partial = failure.result as ProcessExecResult;
  assert.equal(partial.timedOut, true);
  assert.equal(partial.truncated, true);
  assert.equal(partial.stdout.length, cap);
  assert.ok(partial.stdout.startsWith('y\ny\n'));
  assert.equal(partial.signal, 'SIGTERM');
});

/**
 * Host pids of live processes whose command line holds `marker`. A sandboxed tool reports pids of its own
 * PID namespace, which mean nothing on the host, so its processes are found by a marker in their argv.
 */
function livePidsWith(marker: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => pid !== process.pid && isAlive(pid) && (readCmdline(pid)?.includes(marker) ?? false));
}

function readCmdline(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return null;
  }
}

/** SIGKILL has been sent by the time the run returns; the kernel finishes the exit within moments. */
async function goneSoon(marker: string): Promise<boolean> {
  for (let i = 0; i < 40 && livePidsWith(marker).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return livePidsWith(marker).length === 0;
}

const STUBBORN_CHILD = "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);";

async function fixture(dir: string, name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, body);
  return path;
}

function nodeScope(script: string, extra: object = {}) {
  return makeScope({ tool: 'none', executables: [{ path: process.execPath }], rules: { argv: [[script]] }, ...extra });
}

test('a child that ignores SIGTERM and forks grandchildren: after the timeout the whole group is gone', async (t) => {
  const dir = await tempDir(t);
  const marker = `gh-stubborn-${randomUUID()}`;
  const script = await fixture(
    dir,
    'stubborn.cjs',
    `const { spawn } = require('node:child_process');
process.on('SIGTERM', () => {});
const kids = [0, 1].map((i) => spawn(process.execPath, ['-e', ${JSON.stringify(STUBBORN_CHILD)}, ${JSON.stringify(marker)}], { stdio: i === 0 ? 'inherit' : 'ignore' }).pid);
process.stdout.write(JSON.stringify([process.pid, ...kids]) + '\\n');
setInterval(() => {}, 1000);
`,
  );
  const scope = nodeScope(script, { timeoutCeilingMs: 1500, sandbox: { readPaths: [dir] } });
  const checked = await checkProcessInvocation(scope, { command: process.execPath, args: [script] });
  const failure = await rejectsWith(() => runCheckedProcess(checked, { killGraceMs: 300 }), 'TIMEOUT');
  const result = failure.result as ProcessExecResult;
  assert.equal(result.timedOut, true);
  assert.equal(result.signal, 'SIGKILL', 'SIGTERM was ignored, so SIGKILL ended it');
  const pids = JSON.parse(result.stdout.trim()) as number[];
  assert.equal(pids.length, 3);
  assert.equal(await goneSoon(marker), true, `no process with ${marker} is left`);
});

test('grandchildren left behind by a child that exits are killed, and the result does not wait for them', async (t) => {
  const dir = await tempDir(t);
  const marker = `gh-leaver-${randomUUID()}`;
  const script = await fixture(
    dir,
    'leaver.cjs',
    `const { spawn } = require('node:child_process');
const kid = spawn(process.execPath, ['-e', ${JSON.stringify(STUBBORN_CHILD)}, ${JSON.stringify(marker)}], { stdio: 'inherit' });
process.stdout.write(JSON.stringify([kid.pid]) + '\\n', () => process.exit(0));
`,
  );
  const scope = nodeScope(script, { timeoutCeilingMs: 8000, sandbox: { readPaths: [dir] } });
  const result = await runCheckedProcess(await checkProcessInvocation(scope, { command: process.execPath, args: [script] }));
  assert.equal(result.exitCode, 0);
  assert.ok(result.durationMs < 6000, `finished in ${result.durationMs} ms, well before the timeout`);
  assert.equal(JSON.parse(result.stdout.trim()).length, 1);
  assert.equal(await goneSoon(marker), true);
});

test('aborting the run signal kills the group and reports CANCELLED with the partial result', async () => {
  const scope = makeScope({ tool: 'none', executables: [{ path: '/bin/sleep' }], rules: { argv: [['30']] }, timeoutCeilingMs: 20_000 });
  const checked = await checkProcessInvocation(scope, { command: '/bin/sleep', args: ['30'] });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  const started = Date.now();
  const failure = await rejectsWith(() => runCheckedProcess(checked, { signal: controller.signal }), 'CANCELLED');
  assert.ok(Date.now() - started < 5000);
  assert.equal((failure.result as ProcessExecResult).signal, 'SIGTERM');

  const aborted = new AbortController();
  aborted.abort();
  await rejectsWith(() => runCheckedProcess(checked, { signal: aborted.signal }), 'CANCELLED');
});

test('LD_PRELOAD and other loader keys cannot be injected through the payload, the scope or the secrets', async () => {
  const { processScopeSchema } = await import('../../../src/core/policy/process-scope');
  const { processExecPayloadSchema } = await import('@gatehouse/plugin-sdk');
  assert.equal(
    processExecPayloadSchema.safeParse({ scope: 's', command: '/bin/echo', env: { LD_PRELOAD: '/tmp/x.so' } }).success,
    false,
    'the SDK rejects it first',
  );
  const widened = processScopeSchema.safeParse({
    id: 's',
    title: 'S',
    tool: 'none',
    executables: [{ path: '/usr/bin/printenv' }],
    rules: { argv: [[]] },
    allowedEnvKeys: ['LD_PRELOAD'],
    timeoutCeilingMs: 1000,
    maxOutputBytes: 1024,
    confirmation: { mode: 'never' },
  });
  assert.equal(widened.success, false, 'a scope cannot re-enable a forbidden key');
  const scope = makeScope({ tool: 'none', executables: [{ path: '/usr/bin/printenv' }], rules: { argv: [[]] } });
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: '/usr/bin/printenv', env: { LD_PRELOAD: '/tmp/x.so' } }),
    'SCOPE_VIOLATION',
    'env-key-not-allowed',
  );
  await rejectsWith(
    () =>
      checkProcessInvocation(
        { ...scope, allowedEnvKeys: ['LD_PRELOAD'] },
        { command: '/usr/bin/printenv', env: { LD_PRELOAD: '/tmp/x.so' } },
      ),
    'SCOPE_VIOLATION',
    'env-key-not-allowed',
  );
  const checked = await checkProcessInvocation(scope, { command: '/usr/bin/printenv' });
  await rejectsWith(
    () => runCheckedProcess(checked, { secretEnv: { DYLD_INSERT_LIBRARIES: '/x' } }),
    'SCOPE_VIOLATION',
    'env-key-not-allowed',
  );
});
