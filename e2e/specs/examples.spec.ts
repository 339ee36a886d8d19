// The shipped example plugins, clicked through like a user would.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from '../harness/gatehouse-test';
import { CLIPBOARD_TOOLS, DOCKER_PANEL, LOCAL_DNS, PROJECT_SCAFFOLDER } from '../harness/plugins';
import { HOSTS_BASELINE } from '../harness/test-host';
import { approve, confirmation, openPlugin } from '../harness/ui';

test.describe('example plugins', () => {
  test('Local DNS: the dry-run preview asks nothing, Apply asks and writes the tagged section', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: LOCAL_DNS.dir }] });
    const { page } = app;
    const frame = app.pluginFrame(LOCAL_DNS.id);
    await openPlugin(page, LOCAL_DNS.name, frame);

    await frame.getByLabel('Hostname, row 1').fill('shop.local.test');
    await frame.getByRole('button', { name: 'Preview changes' }).click();
    await expect(frame.getByLabel('Diff of the hosts file section')).toContainText('+127.0.0.1');
    await expect(confirmation(page)).toBeHidden();
    expect(await app.host.readHosts()).toBe(HOSTS_BASELINE);
    await app.screenshot('example-local-dns-preview');

    await frame.getByRole('button', { name: 'Apply' }).click();
    await expect(confirmation(page)).toContainText('shop.local.test');
    await approve(page);
    await expect.poll(() => app.host.readHosts()).toMatch(/# >>> gatehouse local-dns local-dns\n127\.0\.0\.1\s+shop\.local\.test/);
    expect((await app.host.readHosts()).startsWith(HOSTS_BASELINE)).toBe(true);
    await app.screenshot('example-local-dns-applied');
  });

  test('Clipboard tools: read asks, transform, copy back without asking', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: CLIPBOARD_TOOLS.dir }], clipboardText: 'release notes draft' });
    const { page } = app;
    const frame = app.pluginFrame(CLIPBOARD_TOOLS.id);
    await openPlugin(page, CLIPBOARD_TOOLS.name, frame);

    await frame.getByRole('button', { name: 'Read clipboard' }).click();
    await approve(page);
    await expect(frame.getByLabel('Text', { exact: true })).toHaveValue('release notes draft');
    await frame.getByRole('button', { name: 'UPPER CASE' }).click();
    await frame.getByRole('button', { name: 'Copy result' }).click();
    await expect.poll(() => app.host.clipboard.peek()).toBe('RELEASE NOTES DRAFT');
    await expect(confirmation(page)).toBeHidden();
    await app.screenshot('example-clipboard-tools');
  });

  test('Project scaffolder: creates the project in the workspace scope after approval', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: PROJECT_SCAFFOLDER.dir }] });
    const { page } = app;
    const frame = app.pluginFrame(PROJECT_SCAFFOLDER.id);
    const workspace = join(app.host.dirs.home, 'Gatehouse', 'workspace');
    await openPlugin(page, PROJECT_SCAFFOLDER.name, frame);

    await frame.getByLabel('Project name').fill('demo-app');
    await frame.getByLabel('Target folder').fill(workspace);
    await frame.getByRole('button', { name: 'Create project' }).click();
    // The workspace root is named once; the project's paths are listed below it.
    const underRoot = confirmation(page).getByRole('region', { name: `In ${workspace}` });
    await expect(underRoot.locator('.op .path').first()).toHaveText('demo-app');
    await app.screenshot('example-project-scaffolder-dialog');
    await approve(page);
    await expect.poll(async () => (await readdir(join(workspace, 'demo-app')).catch(() => [])).length).toBeGreaterThan(0);
    await app.screenshot('example-project-scaffolder-done');
  });

  test('Docker panel: without docker on this machine it shows the error cleanly', async ({ launch }) => {
    const dockerInstalled = await readFile('/usr/bin/docker').then(
      () => true,
      () => false,
    );
    if (dockerInstalled) console.log('docker panel without-docker scenario skipped: docker is installed on this machine');
    test.skip(dockerInstalled, 'docker is installed here; this scenario is about a machine without it');
    const app = await launch({ plugins: [{ dir: DOCKER_PANEL.dir }] });
    const { page } = app;
    const frame = app.pluginFrame(DOCKER_PANEL.id);
    await openPlugin(page, DOCKER_PANEL.name, frame);

    await frame.getByRole('button', { name: 'Refresh' }).click();
    await expect(frame.getByText(/SCOPE_NOT_CONFIGURED|PROCESS_SPAWN_ENOENT|not installed|not found/i).first()).toBeVisible();
    await expect(confirmation(page)).toBeHidden();
    await app.screenshot('example-docker-panel-no-docker');
  });
});
