// A remembered workflow approval covers the whole definition: its gates (requiredForStepIds) and each step's
// onError included. The same steps sent again with a gate removed or onError changed ask again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { createProcessCapabilityBundle } from '@gatehouse/plugin-sdk';
import { createCoreFixture, message } from '../../support/core-fixture';
import { assertRefused } from '../../support/assert-refused';

const SCOPE = 'wf-remember';

async function fixture() {
  return createCoreFixture([{ id: 'release', capabilities: createProcessCapabilityBundle(SCOPE) }], {
    scopes: {
      process: [
        {
          id: SCOPE,
          title: 'Remembered workflow tools',
          executables: [{ path: '/bin/echo' }, { path: '/bin/false' }, { path: '/usr/bin/touch' }],
          tool: 'none',
          rules: { argv: [['step', { regex: '^[a-z]+$' }], [], [{ regex: '^/tmp/gatehouse-core-[A-Za-z0-9]+/made-[a-z]+$' }]] },
          cwdRoots: ['/tmp'],
          allowedEnvKeys: [],
          timeoutCeilingMs: 10_000,
          maxOutputBytes: 65_536,
          confirmation: { mode: 'per-command', rememberMs: 600_000 },
        },
      ],
    },
  });
}

type Fixture = Awaited<ReturnType<typeof fixture>>;

/** Collects the kinds of prompts shown, answering each with the next scripted decision. */
function scriptPrompts(f: Fixture, decisions: Array<'approved' | 'approved-remember' | 'declined'>) {
  const shown: string[] = [];
  f.prompter.onEvent((event) => {
    if (event.type !== 'request') return;
    const preview = event.request.preview;
    shown.push(preview.kind === 'workflow.step' ? `step:${preview.step.id}` : preview.kind);
    const decision = decisions.shift();
    if (decision) setImmediate(() => f.prompter.answer(event.request.id, decision));
  });
  return shown;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

test('a declined gated step does not run when the same steps are sent again without the gate', async (t) => {
  const f = await fixture();
  t.after(() => f.cleanup());
  const marker = join(f.dir, 'made-publish');
  const steps = [
    { id: 'build', title: 'Build', command: '/bin/echo', args: ['step', 'build'] },
    { id: 'publish', title: 'Publish', command: '/usr/bin/touch', args: [marker] },
  ];
  const workflow = (gated: boolean) =>
    message('system.workflow.run', {
      scope: SCOPE,
      kind: 'process-sequence',
      title: 'Release',
      steps,
      confirmation: { message: 'Publish?', ...(gated ? { requiredForStepIds: ['publish'] } : {}) },
    });

  // Approve the workflow and let it be remembered, decline the gated step.
  const shown = scriptPrompts(f, ['approved-remember', 'declined', 'declined']);
  const first = await f.core.handlePrivilegedAction({ pluginId: 'release' }, workflow(true));
  assertRefused(first, 'CANCELLED');
  assert.equal(await exists(marker), false);
  assert.deepEqual(shown, ['workflow.run', 'step:publish']);

  // The same steps without the gate are a different workflow: the user is asked, and declining runs nothing.
  const second = await f.core.handlePrivilegedAction({ pluginId: 'release' }, workflow(false));
  assert.deepEqual(shown, ['workflow.run', 'step:publish', 'workflow.run'], 'the ungated resend must ask');
  assertRefused(second, 'CANCELLED');
  assert.equal(await exists(marker), false, 'the declined step never ran');
});

test('a gated step always asks, even when the workflow itself is remembered', async (t) => {
  const f = await fixture();
  t.after(() => f.cleanup());
  const marker = join(f.dir, 'made-gate');
  const m = () =>
    message('system.workflow.run', {
      scope: SCOPE,
      kind: 'process-sequence',
      title: 'Gate',
      steps: [{ id: 'touch', title: 'Touch', command: '/usr/bin/touch', args: [marker] }],
      confirmation: { message: 'Touch?', requiredForStepIds: ['touch'] },
    });
  const shown = scriptPrompts(f, ['approved-remember', 'declined']);
  assert.equal((await f.core.handlePrivilegedAction({ pluginId: 'release' }, m())).ok, true);
  assert.equal(await exists(marker), true);
  // The plan prompt just approved covers its gated first step (no second prompt for the same step) ...
  assert.deepEqual(shown, ['workflow.run']);
  const again = await f.core.handlePrivilegedAction({ pluginId: 'release' }, m());
  // ... but a remembered plan is no approval given now: the gate asks.
  assert.deepEqual(shown, ['workflow.run', 'step:touch'], 'remembered overview, but the gate asks again');
  assertRefused(again, 'CANCELLED');
});

test('changing a step’s onError asks again; the identical definition is remembered', async (t) => {
  const f = await fixture();
  t.after(() => f.cleanup());
  const marker = join(f.dir, 'made-after');
  const m = (onError: 'abort' | 'continue') =>
    message('system.workflow.run', {
      scope: SCOPE,
      kind: 'process-sequence',
      title: 'Fail then touch',
      steps: [
        { id: 'fail', title: 'Fail', command: '/bin/false', args: [], onError },
        { id: 'after', title: 'After', command: '/usr/bin/touch', args: [marker] },
      ],
    });
  const shown = scriptPrompts(f, ['approved-remember', 'declined']);
  const first = await f.core.handlePrivilegedAction({ pluginId: 'release' }, m('abort'));
  assertRefused(first, 'STEP_FAILED');
  assert.equal(await exists(marker), false, 'abort stopped the workflow');
  assert.deepEqual(shown, ['workflow.run']);

  const same = await f.core.handlePrivilegedAction({ pluginId: 'release' }, m('abort'));
  assertRefused(same, 'STEP_FAILED');
  assert.deepEqual(shown, ['workflow.run'], 'the identical workflow is remembered');

  const changed = await f.core.handlePrivilegedAction({ pluginId: 'release' }, m('continue'));
  assert.deepEqual(shown, ['workflow.run', 'workflow.run'], 'onError continue is a different workflow');
  assertRefused(changed, 'CANCELLED');
  assert.equal(await exists(marker), false, 'the step after the failure never ran');
});
