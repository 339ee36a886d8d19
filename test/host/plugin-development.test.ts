// The Electron-free half of `--develop-plugin` (and of the browser development host): a real host core in
// developer mode, a real plugin folder, the real folder watcher. Only the frame reload is the shell's, so
// it is a recorder here (named: the app reloads Electron frames, the development host browser frames).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Conf from 'conf';
import { createHostCore, createInteractivePrompter, type HostCore } from '../../src/core/index';
import { startPluginDevelopment, type PluginDevelopment } from '../../src/host/plugin-development';

const roots: string[] = [];
after(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

async function setup(): Promise<{ root: string; core: HostCore; project: string; pluginDir: string }> {
  const root = await mkdtemp(join(tmpdir(), 'gatehouse-develop-'));
  roots.push(root);
  const core = await createHostCore({
    dataDir: join(root, 'data'),
    pluginsDir: join(root, 'plugins'),
    settings: new Conf<Record<string, unknown>>({ cwd: join(root, 'settings') }),
    clipboard: null,
    prompter: createInteractivePrompter(),
    devMode: true,
    homeDir: root,
  });
  after(() => core.close());
  const project = join(root, 'project');
  const pluginDir = join(project, 'dist');
  await mkdir(pluginDir, { recursive: true });
  await writeManifest(pluginDir, ['system.clipboard.read', 'system.clipboard.write']);
  await writeFile(join(pluginDir, 'index.html'), '<!doctype html><title>v1</title>');
  await writeFile(join(pluginDir, 'signature.json'), '{"stale": true}');
  return { root, core, project, pluginDir };
}

async function writeManifest(dir: string, capabilities: string[], id = 'dev-probe'): Promise<void> {
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({
      id,
      name: 'Dev Probe',
      version: '0.0.1',
      publisher: 'Me',
      description: 'd',
      capabilities,
      ui: { entry: 'index.html' },
    }),
  );
}

function nextReload(development: PluginDevelopment): Promise<boolean> {
  return new Promise((resolve) => {
    const off = development.onReload((ok) => {
      off();
      resolve(ok);
    });
  });
}

test('loads the project’s dist/ unsigned, grants what it declares, activates it; an edit reloads the frame and keeps grants', async () => {
  const { root, core, project, pluginDir } = await setup();
  const reloaded: string[] = [];
  const lines: string[] = [];
  const development = await startPluginDevelopment({
    core,
    dir: project,
    stagingDir: join(root, 'staging'),
    reloadFrames: async (id) => {
      reloaded.push(id);
      return 1;
    },
    log: (line) => lines.push(line),
  });
  after(() => development.close());
  assert.equal(development.pluginDir, pluginDir);
  const info = core.plugins.get('dev-probe');
  assert.equal(info?.status, 'active');
  assert.equal(info?.signed, false, 'a stale signature.json is left out of the copy');
  assert.deepEqual([...(info?.granted ?? [])].sort(), ['system.clipboard.read', 'system.clipboard.write']);
  assert.deepEqual(await readdir(join(root, 'staging', 'dist')).then((names) => names.sort()), ['index.html', 'manifest.json']);

  // The user narrows the grants on the Plugins page; an edit must not give them back.
  await core.plugins.setGrants('dev-probe', ['system.clipboard.read']);
  const reload = nextReload(development);
  await writeFile(join(pluginDir, 'index.html'), '<!doctype html><title>v2</title>');
  assert.equal(await reload, true);
  assert.deepEqual(reloaded, ['dev-probe']);
  assert.deepEqual(core.plugins.get('dev-probe')?.granted, ['system.clipboard.read']);
  assert.equal(core.plugins.get('dev-probe')?.status, 'active');
  assert.ok(
    lines.some((line) => /^Reloaded Dev Probe 0\.0\.1 \(1 open frame\)$/.test(line)),
    lines.join('\n'),
  );
});

test('a broken manifest or a new id is refused and the running version stays', async () => {
  const { root, core, pluginDir } = await setup();
  const lines: string[] = [];
  const reloaded: string[] = [];
  const development = await startPluginDevelopment({
    core,
    dir: pluginDir,
    stagingDir: join(root, 'staging'),
    reloadFrames: async (id) => (reloaded.push(id), 1),
    log: (line) => lines.push(line),
    watch: false,
  });
  await writeFile(join(pluginDir, 'manifest.json'), '{ not json');
  assert.equal(await development.reload(), false);
  assert.ok(
    lines.some((line) => line.startsWith('Reload refused: ')),
    lines.join('\n'),
  );
  assert.equal(core.plugins.get('dev-probe')?.status, 'active', 'the running version stays');

  await writeManifest(pluginDir, ['system.clipboard.read'], 'another-id');
  assert.equal(await development.reload(), false);
  assert.ok(lines.some((line) => /now names "another-id"/.test(line)));
  assert.deepEqual(reloaded, [], 'no frame was reloaded for a refused change');
});

test('a folder without a manifest is refused before anything is installed', async () => {
  const { root, core } = await setup();
  const empty = join(root, 'empty');
  await mkdir(empty);
  await assert.rejects(
    startPluginDevelopment({
      core,
      dir: empty,
      stagingDir: join(root, 'staging'),
      reloadFrames: async () => 0,
      log: () => undefined,
      watch: false,
    }),
    /No manifest\.json in/,
  );
  assert.deepEqual(
    core.plugins.list().filter((plugin) => plugin.id === 'dev-probe'),
    [],
  );
});
