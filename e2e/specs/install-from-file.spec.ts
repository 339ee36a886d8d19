// Install from file: a plugin packed with the author CLI goes through the same inspection, trust step and
// consent as a folder; a hostile archive is refused before anything reaches the plugins folder.
import { execFile } from 'node:child_process';
import { cp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateSigningKeyPair, signPluginBundle } from '@gatehouse/plugin-sdk/node';
import type { Page } from '@playwright/test';
import { test, expect } from '../harness/gatehouse-test';
import { repoRoot } from '../harness/paths';
import { CLIPBOARD_TOOLS } from '../harness/plugins';
import { changeOneByte, writeRawArchive } from '../harness/signed-bundles';
import { approve, confirmation, installDialog, openPlugin, openSection } from '../harness/ui';

const run = promisify(execFile);
const cli = join(repoRoot, 'plugin-sdk', 'bin', 'gatehouse-plugin.js');

/** Copies the Clipboard tools example, signs it with a key of its own and packs it with `gatehouse-plugin pack`. */
async function packedExample(workDir: string): Promise<{ archive: string; key: ReturnType<typeof generateSigningKeyPair> }> {
  const key = generateSigningKeyPair();
  const dir = join(workDir, 'clipboard-tools');
  await cp(CLIPBOARD_TOOLS.dir, dir, { recursive: true });
  await rm(join(dir, 'signature.json'), { force: true });
  await signPluginBundle(dir, key.privateKeyPem);
  const archive = join(workDir, 'clipboard-tools-0.1.0.ghplugin');
  const { stdout } = await run(process.execPath, [cli, 'pack', dir, '-o', archive]);
  expect(stdout).toMatch(/^packed \d+ files/);
  return { archive, key };
}

async function chooseFile(page: Page, dialogs: { nextFile(path: string | null): void }, file: string): Promise<void> {
  await openSection(page, 'Plugins');
  dialogs.nextFile(file);
  await page.getByRole('main').getByRole('button', { name: 'Install from file…' }).first().click();
}

const entries = (dir: string): Promise<string[]> => readdir(dir).catch(() => []);

test.describe('install from file', () => {
  test('a packed example: inspection, trust step and consent, then activate and run an action', async ({ launch, workDir }) => {
    const { archive, key } = await packedExample(workDir);
    const app = await launch({ plugins: [], clipboardText: 'packed plugin works' });
    const { page } = app;

    await chooseFile(page, app.host.dialogs, archive);
    expect(app.host.dialogs.asked).toEqual(['plugin-archive']);
    const dialog = installDialog(page);
    await expect(dialog.getByRole('heading', { name: `Install ${CLIPBOARD_TOOLS.name}` })).toBeVisible();
    await expect(dialog).toContainText('Install from file');
    await expect(dialog).toContainText('Not trusted yet');
    const trustStep = dialog.getByRole('group', { name: 'Trust this publisher' });
    await expect(trustStep).toContainText(key.fingerprint);
    const install = dialog.getByRole('button', { name: 'Trust and install' });
    await expect(install).toBeDisabled();
    await expect(dialog.getByRole('checkbox', { name: 'system.clipboard.read', exact: true })).not.toBeChecked();
    await app.screenshot('install-file-prompt');

    await dialog.getByRole('checkbox', { name: 'system.clipboard.read', exact: true }).check();
    await dialog.getByRole('checkbox', { name: 'system.clipboard.write', exact: true }).check();
    await trustStep.getByLabel('Remember this publisher as').fill('Packed Example Publisher');
    await trustStep.getByRole('checkbox', { name: /Trust this publisher/ }).check();
    await expect(install).toBeEnabled();
    await install.click();
    await expect(dialog).toBeHidden();
    // The unpacked copy lived only for the review: the plugin now lives in the plugins folder alone.
    expect(await entries(join(app.host.dirs.root, 'staging'))).toEqual([]);
    expect(await entries(app.host.dirs.plugins)).toContain(CLIPBOARD_TOOLS.id);
    expect(app.host.core.plugins.get(CLIPBOARD_TOOLS.id)).toMatchObject({
      status: 'installed',
      signed: true,
      publisherKeyId: key.keyId,
      granted: ['system.clipboard.read', 'system.clipboard.write'],
    });

    const card = page.getByRole('region', { name: CLIPBOARD_TOOLS.name });
    await card.getByRole('button', { name: 'Activate' }).click();
    await expect(card.getByRole('button', { name: 'Disable' })).toBeVisible();
    await app.screenshot('install-file-active');
    await card.getByRole('button', { name: 'Open' }).click();
    const frame = app.pluginFrame(CLIPBOARD_TOOLS.id);
    await openPlugin(page, CLIPBOARD_TOOLS.name, frame);
    await frame.getByRole('button', { name: 'Read clipboard' }).click();
    await expect(confirmation(page)).toBeVisible();
    await approve(page);
    await expect(frame.getByLabel('Text', { exact: true })).toHaveValue('packed plugin works');
    await app.screenshot('install-file-action');
  });

  test('a refused archive: a traversal entry and a tampered file show the refusal and install nothing', async ({ launch, workDir }) => {
    const { archive } = await packedExample(workDir);
    const manifest = await readFile(join(CLIPBOARD_TOOLS.dir, 'manifest.json'));
    const traversal = await writeRawArchive(join(workDir, 'evil.ghplugin'), [
      { path: '../../escaped.txt', content: 'written outside the staging folder' },
      { path: 'manifest.json', content: manifest },
    ]);
    const tampered = join(workDir, 'tampered.ghplugin');
    await cp(archive, tampered);
    const size = (await stat(tampered)).size;
    await changeOneByte(tampered, size - 10);

    const app = await launch({ plugins: [] });
    const { page } = app;
    const staging = join(app.host.dirs.root, 'staging');

    await chooseFile(page, app.host.dialogs, traversal);
    const refusal = page.getByRole('main').getByRole('alert');
    await expect(refusal).toContainText('The plugin file could not be opened');
    await expect(refusal).toContainText('path-escape');
    await expect(installDialog(page)).toBeHidden();
    await app.screenshot('install-file-traversal-refused');
    for (const dir of [app.host.dirs.root, staging, workDir]) expect(await entries(dir)).not.toContain('escaped.txt');

    await chooseFile(page, app.host.dialogs, tampered);
    await expect(refusal).toContainText('digest-mismatch');
    await expect(installDialog(page)).toBeHidden();
    await app.screenshot('install-file-tampered-refused');

    expect(await entries(staging)).toEqual([]);
    expect(await entries(app.host.dirs.plugins)).toEqual([]);
    expect(app.host.core.plugins.list()).toEqual([]);
  });
});
