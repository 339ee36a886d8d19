// Real plugin backends for tests: a script bundled with the SDK's backend entry (esbuild, from source), a
// plugin folder holding it, and a real host core that starts it with the Node launcher (bubblewrap and
// Node's permission model).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createNodeBackendLauncher } from '../../../src/core/backends/node-backend-launcher';
import type { BackendStatus } from '../../../src/core/backends/backend-supervisor';
import type { BackendLauncher } from '../../../src/core/backends/backend-launcher';
import type { HostCore } from '../../../src/core/host-core-types';
import type { HostCoreOptions } from '../../../src/core';
import { createCoreFixture, type CoreFixture } from '../../support/core-fixture';
import { bundleBackend } from '../../support/bundle-backend';

export interface BackendPlugin {
  id: string;
  source: string;
  capabilities?: string[];
  /** Adds to the plugin folder before it is installed (an attacker's extra files or links). */
  setup?(dir: string): Promise<void>;
}

/** A plugin folder with a frame page and a bundled backend script. */
export async function writeBackendPlugin(pluginsDir: string, plugin: BackendPlugin): Promise<string> {
  const dir = join(pluginsDir, plugin.id);
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({
      id: plugin.id,
      name: `Plugin ${plugin.id}`,
      version: '1.0.0',
      publisher: 'Test Publisher',
      capabilities: plugin.capabilities ?? [],
      ui: { entry: 'index.html' },
      backend: { entry: 'backend.mjs' },
    }),
  );
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>fixture</title>');
  await writeFile(join(dir, 'backend.mjs'), await bundleBackend(plugin.source));
  await plugin.setup?.(dir);
  return dir;
}

export interface BackendFixture extends CoreFixture {
  /** Waits until the plugin's backend is in one of `states` (status changes are events, not polling). */
  waitFor(pluginId: string, states: BackendStatus['state'][]): Promise<BackendStatus>;
  /** Sends `data` to the backend as its frame would, and resolves with the backend's next message to the frame. */
  ask(pluginId: string, data: unknown): Promise<unknown>;
}

/** A host core with the given backend plugins installed, granted and active, and the Node launcher. */
export async function createBackendFixture(
  plugins: BackendPlugin[],
  options: {
    restart?: { baseDelayMs?: number; maxDelayMs?: number; maxRestarts?: number; windowMs?: number };
    launcher?: BackendLauncher;
    /** More host core options (scopes, for a backend that runs tools). */
    core?: Partial<HostCoreOptions>;
  } = {},
): Promise<BackendFixture> {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const staging = await mkdtemp(join(tmpdir(), 'gatehouse-backend-src-'));
  for (const plugin of plugins) await writeBackendPlugin(staging, plugin);
  const fixture = await createCoreFixture(
    plugins.map((plugin) => ({ id: plugin.id, capabilities: plugin.capabilities ?? [], active: false })),
    {
      backendLauncher: options.launcher ?? createNodeBackendLauncher(),
      backendRestart: { baseDelayMs: 50, maxDelayMs: 400, maxRestarts: 3, windowMs: 60_000, ...options.restart },
      ...options.core,
    },
  );
  // The plain fixture wrote frame-only folders; install the backend versions over them, then activate.
  for (const plugin of plugins) {
    await fixture.core.plugins.install(join(staging, plugin.id));
    await fixture.core.plugins.setStatus(plugin.id, 'active');
  }
  const core: HostCore = fixture.core;
  const waitFor: BackendFixture['waitFor'] = (pluginId, states) =>
    new Promise((resolve) => {
      const check = () => {
        const status = core.backends.status(pluginId);
        if (status && states.includes(status.state)) {
          stop();
          resolve(status);
        }
      };
      const stop = core.backends.onChange(check);
      check();
    });
  const ask: BackendFixture['ask'] = (pluginId, data) =>
    new Promise((resolve, reject) => {
      // A backend that died meanwhile never answers: fail with a message instead of hanging the suite.
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`${pluginId}'s backend did not answer ${JSON.stringify(data)}`));
      }, 10_000);
      const stop = core.backends.onFrameMessage((from, reply) => {
        if (from !== pluginId) return;
        stop();
        clearTimeout(timer);
        resolve(reply);
      });
      if (!core.backends.fromFrame(pluginId, data).delivered) {
        stop();
        clearTimeout(timer);
        reject(new Error(`no backend runs for ${pluginId}`));
      }
    });
  return { ...fixture, waitFor, ask };
}
