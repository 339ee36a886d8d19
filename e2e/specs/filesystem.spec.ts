import AxeBuilder from '@axe-core/playwright';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB } from '../harness/plugins';
import { FS_SCOPE_ID } from '../harness/test-host';
import { approve, confirmation, openPlugin, pluginResult } from '../harness/ui';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => violation.id);
}

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
    // The scope root once, the path below it.
    await expect(
      confirmation(page)
        .getByRole('region', { name: `In ${app.host.dirs.files}` })
        .locator('.op .path'),
    ).toHaveText(['notes.txt']);
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

test.describe('filesystem prompts show what a write does', () => {
  test('replacing a file shows its diff, a new file its text, a binary file its size; paths sit under their root, named once', async ({
    launch,
  }) => {
    const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
    const { page } = app;
    const frame = app.pluginFrame(ACTION_LAB.id);
    const root = app.host.dirs.files;
    await mkdir(join(root, 'conf'));
    await writeFile(join(root, 'conf', 'app.conf'), 'port = 80\nhost = localhost\nworkers = 2\n');
    await writeFile(join(root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));
    await openPlugin(page, ACTION_LAB.name, frame);

    const asked = app.host.core.handlePrivilegedAction(
      { pluginId: ACTION_LAB.id },
      {
        correlationId: `e2e-fs-preview-${process.pid}`,
        request: {
          action: 'system.fs.mutate',
          payload: {
            scope: FS_SCOPE_ID,
            reason: 'Update the settings and add a readme.',
            operations: [
              { type: 'writeFile', path: join(root, 'conf', 'app.conf'), content: 'port = 8080\nhost = localhost\nworkers = 2\n' },
              { type: 'writeFile', path: join(root, 'README.md'), content: '# Notes\nWritten by the plugin.\n' },
              {
                type: 'writeFile',
                path: join(root, 'logo.png'),
                content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 4]).toString('base64'),
                encoding: 'base64',
              },
            ],
          },
        },
      },
    );
    const dialog = confirmation(page);
    await expect(dialog).toBeVisible();
    // The root once, the paths below it relative.
    const group = dialog.getByRole('region', { name: `In ${root}` });
    await expect(group).toHaveCount(1);
    await expect(group.locator('.op .path')).toHaveText(['conf/app.conf', 'README.md', 'logo.png']);
    // The replaced file: its diff, old line and new line.
    const diff = dialog.getByLabel('Changes to conf/app.conf');
    await expect(diff.locator('.diff-remove')).toHaveText(['-port = 80']);
    await expect(diff.locator('.diff-add')).toHaveText(['+port = 8080']);
    // The new file: its text.
    await expect(dialog.getByLabel('New content of README.md')).toHaveText('# Notes\nWritten by the plugin.\n');
    // The binary file: its size only.
    await expect(dialog.locator('.op').filter({ hasText: 'logo.png' })).toContainText(
      'Binary content, 9 B; replaces a binary file of 8 B. Not shown.',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await app.screenshot('after-prompt-fs-diff');
    await approve(page);
    expect((await asked).ok).toBe(true);
    expect(await readFile(join(root, 'conf', 'app.conf'), 'utf8')).toBe('port = 8080\nhost = localhost\nworkers = 2\n');
  });
});
