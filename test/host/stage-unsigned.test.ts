// The plugin under development is staged without its signature and without the project's own folders.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { findPluginFolder, isBundleChange, stageUnsigned } from '../../src/host/stage-unsigned';

test('staging leaves out signature.json, node_modules and .git, and keeps the rest', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-stage-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const plugin = join(dir, 'my-plugin');
  await mkdir(join(plugin, 'node_modules', 'x'), { recursive: true });
  await mkdir(join(plugin, '.git'));
  await mkdir(join(plugin, 'lib'));
  await writeFile(join(plugin, 'manifest.json'), '{}');
  await writeFile(join(plugin, 'signature.json'), '{}');
  await writeFile(join(plugin, 'lib', 'signature.json'), 'a file of the plugin that happens to share the name');
  await writeFile(join(plugin, 'node_modules', 'x', 'index.js'), '');
  const staged = await stageUnsigned(plugin, join(dir, 'staging'));
  assert.deepEqual((await readdir(staged)).sort(), ['lib', 'manifest.json']);
  assert.deepEqual(await readdir(join(staged, 'lib')), ['signature.json']);
});

test('the plugin folder is the one with manifest.json: the folder, its plugin/ or its dist/', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-stage-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  assert.equal(await findPluginFolder(dir), null);
  await mkdir(join(dir, 'plugin'));
  await writeFile(join(dir, 'plugin', 'manifest.json'), '{}');
  assert.equal(await findPluginFolder(dir), join(dir, 'plugin'));
  await writeFile(join(dir, 'manifest.json'), '{}');
  assert.equal(await findPluginFolder(dir), dir);
});

test('edits in node_modules, .git and signature.json do not reload', () => {
  assert.equal(isBundleChange('index.html'), true);
  assert.equal(isBundleChange('lib/app.js'), true);
  assert.equal(isBundleChange(null), true);
  assert.equal(isBundleChange('node_modules/x/index.js'), false);
  assert.equal(isBundleChange('.git/index'), false);
  assert.equal(isBundleChange('signature.json'), false);
});
