// Real plugin folders in temp dirs, signed with real ed25519 keys.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateSigningKeyPair, signPluginBundle, type SigningKeyPair } from '@gatehouse/plugin-sdk/node';

export interface SampleBundleOptions {
  id?: string;
  version?: string;
  capabilities?: string[];
}

/** A fresh temp folder; remove it with removeTempDirs. */
export async function makeTempDir(prefix = 'gatehouse-bundle-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}
const created: string[] = [];

export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Writes a small plugin (manifest, ui files, an asset in a nested folder) into `dir`. */
export async function writeSampleBundle(dir: string, options: SampleBundleOptions = {}): Promise<void> {
  const manifest = {
    id: options.id ?? 'example-local-dns',
    name: 'Local DNS',
    version: options.version ?? '1.2.0',
    publisher: 'Example Corp',
    description: 'Edits the tagged hosts section.',
    capabilities: options.capabilities ?? ['system.hosts.write'],
    ui: { entry: 'ui/index.html' },
  };
  await put(dir, 'manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  await put(dir, 'ui/index.html', '<!doctype html><script src="app.js"></script>\n');
  await put(dir, 'ui/app.js', 'console.log("local dns");\n');
  await put(dir, 'ui/assets/icons/logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
}

export async function put(dir: string, path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), content);
}

/** A signed sample bundle, the key that signed it, and a trust map holding that key. */
export async function makeSignedBundle(options: SampleBundleOptions & { key?: SigningKeyPair } = {}) {
  const key = options.key ?? generateSigningKeyPair();
  const dir = join(await makeTempDir(), 'bundle');
  await mkdir(dir);
  await writeSampleBundle(dir, options);
  const signed = await signPluginBundle(dir, key.privateKeyPem, key.publicKey);
  return { dir, key, digest: signed.digest, signature: signed.signature, trustedKeys: new Map([[key.keyId, key.publicKey]]) };
}

/** A copy of a bundle folder in a new temp dir, to tamper with. */
export async function copyBundle(dir: string): Promise<string> {
  const copy = join(await makeTempDir(), 'bundle');
  await cp(dir, copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}
