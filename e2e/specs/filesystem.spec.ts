import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB } from '../harness/plugins';
import { approve, confirmation, openPlugin, pluginResult } from '../harness/ui';

test.describe('filesystem mutate', () => {
  test('inside the scope: the file exists after approval', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
    const { page } = app;
    const frame = app.pluginFrame(ACTION_LAB.id);
    const target = join(app.host.dirs.files, 'notes.txt');
    await openPlugin(page, ACTION_LAB.name, frame);

    await frame.getByLabel('File path').fill(target);
    await frame.getByLabel('File content').fill('written through the host');
    await frame.getByRole('button', { name: 'Write file' }).click();
    await expect(confirmation(page)).toContainText(target);
    await app.screenshot('fs-inside-dialog');
    await approve(page);

    await expect(pluginResult(frame)).toContainText('OK file write');
    await expect(pluginResult(frame)).toContainText('created');
    expect(await readFile(target, 'utf8')).toBe('written through the host');
    await app.screenshot('fs-inside-done');
  });

  test('outside the scope: the plugin shows SCOPE_VIOLATION and nothing is written', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
    const { page } = app;
    const frame = app.pluginFrame(ACTION_LAB.id);
    const target = join(app.host.dirs.outside, 'escape.txt');
    await openPlugin(page, ACTION_LAB.name, frame);

    await frame.getByLabel('File path').fill(target);
    await frame.getByRole('button', { name: 'Write file' }).click();

    await expect(pluginResult(frame)).toContainText('SCOPE_VIOLATION');
    await expect(confirmation(page)).toBeHidden();
    expect(await readdir(app.host.dirs.outside)).toEqual([]);
    await app.screenshot('fs-outside-refused');
  });
});
