import { join } from 'node:path';
import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB } from '../harness/plugins';
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
