// Plugin bundles the trust scenarios build in their work folder: fixture copies with a patched manifest,
// signed with keys made in the test, packed archives, tampered copies, and a signed marketplace index.
import { createHash } from 'node:crypto';
import { copyFile, cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packPluginBundle, signPluginBundle, type SigningKeyPair } from '@gatehouse/plugin-sdk/node';
import { signMarketplaceIndex, type MarketplaceEntry } from '../../src/core/trust';
import { sdkBrowserBuild } from './paths';

export interface BundleOptions {
  /** The fixture folder to copy. */
  from: string;
  /** Where the bundle folder is written. */
  to: string;
  /** Fields that replace those of the fixture's manifest (version, capabilities, name...). */
  manifest?: Record<string, unknown>;
  /** Signs the bundle; without a key it stays unsigned (developer mode only). */
  key?: SigningKeyPair;
}

/** A bundle folder made from a fixture: its files, the SDK browser build, the patched manifest, then the signature. */
export async function buildBundle(options: BundleOptions): Promise<{ dir: string; digest: string | null }> {
  await cp(options.from, options.to, { recursive: true });
  await copyFile(sdkBrowserBuild, join(options.to, 'gatehouse-plugin-sdk.global.js'));
  const manifestPath = join(options.to, 'manifest.json');
  const manifest = { ...(JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>), ...(options.manifest ?? {}) };
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  if (!options.key) return { dir: options.to, digest: null };
  const signed = await signPluginBundle(options.to, options.key.privateKeyPem);
  return { dir: options.to, digest: signed.digest };
}

/** Flips one byte of a file of a signed bundle: what a tampered download looks like. */
export async function changeOneByte(path: string, offset = 0): Promise<void> {
  const bytes = await readFile(path);
  bytes[offset] = (bytes[offset] ?? 0) ^ 0x01;
  await writeFile(path, bytes);
}

/** Packs a bundle folder into one `.ghplugin` archive file. */
export async function packBundle(dir: string, archive: string): Promise<string> {
  await packPluginBundle(dir, archive);
  return archive;
}

/** Writes a plugins.json signed with the index key. */
export async function writeSignedIndex(path: string, entries: MarketplaceEntry[], indexKey: SigningKeyPair): Promise<string> {
  await writeFile(path, JSON.stringify(signMarketplaceIndex(entries, indexKey.privateKeyPem), null, 2));
  return path;
}

/**
 * Writes bytes in the `.ghplugin` layout (magic, header length, JSON header, contents) with whatever names
 * it is given, digests included: what a hostile archive that `pack` would never make looks like.
 */
export async function writeRawArchive(path: string, entries: Array<{ path: string; content: string | Buffer }>): Promise<string> {
  const contents = entries.map((entry) => (typeof entry.content === 'string' ? Buffer.from(entry.content) : entry.content));
  const files = entries.map((entry, i) => ({
    path: entry.path,
    size: contents[i]!.length,
    digest: `sha256:${createHash('sha256').update(contents[i]!).digest('hex')}`,
  }));
  const header = Buffer.from(JSON.stringify({ format: 1, files }));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  await writeFile(path, Buffer.concat([Buffer.from('GHBNDL01'), length, header, ...contents]));
  return path;
}
