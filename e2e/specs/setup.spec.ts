// A plugin's setup on this machine, as a user goes through it: Setup needed (the plugin is told so), the
// preview, a step failing and being retried, ready, and teardown. Real files under the host's temp home,
// a real ssh-keygen in the sandbox.
import { lstat, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from '../harness/gatehouse-test';
import { DEV_CONTAINER_SSH } from '../harness/plugins';
import { approve, confirmation, openPlugin } from '../harness/ui';

test.describe('plugin setup', () => {
  test('Setup needed, preview, a failing step and Retry, ready, teardown', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: DEV_CONTAINER_SSH.dir }] });
    const { page } = app;
    const frame = app.pluginFrame(DEV_CONTAINER_SSH.id);
    const folder = join(app.host.dirs.home, 'Gatehouse', 'workspace', 'dev-container-ssh');
    await openPlugin(page, DEV_CONTAINER_SSH.name, frame);

    // Setup needed: on the page, in the sidebar, and as the answer to the plugin's own request.
    const needed = page.getByRole('region', { name: 'Setup needed' });
    await expect(needed).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Plugins' }).getByText('Setup needed')).toBeVisible();
    await frame.getByRole('button', { name: 'Show public key' }).click();
    await expect(frame.locator('#notice')).toContainText('has not set this plugin up yet');
    await expect(confirmation(page)).toBeHidden();
    await app.screenshot('setup-needed');

    // The preview: every step with its absolute paths, before anything runs.
    await expect(needed.locator('[data-step="folder"]')).toContainText(`Create the folder ${folder} (mode 0700)`);
    await expect(needed.locator('[data-step="key"]')).toContainText('/usr/bin/ssh-keygen -t ed25519 -N "" -C dev-container -f');
    await needed.locator('[data-step="key"]').scrollIntoViewIfNeeded();
    await app.screenshot('setup-preview');
    await expect(lstat(folder)).rejects.toThrow();

    // A file where the public key goes: the key step is refused (a key is never replaced), after the others ran.
    await mkdir(folder, { mode: 0o700 });
    await writeFile(join(folder, 'id_ed25519.pub'), 'in the way\n');
    await needed.getByRole('button', { name: 'Run setup' }).click();
    await expect(confirmation(page)).toContainText('config');
    await approve(page);
    const stopped = page.getByRole('region', { name: 'Setup stopped at "Create the SSH key pair"' });
    await expect(stopped).toBeVisible();
    await expect(stopped).toContainText('already exists');
    await expect(stopped.locator('[data-step="folder"]')).toContainText('Skipped (already done)');
    await expect(stopped.locator('[data-step="config"]')).toContainText('Done');
    await expect(stopped.locator('[data-step="key"]')).toContainText('Failed');
    await app.screenshot('setup-step-failed');
    expect(await readFile(join(folder, 'config'), 'utf8')).toContain('Host dev-container');

    // Retry after the user cleared the way: only the key step runs.
    await rm(join(folder, 'id_ed25519.pub'));
    await stopped.getByRole('button', { name: 'Retry' }).click();
    await expect(confirmation(page)).toContainText('ssh-keygen');
    await approve(page);
    const ready = page.getByRole('region', { name: 'Setup: ready' });
    await expect(ready).toBeVisible();
    expect((await stat(join(folder, 'id_ed25519'))).mode & 0o777).toBe(0o600);
    await expect(page.getByRole('navigation', { name: 'Plugins' }).getByText('Setup needed')).toBeHidden();

    // The plugin's page shows the public key, never the private one.
    await frame.getByRole('button', { name: 'Show public key' }).click();
    await approve(page);
    const publicLine = (await readFile(join(folder, 'id_ed25519.pub'), 'utf8')).trim();
    await expect(frame.locator('#public-key')).toHaveText(publicLine);
    await app.screenshot('setup-ready');

    // Teardown: asked once in the app, then the normal prompt of its step.
    await ready.getByRole('button', { name: 'Teardown' }).click();
    const ask = page.getByRole('dialog', { name: 'Undo the setup of Dev container SSH?' });
    await expect(ask).toContainText(`Remove ${folder} and everything in it`);
    await app.screenshot('setup-teardown-confirm');
    await ask.getByRole('button', { name: 'Teardown' }).click();
    await approve(page);
    await expect(page.getByRole('region', { name: 'Setup needed' })).toBeVisible();
    await expect
      .poll(() =>
        lstat(folder).then(
          () => 'there',
          () => 'gone',
        ),
      )
      .toBe('gone');
    await app.screenshot('setup-teardown-done');
  });
});
