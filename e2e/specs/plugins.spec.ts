import { request } from 'node:http';
import { test, expect } from '../harness/gatehouse-test';
import { LOCAL_DNS } from '../harness/plugins';
import { installDialog, openPlugin, openSection } from '../harness/ui';

/** Status code of a plugin file as the plugin server answers it (Host header picks the plugin origin). */
function fetchPluginFile(port: number, pluginId: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `${pluginId}.localhost:${port}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('plugins page: install from a folder, grant, activate, open, then disable', async ({ launch }) => {
  const app = await launch({ plugins: [] });
  const { page } = app;
  await expect(page.getByRole('navigation', { name: 'Plugins' })).toContainText('No plugins installed yet');

  await openSection(page, 'Plugins');
  app.host.dialogs.nextFolder(LOCAL_DNS.dir);
  await page
    .getByRole('main')
    .getByRole('button', { name: /Install from folder/ })
    .first()
    .click();
  // The examples are signed with the development key, which a development build trusts.
  const dialog = installDialog(page);
  await expect(dialog).toContainText('Trusted as');
  await dialog.getByRole('button', { name: 'Install', exact: true }).click();
  await expect(dialog).toBeHidden();
  const card = page.getByRole('region', { name: LOCAL_DNS.name });
  await expect(card).toBeVisible();
  await expect(card.getByRole('button', { name: 'Activate' })).toBeVisible();
  // Installed but not active: its content is not served.
  expect(await fetchPluginFile(app.pluginServer.port, LOCAL_DNS.id, '/index.html')).toBe(404);
  await app.screenshot('plugins-installed');

  await card.getByRole('checkbox', { name: 'system.hosts.write' }).check();
  await card.getByRole('button', { name: /save grants/i }).click();
  await expect(card).toContainText('granted');
  await card.getByRole('button', { name: 'Activate' }).click();
  await expect(card.getByRole('button', { name: 'Disable' })).toBeVisible();
  expect(app.host.core.plugins.get(LOCAL_DNS.id)).toMatchObject({ status: 'active', granted: ['system.hosts.write'] });
  await app.screenshot('plugins-active');

  await card.getByRole('button', { name: 'Open' }).click();
  const frame = app.pluginFrame(LOCAL_DNS.id);
  await openPlugin(page, LOCAL_DNS.name, frame);
  expect(await fetchPluginFile(app.pluginServer.port, LOCAL_DNS.id, '/index.html')).toBe(200);
  expect(await fetchPluginFile(app.pluginServer.port, LOCAL_DNS.id, '/%2e%2e/manifest.json')).toBe(400);

  await openSection(page, 'Plugins');
  await card.getByRole('button', { name: 'Disable' }).click();
  await expect(card.getByRole('button', { name: 'Activate' })).toBeVisible();
  expect(await fetchPluginFile(app.pluginServer.port, LOCAL_DNS.id, '/index.html')).toBe(404);
  const frameResult = await app.dispatcher.invoke('plugins:frame', { pluginId: LOCAL_DNS.id });
  expect(frameResult).toMatchObject({ ok: false, code: 'PLUGIN_UNAVAILABLE' });
  await expect(page.locator(`iframe[src^="${app.pluginOrigin(LOCAL_DNS.id)}/"]`)).toHaveCount(0);
  await app.screenshot('plugins-disabled');
});
