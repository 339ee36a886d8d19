import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB } from '../harness/plugins';
import { confirmation, openPlugin, pluginResult } from '../harness/ui';

test('an unanswered confirmation times out: the dialog closes and the plugin gets CONFIRMATION_TIMEOUT', async ({ launch }) => {
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }], confirmationTimeoutMs: 2500 });
  const { page } = app;
  const frame = app.pluginFrame(ACTION_LAB.id);
  await openPlugin(page, ACTION_LAB.name, frame);

  await frame.getByRole('button', { name: 'Read clipboard' }).click();
  await expect(confirmation(page)).toBeVisible();
  await app.screenshot('timeout-dialog-counting');

  await expect(pluginResult(frame)).toContainText('CONFIRMATION_TIMEOUT', { timeout: 10_000 });
  await expect(confirmation(page)).toBeHidden();
  expect(app.host.clipboard.counts.reads).toBe(0);
  const decided = await app.host.core.audit.query({ action: 'system.clipboard.read', decision: 'timeout' });
  expect(decided.total).toBe(1);
  await app.screenshot('timeout-plugin-result');
});
