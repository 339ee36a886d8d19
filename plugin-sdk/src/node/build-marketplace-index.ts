import type { KeyObject } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Capability } from '../capabilities.js';
import { validatePluginManifestWithSetup as validatePluginManifest } from '../setup/validate-manifest-setup.js';
import { unpackPluginBundle } from './bundle-archive.js';
import { PluginBundleError } from './bundle-error.js';
import { marketplaceEntrySchema, signMarketplaceIndex, type MarketplaceEntry, type MarketplaceIndex } from './marketplace-index.js';
import { verifyPluginBundle } from './verify-bundle.js';

export type RiskTier = MarketplaceEntry['riskTier'];

export interface BuildMarketplaceIndexOptions {
  /** Publisher keys the index vouches for (key id → base64 public key); a bundle signed by another is refused. */
  trustedKeys: ReadonlyMap<string, string>;
  /** The index key that signs plugins.json (PEM or KeyObject). */
  indexPrivateKey: KeyObject | string;
  /** Risk shown per plugin id; default from the capabilities (`defaultRiskTier`). */
  risk?: ReadonlyMap<string, RiskTier>;
  /** https base the archives are served from; without it each entry names its archive file (`source.type: 'file'`). */
  urlBase?: string;
}

/**
 * The risk badge a catalogue shows when its author says nothing: high for anything that changes the
 * system (hosts file, files, processes), medium for reading the clipboard, low otherwise.
 */
export function defaultRiskTier(capabilities: readonly Capability[]): RiskTier {
  if (capabilities.some((c) => c === 'system.hosts.write' || c.startsWith('system.fs.') || c.startsWith('system.process.'))) return 'high';
  if (capabilities.includes('system.clipboard.read')) return 'medium';
  return 'low';
}

/**
 * Makes a signed marketplace index (the content of plugins.json) from packed plugin archives. Each archive
 * is unpacked and verified against `trustedKeys` and its manifest validated, so the index only lists
 * bundles that will verify in Gatehouse; the entry's digest pins the exact content.
 * Throws `PluginBundleError` naming the archive that fails.
 * @example buildMarketplaceIndex(['git-notes.ghplugin'], { trustedKeys, indexPrivateKey: pem, urlBase: 'https://plugins.example.com/' })
 */
export async function buildMarketplaceIndex(archives: readonly string[], options: BuildMarketplaceIndexOptions): Promise<MarketplaceIndex> {
  const entries: MarketplaceEntry[] = [];
  const seen = new Set<string>();
  for (const archive of archives) {
    const entry = await entryFor(archive, options);
    const key = `${entry.id}@${entry.version}`;
    if (seen.has(key))
      throw new PluginBundleError('index-entry-invalid', `${key} is in more than one archive; an index lists each version once.`, {
        path: archive,
      });
    seen.add(key);
    entries.push(entry);
  }
  for (const id of options.risk?.keys() ?? []) {
    if (!entries.some((entry) => entry.id === id))
      throw new PluginBundleError('index-entry-invalid', `A risk is given for ${id}, which no archive holds.`);
  }
  return signMarketplaceIndex(entries, options.indexPrivateKey);
}

async function entryFor(archive: string, options: BuildMarketplaceIndexOptions): Promise<MarketplaceEntry> {
  const scratch = await mkdtemp(join(tmpdir(), 'gatehouse-index-'));
  try {
    const dir = join(scratch, 'bundle');
    await unpackPluginBundle(archive, dir);
    const verified = await verifyPluginBundle(dir, { trustedKeys: new Map(options.trustedKeys) });
    if (!verified.ok)
      throw new PluginBundleError('bundle-unverified', `${basename(archive)} does not verify: ${verified.reason}: ${verified.detail}`, {
        path: archive,
      });
    const manifest = validatePluginManifest(verified.manifest);
    if (!manifest.ok) throw new PluginBundleError('manifest-invalid', `${basename(archive)}: ${manifest.error}`, { path: archive });
    const { id, name, version, description, capabilities } = manifest.value;
    const source =
      options.urlBase === undefined
        ? { type: 'file' as const, path: basename(archive) }
        : { type: 'url' as const, url: new URL(encodeURIComponent(basename(archive)), options.urlBase).href };
    const candidate = {
      id,
      name,
      version,
      publisherKeyId: verified.publisherKeyId,
      publisherPublicKey: options.trustedKeys.get(verified.publisherKeyId),
      digest: verified.digest,
      capabilities,
      riskTier: options.risk?.get(id) ?? defaultRiskTier(capabilities),
      source,
      description,
    };
    const checked = marketplaceEntrySchema.safeParse(candidate);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new PluginBundleError(
        'index-entry-invalid',
        `${basename(archive)} cannot be listed: ${issue?.path.join('.') ?? 'entry'}: ${issue?.message ?? 'invalid'}`,
        { path: archive },
      );
    }
    return checked.data;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
