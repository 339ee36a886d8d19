import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createProcessCapabilityBundle, type WorkflowRunResult } from '@gatehouse/plugin-sdk';
import { createCoreFixture, message } from '../../support/core-fixture';
import { assertRefused } from '../../support/assert-refused';

const CAPS = createProcessCapabilityBundle('wf-tools');

async function fixture(options: { confirmation?: 'never' | 'always' } = {}) {
  const f = await createCoreFixture([{ id: 'release', capabilities: CAPS }], {
    scopes: {
      process: [
        {
          id: 'wf-tools',
          title: 'Workflow test tools',
          executables: [{ path: '/bin/echo' }, { path: '/bin/false' }, { path: '/bin/sleep' }, { path: '/usr/bin/touch' }],
          tool: 'none',
          rules: { argv: [['step', { regex: '^[a-z0-9-]+$' }], [], ['5'], [{ regex: '^/tmp/gatehouse-core-[A-Za-z0-9]+/made-[a-z]+$' }]] },
          cwdRoots: ['/tmp'],
          allowedEnvKeys: [],
          timeoutCeilingMs: 10_000,
          maxOutputBytes: 65_536,
          confirmation: { mode: options.confirmation ?? 'never' },
        },
      ],
    },
  });
  return f;
}

const step = (id: string, command: string, args: string[], extra: Record<string, unknown> = {}) => ({
  id,
  title: `Step ${id}`,
  command,
  args,
  ...extra,
});

test('a workflow runs its steps in order and every record carries the workflow id', async (t) => {
  const f = await fixture();
  t.after(() => f.cleanup());
  const m = message('system.workflow.run', {
    scope: 'wf-tools',
    kind: 'process-sequence',
    title: 'Say three things',
    steps: [
      step('one', '/bin/echo', ['step', 'one']),
      step('two', '/bin/echo', ['step', 'two']),
      step('three', '/bin/echo', ['step', 'three']),
    ],
  });
  const response = await f.core.handlePrivilegedAction({ pluginId: 'release' }, m);
  assert.equal(response.ok, true, JSON.stringify(response));
  const result = (response as { result: WorkflowRunResult }).result;
  assert.equal(result.status, 'completed');
  assert.deepEqual(result.summary, { totalSteps: 3, completedSteps: 3, failedSteps: 0, skippedSteps: 0 });
  assert.deepEqual(
    result.steps.map((s) => s.result?.stdout),
    ['step one\n', 'step two\n', 'step three\n'],
  );
  assert.equal(new Set(result.steps.map((s) => s.correlationId)).size, 3, 'each step has its own correlation id');
  const records = await f.core.audit.query({ workflowId: result.workflowId, limit: 100 });
  assert.deepEqual(records.records.map((r) => r.phase).reverse(), ['requested', 'step', 'step', 'step', 'completed']);
  assert.equal(records.records[0]?.decision, 'not-required', 'a decision nobody was asked for travels on the outcome record');
  assert.deepEqual(
    records.records.filter((r) => r.phase === 'step').map((r) => r.workflow?.stepStatus),
    ['ok', 'ok', 'ok'],
  );
});

test('two gated steps: approve the first, decline the second → partial, later steps skipped', async (t) => {
  const f = await fixture();
  t.after(() => f.cleanup());
  const pending = f.core.handlePrivilegedAction(
    { pluginId: 'release' },
    message('system.workflow.run', {
      scope: 'wf-tools',
      kind: 'process-sequence',
      title: 'Release',
      steps: [
        step('check', '/bin/echo', ['step', 'check']),
        step('tag', '/bin/echo', ['step', 'tag']),
        step('push', '/bin/echo', ['step', 'push']),
        step('announce', '/bin/echo', ['step', 'announce']),
      ],
      confirmation: { message: 'Tag and push?', requiredForStepIds: ['tag', 'push'] },
    }),
  );
  const first = await f.answerNext('approved');
  assert.equal(first.preview.kind, 'workflow.step');
  assert.equal(first.preview.kind === 'workflow.step' && first.preview.step.id, 'tag');
  const second = await f.answerNext('declined');
  assert.equal(second.preview.kind === 'workflow.step' && second.preview.step.id, 'push');
  const response = await pending;
  assert.equal(response.ok, false);
  assertRefused(response, 'CANCELLED');
  assert.equal(!response.ok && response.details?.stepId, 'push');
  const result = (response as { result: WorkflowRunResult }).result;
  assert.equal(result.status, 'partial');
  assert.deepEqual(
    result.steps.map((s) => s.status),
    ['ok', 'ok', 'error', 'skipped'],
  );
  assert.deepEqual(result.summary, { totalSteps: 4, completedSteps: 2, failedSteps: 1, skippedSteps: 1 });
  const steps = await f.core.audit.query({ workflowId: result.workflowId, limit: 100 });
  const byStep = Object.fromEntries(
    steps.records.filter((r) => r.phase === 'step').map((r) => [r.workflow?.stepId, r.workflow?.confirmation ?? null]),
  );
  assert.deepEqual(byStep, { check: null, tag: 'approved', push: 'declined', announce: null });
});

test('onError continue keeps going; abort skips the rest; the failure names the step', async (t) => {
  const f = await fixture();
  t.after(() => f.cleanup());
  const response = await f.core.handlePrivilegedAction(
    { pluginId: 'release' },
    message('system.workflow.run', {
      scope: 'wf-tools',
      kind: 'process-sequence',
      title: 'Mixed',
      steps: [
        step('tolerated', '/bin/false', [], { onError: 'continue' }),
        step('fine', '/bin/echo', ['step', 'fine']),
        step('fatal', '/bin/false', []),
        step('never', '/bin/echo', ['step', 'never']),
      ],
    }),
  );
  assertRefused(response, 'STEP_FAILED');
  assert.equal(!response.ok && response.details?.stepId, 'tolerated');
  assert.match(!response.ok ? response.error : '', /Step tolerated/);
  const result = (response as { result: WorkflowRunResult }).result;
  assert.deepEqual(
    result.steps.map((s) => [s.status, s.code ?? null]),
    [
      ['error', 'PROCESS_EXIT_NON_ZERO'],
      ['ok', null],
      ['error', 'PROCESS_EXIT_NON_ZERO'],
      ['skipped', null],
    ],
  );
  assert.equal(result.status, 'partial');
});

test('every step is checked before any runs: a bad third step means nothing ran', async (t) => {
  const f = await fixture();
  t.after(() => f.cleanup());
  const marker = join(f.dir, 'made-first');
  const response = await f.core.handlePrivilegedAction(
    { pluginId: 'release' },
    message('system.workflow.run', {
      scope: 'wf-tools',
      kind: 'process-sequence',
      title: 'Sneaky',
      steps: [
        step('first', '/usr/bin/touch', [marker]),
        step('second', '/bin/echo', ['step', 'ok']),
        step('third', '/bin/echo', ['not', 'allowed', 'argv']),
      ],
    }),
  );
  assertRefused(response, 'STEP_SCOPE_VIOLATION');
  assert.equal(!response.ok && response.details?.stepId, 'third');
  await assert.rejects(access(marker), { code: 'ENOENT' });
});

test('a step over its timeout fails with STEP_TIMEOUT', async (t) => {
  const f = await fixture();
  t.after(() => f.cleanup());
  const response = await f.core.handlePrivilegedAction(
    { pluginId: 'release' },
    message('system.workflow.run', {
      scope: 'wf-tools',
      kind: 'process-sequence',
      title: 'Slow',
      steps: [step('slow', '/bin/sleep', ['5'], { timeoutMs: 200 })],
    }),
  );
  assertRefused(response, 'STEP_TIMEOUT');
  const result = (response as { result: WorkflowRunResult }).result;
  assert.equal(result.status, 'failed');
  assert.equal(result.steps[0]?.result?.timedOut, true);
});

test('a dry run checks every step, never prompts and runs nothing', async (t) => {
  const f = await fixture({ confirmation: 'always' });
  t.after(() => f.cleanup());
  await mkdir(join(f.dir, 'x'), { recursive: true });
  const marker = join(f.dir, 'made-dry');
  const response = await f.core.handlePrivilegedAction(
    { pluginId: 'release' },
    message('system.workflow.run', {
      scope: 'wf-tools',
      kind: 'process-sequence',
      title: 'Dry',
      dryRun: true,
      steps: [step('touch', '/usr/bin/touch', [marker])],
      confirmation: { message: 'sure?', requiredForStepIds: ['touch'] },
    }),
  );
  assert.equal(response.ok, true, JSON.stringify(response));
  assert.equal(f.core.confirmations.pending().length, 0);
  await assert.rejects(access(marker), { code: 'ENOENT' });
});

test('with a scope that confirms, the whole workflow is shown first with its gated steps marked', async (t) => {
  const f = await fixture({ confirmation: 'always' });
  t.after(() => f.cleanup());
  const pending = f.core.handlePrivilegedAction(
    { pluginId: 'release' },
    message('system.workflow.run', {
      scope: 'wf-tools',
      kind: 'process-sequence',
      title: 'Shown first',
      steps: [step('a', '/bin/echo', ['step', 'a']), step('b', '/bin/echo', ['step', 'b'])],
      confirmation: { message: 'b is gated', requiredForStepIds: ['b'] },
    }),
  );
  const overview = await f.answerNext('approved');
  assert.equal(overview.preview.kind, 'workflow.run');
  assert.deepEqual(overview.preview.kind === 'workflow.run' && overview.preview.steps.map((s) => [s.id, s.gated, s.process.args]), [
    ['a', false, ['step', 'a']],
    ['b', true, ['step', 'b']],
  ]);
  await f.answerNext('approved');
  const response = await pending;
  assert.equal(response.ok, true);
});
