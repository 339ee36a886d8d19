import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB } from '../harness/plugins';
import { approve, confirmation, openPlugin, pluginResult } from '../harness/ui';

test.describe('process exec', () => {
  test('allowed argv: the dialog shows the exact command and the output comes back', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
    const { page } = app;
    const frame = app.pluginFrame(ACTION_LAB.id);
    await openPlugin(page, ACTION_LAB.name, frame);

    await frame.getByLabel('Command').fill(app.host.dockerPath);
    await frame.getByLabel('Arguments').fill('ps --all');
    await frame.getByRole('button', { name: 'Run command' }).click();

    const dialog = confirmation(page);
    await expect(dialog).toContainText(app.host.dockerPath);
    await expect(dialog).toContainText('--all');
    await app.screenshot('exec-allowed-dialog');
    await approve(page);

    // The test double is a copy of /bin/echo: its output is the argv it was given.
    await expect(pluginResult(frame)).toContainText('OK command');
    await expect(pluginResult(frame)).toContainText('"stdout": "ps --all\\n"');
    await expect(pluginResult(frame)).toContainText('"exitCode": 0');
    await app.screenshot('exec-allowed-output');
  });

  test('a denied subcommand through a synonym is refused before anything runs', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
    const { page } = app;
    const frame = app.pluginFrame(ACTION_LAB.id);
    await openPlugin(page, ACTION_LAB.name, frame);

    await frame.getByLabel('Command').fill(app.host.dockerPath);
    // The scope denies `run`; `container run` is the same command under another name.
    await frame.getByLabel('Arguments').fill('container run --rm alpine');
    await frame.getByRole('button', { name: 'Run command' }).click();

    await expect(pluginResult(frame)).toContainText('SCOPE_VIOLATION');
    await expect(confirmation(page)).toBeHidden();
    const denied = await app.host.core.audit.query({ pluginId: ACTION_LAB.id, action: 'system.process.exec' });
    expect(denied.records.map((r) => r.phase)).toEqual(['denied']);
    await app.screenshot('exec-synonym-refused');
  });
});
