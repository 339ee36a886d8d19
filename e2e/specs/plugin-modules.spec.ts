// A plugin frame has an opaque origin (sandbox without allow-same-origin), so its module scripts and web
// fonts are CORS loads from origin "null". They must work from the plugin's own files, with the same
// headers the app's gatehouse-plugin: protocol sends (src/host/plugin-content.ts).
import { cp, mkdtemp, rm, copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../harness/gatehouse-test';
import { fixturePluginsDir } from '../harness/paths';

const SYSTEM_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

test('a plugin loads its ES modules and its web font', async ({ launch }) => {
  test.skip(!existsSync(SYSTEM_FONT), `no ${SYSTEM_FONT} to serve as the plugin's font (apt-get install fonts-dejavu-core)`);
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-modules-'));
  try {
    const pluginDir = join(dir, 'e2e-modules');
    await cp(join(fixturePluginsDir, 'e2e-modules'), pluginDir, { recursive: true });
    await copyFile(SYSTEM_FONT, join(pluginDir, 'probe.ttf'));
    const app = await launch({ plugins: [{ dir: pluginDir }] });
    await app.page.getByRole('navigation', { name: 'Plugins' }).getByRole('button', { name: 'Module Lab', exact: true }).click();
    const frame = app.pluginFrame('e2e-modules');
    await expect(frame.getByRole('status', { name: 'Result' })).toHaveText('module: imported; font: loaded');
    await app.screenshot('plugin-modules');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("another plugin cannot import a plugin's modules or use its fonts", async ({ launch }) => {
  test.skip(!existsSync(SYSTEM_FONT), `no ${SYSTEM_FONT} to serve as the plugin's font (apt-get install fonts-dejavu-core)`);
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-modules-'));
  try {
    const victim = join(dir, 'e2e-modules');
    await cp(join(fixturePluginsDir, 'e2e-modules'), victim, { recursive: true });
    await copyFile(SYSTEM_FONT, join(victim, 'probe.ttf'));
    const app = await launch({ plugins: [{ dir: victim }, { dir: join(fixturePluginsDir, 'e2e-module-thief') }] });
    await app.page.getByRole('navigation', { name: 'Plugins' }).getByRole('button', { name: 'Module Thief', exact: true }).click();
    const frame = app.pluginFrame('e2e-module-thief');
    await expect(frame.getByRole('status', { name: 'Result' })).toHaveText('import: blocked; font: blocked; sibling code did not run');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
