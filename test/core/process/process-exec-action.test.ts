import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProcessExecPayload } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../../../src/core/action-failure';
import { prepareProcessExec } from '../../../src/core/actions/process-exec';
import type { RunContext } from '../../../src/core/actions/prepared-action';
import { makeScope, rejectsWith, tempDir } from './process-test-helpers';

function runContext(signal = new AbortController().signal): RunContext {
  return {
    correlationId: 'corr-0001',
    pluginId: 'p',
    signal,
    confirm: () => Promise.reject(new Error('a process exec does not prompt mid-run')),
    audit: () => Promise.resolve(),
  } as RunContext;
}

test('prepareProcessExec checks before returning and describes the action without env values', async (t) => {
  const dir = await tempDir(t);
  const scope = makeScope({
    id: 'echo',
    tool: 'none',
    executables: [{ path: '/bin/echo' }],
    rules: { argv: [['hi', { regex: '[a-z]+' }]] },
    cwdRoots: [dir],
    allowedEnvKeys: ['GREETING'],
    confirmation: { mode: 'per-command', rememberMs: 60_000 },
  });
  const payload: ProcessExecPayload = {
    scope: 'echo',
    command: '/bin/echo',
    args: ['hi', 'there'],
    env: { GREETING: 'value-xyz' },
    reason: 'say hi',
  };
  const prepared = await prepareProcessExec(payload, { scope });
  assert.equal(prepared.scope, 'echo');
  assert.deepEqual(prepared.preview, {
    kind: 'process.exec',
    process: {
      executable: '/bin/echo',
      args: ['hi', 'there'],
      cwd: dir,
      envKeys: ['GREETING'],
      timeoutMs: 10_000,
      sandbox: { enforced: true, network: false, writePaths: [dir], readPaths: [] },
    },
  });
  assert.deepEqual(
    {
      executable: prepared.auditSummary.executable,
      argv: prepared.auditSummary.argv,
      cwd: prepared.auditSummary.cwd,
      envKeys: prepared.auditSummary.envKeys,
      timeoutMs: prepared.auditSummary.timeoutMs,
    },
    { executable: '/bin/echo', argv: ['hi', 'there'], cwd: dir, envKeys: ['GREETING'], timeoutMs: 10_000 },
  );
  assert.ok(!JSON.stringify(prepared.auditSummary).includes('value-xyz'));
  assert.equal(prepared.confirmation.mode, 'per-command');
  assert.equal(prepared.dryRun, false);

  const result = await prepared.run(runContext());
  assert.equal(result.stdout, 'hi there\n');
  assert.deepEqual(prepared.auditOutcome(result), {
    exitCode: 0,
    signal: null,
    durationMs: result.durationMs,
    stdoutLength: 9,
    stderrLength: 0,
    truncated: false,
    timedOut: false,
    dryRun: false,
  });

  await rejectsWith(() => prepareProcessExec({ ...payload, args: ['hi', 'THERE'] }, { scope }), 'SCOPE_VIOLATION', 'argument-pattern');
  await rejectsWith(() => prepareProcessExec({ ...payload, scope: 'other' }, { scope }), 'SCOPE_NOT_CONFIGURED');
  await rejectsWith(
    () => prepareProcessExec({ ...payload, env: { LD_PRELOAD: 'x' } } as ProcessExecPayload, { scope }),
    'VALIDATION_FAILED',
  );
});

test('a dry run returns the checked invocation and starts nothing', async (t) => {
  const dir = await tempDir(t);
  const marker = `${dir}/ran`;
  const scope = makeScope({ id: 'touch', tool: 'none', executables: [{ path: '/usr/bin/touch' }], rules: { argv: [[marker]] } });
  const prepared = await prepareProcessExec({ scope: 'touch', command: '/usr/bin/touch', args: [marker], dryRun: true }, { scope });
  assert.equal(prepared.dryRun, true);
  const result = await prepared.run(runContext());
  assert.deepEqual(result, {
    command: '/usr/bin/touch',
    args: [marker],
    cwd: null,
    exitCode: null,
    signal: null,
    stdout: '',
    stderr: '',
    truncated: false,
    timedOut: false,
    durationMs: 0,
    dryRun: true,
  });
  const { access } = await import('node:fs/promises');
  await assert.rejects(access(marker), 'nothing ran');
});

test('secrets are fetched only when the process runs; a keychain failure is SECRET_STORE_UNAVAILABLE', async () => {
  const scope = makeScope({ id: 'env', tool: 'none', executables: [{ path: '/usr/bin/printenv' }], rules: { argv: [['TOKEN']] } });
  let fetched = 0;
  const prepared = await prepareProcessExec(
    { scope: 'env', command: '/usr/bin/printenv', args: ['TOKEN'] },
    { scope, resolveSecretEnv: async () => ((fetched += 1), { TOKEN: 'tok-123' }) },
  );
  assert.equal(fetched, 0, 'not fetched while preparing');
  const result = await prepared.run(runContext());
  assert.equal(fetched, 1);
  assert.equal(result.stdout, '[redacted]\n');

  const failing = await prepareProcessExec(
    { scope: 'env', command: '/usr/bin/printenv', args: ['TOKEN'] },
    { scope, resolveSecretEnv: () => Promise.reject(new Error('locked')) },
  );
  const failure = await rejectsWith(() => failing.run(runContext()), 'SECRET_STORE_UNAVAILABLE');
  assert.ok(failure instanceof ActionFailure);
});
