import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB } from '../harness/plugins';
import { ECHO_SCOPE_ID } from '../harness/test-host';
import { approve, confirmation, decline, openPlugin, pluginResult } from '../harness/ui';

test('workflow: approve the first gated step, decline the second → partial, later steps skipped', async ({ launch }) => {
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
  const { page } = app;
  const frame = app.pluginFrame(ACTION_LAB.id);
  await openPlugin(page, ACTION_LAB.name, frame);

  await frame.getByLabel('Release tool').fill(join(app.host.dirs.bin, 'release-tool'));
  await frame.getByRole('button', { name: 'Run release workflow' }).click();

  const dialog = confirmation(page);
  await expect(dialog).toContainText('Build artifacts');
  await app.screenshot('workflow-step-1');
  await approve(page);

  await expect(dialog).toContainText('Publish packages');
  await app.screenshot('workflow-step-2');
  await decline(page);

  const result = pluginResult(frame);
  await expect(result).toContainText('"status": "partial"');
  await expect(result).toContainText('"completedSteps": 1');
  await expect(result).toContainText('"skippedSteps": 1');
  const text = (await result.textContent()) ?? '';
  expect(text).toMatch(/"stepId": "build",[\s\S]*?"status": "ok"/);
  expect(text).toMatch(/"stepId": "publish",[\s\S]*?"status": "error"[\s\S]*?"code": "CANCELLED"/);
  expect(text).toMatch(/"stepId": "announce",[\s\S]*?"status": "skipped"/);
  await app.screenshot('workflow-partial');

  const steps = await app.host.core.audit.query({ pluginId: ACTION_LAB.id, action: 'system.workflow.run' });
  const byStep = new Map(steps.records.filter((r) => r.phase === 'step').map((r) => [r.workflow?.stepId, r.workflow?.stepStatus]));
  expect(Object.fromEntries(byStep)).toEqual({ build: 'ok', publish: 'error', announce: 'skipped' });
});

test('a plan with a gated first step asks once for both; the next gated step shows the stepper with the earlier result', async ({
  launch,
}) => {
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
  const { page } = app;
  // The release scope asks for the whole plan (the suite's default never asks for it).
  const scope = app.host.core.scopes.list().process.find((entry) => entry.id === ECHO_SCOPE_ID);
  if (!scope) throw new Error('the release test scope is missing');
  const { preset: _preset, unsandboxed: _unsandboxed, ...rest } = scope;
  app.host.core.scopes.save('process', { ...rest, confirmation: { mode: 'always' } });
  const frame = app.pluginFrame(ACTION_LAB.id);
  await openPlugin(page, ACTION_LAB.name, frame);
  await frame.getByLabel('Release tool').fill(join(app.host.dirs.bin, 'release-tool'));
  await frame.getByRole('button', { name: 'Run release workflow' }).click();

  const dialog = confirmation(page);
  await expect(dialog).toHaveAccessibleName(/wants to run the workflow/);
  await expect(dialog.locator('.step').first()).toContainText('Approved with this plan: runs first');
  await app.screenshot('after-workflow-plan-first-gated');
  await approve(page);

  // The next prompt is the second gated step, not the first one again.
  await expect(dialog).toHaveAccessibleName(/wants to run step 2 of/);
  const stepper = dialog.getByRole('list', { name: 'Workflow steps' });
  await expect(stepper.getByRole('listitem')).toHaveText([
    /Build artifacts\s*Done · exit 0/,
    /Publish packages\s*This step: asks now/,
    /Announce release\s*Later/,
  ]);
  await expect(stepper.locator('[aria-current="step"]')).toContainText('Publish packages');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await app.screenshot('after-workflow-stepper');
  await decline(page);
  await expect(pluginResult(frame)).toContainText('"status": "partial"');

  const steps = await app.host.core.audit.query({ pluginId: ACTION_LAB.id, action: 'system.workflow.run' });
  const build = steps.records.find((r) => r.phase === 'step' && r.workflow?.stepId === 'build');
  expect(build?.workflow?.confirmation).toBe('approved-with-plan');
});
