// Signed plugin folders in real temp dirs, and a real conf-backed settings store.
import Conf from 'conf';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateSigningKeyPair, signPluginBundle, type SigningKeyPair } from '@gatehouse/plugin-sdk/node';
import type { SettingsStore } from '../../../src/core/ports';

const created: string[] = [];

export async function makeTempDir(prefix = 'gatehouse-trust-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** conf in a temp folder: the settings store the host core uses under Node. */
export function openSettings(dir: string): SettingsStore {
  return new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings' });
}

export async function put(dir: string, path: string, content: string): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), content);
}

export const SAMPLE_CAPABILITIES = ['system.clipboard.write', 'system.process.exec', 'system.process.scope.docker-cli'];

/** A signed plugin folder (manifest + ui) and the key that signed it. */
export async function makeSignedPlugin(options: { id?: string; version?: string; key?: SigningKeyPair; capabilities?: string[] } = {}) {
  const key = options.key ?? generateSigningKeyPair();
  const dir = join(await makeTempDir(), 'plugin');
  const manifest = {
    id: options.id ?? 'com.example.docker-panel',
    name: 'Docker panel',
    version: options.version ?? '2.0.0',
    publisher: 'Example Corp',
    description: 'Lists containers.',
    capabilities: options.capabilities ?? SAMPLE_CAPABILITIES,
    ui: { entry: 'ui/index.html' },
  };
  await put(dir, 'manifest.json', JSON.stringify(manifest, null, 2));
  await put(dir, 'ui/index.html', '<!doctype html><title>Docker</title><script src="main.js"></script>');
  await put(dir, 'ui/main.js', 'document.title = "Docker panel";');
  const signed = await signPluginBundle(dir, key.privateKeyPem);
  return { dir, key, digest: signed.digest, manifest };
}
