// A gated step's prompt shows the plan with what each earlier step did, and a plan the user has just approved
// does not ask again for its gated first step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProcessCapabilityBundle } from '@gatehouse/plugin-sdk';
import { actionPreviewSchema, type ActionPreview } from '../../../src/shared/confirmation';
import { createCoreFixture, message } from '../../support/core-fixture';

const SCOPE = 'wf-stepper';

async function fixture() {
  return createCoreFixture([{ id: 'release', capabilities: createProcessCapabilityBundle(SCOPE) }], {
    scopes: {
      process: [
        {
          id: SCOPE,
          title: 'Stepper tools',
          executables: [{ path: '/bin/echo' }, { path: '/bin/false' }],
          tool: 'none',
          rules: { argv: [['step', { regex: '^[a-z]+$' }], []] },
          allowedEnvKeys: [],
          timeoutCeilingMs: 10_000,
          maxOutputBytes: 65_536,
          confirmation: { mode: 'always' },
        },
      ],
    },
  });
}

/** Answers each prompt with the next decision and keeps every preview shown. */
function script(f: Awaited<ReturnType<typeof fixture>>, decisions: Array<'approved' | 'declined'>): ActionPreview[] {
  const shown: ActionPreview[] = [];
  f.prompter.onEvent((event) => {
    if (event.type !== 'request') return;
    shown.push(event.request.preview);
    const decision = decisions.shift();
    if (decision) setImmediate(() => f.prompter.answer(event.request.id, decision));
  });
  return shown;
}

const release = (steps: unknown[], gates: string[]) =>
  message('system.workflow.run', {
    scope: SCOPE,
    kind: 'process-sequence',
    title: 'Release',
    steps,
    confirmation: { message: 'Ship it?', requiredForStepIds: gates },
  });

test('approving a plan whose first step is gated runs that step without asking for it again', async (t) => {
  const f = await fixture();
  t.after(() => f.cleanup());
  const shown = script(f, ['approved']);
  const response = await f.core.handlePrivilegedAction(
    { pluginId: 'release' },
    release([{ id: 'build', title: 'Build', command: '/bin/echo', args: ['step', 'build'] }], ['build']),
  );
  assert.equal(response.ok, true);
  assert.deepEqual(
    shown.map((p) => p.kind),
    ['workflow.run'],
    'one prompt: the plan',
  );
  const stepRecords = (await f.core.audit.query({ pluginId: 'release', limit: 100 })).records.filter((r) => r.phase === 'step');
  assert.deepEqual(
    stepRecords.map((r) => [r.workflow?.stepId, r.workflow?.stepStatus, r.workflow?.confirmation]),
    [['build', 'ok', 'approved-with-plan']],
  );
});

test('a later gated step shows the plan as a stepper: earlier steps done or failed with their exit codes', async (t) => {
  const f = await fixture();
  t.after(() => f.cleanup());
  const shown = script(f, ['approved', 'declined']);
  const response = await f.core.handlePrivilegedAction(
    { pluginId: 'release' },
    release(
      [
        { id: 'build', title: 'Build', command: '/bin/echo', args: ['step', 'build'] },
        { id: 'check', title: 'Check', command: '/bin/false', args: [], onError: 'continue' },
        { id: 'publish', title: 'Publish', command: '/bin/echo', args: ['step', 'publish'] },
        { id: 'announce', title: 'Announce', command: '/bin/echo', args: ['step', 'announce'] },
      ],
      ['publish', 'announce'],
    ),
  );
  assert.equal(response.ok, false);
  assert.deepEqual(
    shown.map((p) => p.kind),
    ['workflow.run', 'workflow.step'],
  );
  const step = shown[1];
  assert.ok(step?.kind === 'workflow.step');
  assert.equal(actionPreviewSchema.safeParse(step).success, true, 'the preview keeps to the shared schema');
  assert.deepEqual(step.plan, [
    { id: 'build', title: 'Build', gated: false, state: 'done', exitCode: 0 },
    { id: 'check', title: 'Check', gated: false, state: 'failed', code: 'PROCESS_EXIT_NON_ZERO', exitCode: 1 },
    { id: 'publish', title: 'Publish', gated: true, state: 'current' },
    { id: 'announce', title: 'Announce', gated: true, state: 'next' },
  ]);
});
