import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB } from '../harness/plugins';
import { approve, confirmation, openPlugin, pluginResult } from '../harness/ui';

test.describe('clipboard', () => {
  test('write with the default policy does not ask', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
    const { page } = app;
    const frame = app.pluginFrame(ACTION_LAB.id);
    await openPlugin(page, ACTION_LAB.name, frame);

    await frame.getByLabel('Text to copy').fill('ticket 4711');
    await frame.getByRole('button', { name: 'Copy text' }).click();
    await expect(pluginResult(frame)).toContainText('OK clipboard write');
    await expect(confirmation(page)).toBeHidden();
    expect(app.host.clipboard.peek()).toBe('ticket 4711');
    const decided = await app.host.core.audit.query({ action: 'system.clipboard.write', decision: 'not-required' });
    expect(decided.total).toBe(1);
    await app.screenshot('clipboard-write-no-prompt');
  });

  test('read asks first, and reads only after approval', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }], clipboardText: 'what the user copied' });
    const { page } = app;
    const frame = app.pluginFrame(ACTION_LAB.id);
    await openPlugin(page, ACTION_LAB.name, frame);

    await frame.getByRole('button', { name: 'Read clipboard' }).click();
    await expect(confirmation(page)).toContainText('wants to read your clipboard');
    expect(app.host.clipboard.counts.reads).toBe(0);
    await app.screenshot('clipboard-read-dialog');
    await approve(page);

    await expect(pluginResult(frame)).toContainText('what the user copied');
    expect(app.host.clipboard.counts.reads).toBe(1);
  });
});
