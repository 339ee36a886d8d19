import { randomUUID } from 'node:crypto';
import { cp, lstat, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isPublicKeyBase64, unpackPluginBundle, verifyPluginBundle } from '@gatehouse/plugin-sdk/node';
import { HostError } from '../host-error';
import type { SettingsStore } from '../ports';
import { checkCandidateAgainstIndex } from './check-candidate';
import { validateMarketplaceIndex, type MarketplaceEntry } from './marketplace-index';

const INDEX_KEY = 'marketplace.indexPublicKey';

/**
 * A signed static plugin index, shown as install candidates only. A candidate is installed from a local
 * archive or folder after its signature and digest match the index entry; nothing installs or runs by itself.
 */
export function createMarketplace(options: { settings: SettingsStore; stagingDir: string }) {
  let entries: MarketplaceEntry[] = [];
  const entryKey = (entry: MarketplaceEntry) => `${entry.id}@${entry.version}`;

  return {
    indexKey(): string | null {
      const key = options.settings.get(INDEX_KEY);
      return typeof key === 'string' && isPublicKeyBase64(key) ? key : null;
    },
    setIndexKey(publicKey: string | null): void {
      // Entries verified under the previous key must not be staged under the new one.
      entries = [];
      if (publicKey === null) {
        options.settings.delete(INDEX_KEY);
        return;
      }
      if (!isPublicKeyBase64(publicKey))
        throw new HostError('INVALID_INPUT', 'The index key must be base64 of a raw 32-byte ed25519 public key.');
      options.settings.set(INDEX_KEY, publicKey);
    },
    /** Reads and verifies an index file against the configured index key. */
    async load(indexPath: string): Promise<MarketplaceEntry[]> {
      const key = this.indexKey();
      if (!key) throw new HostError('INVALID_INPUT', 'Set the marketplace index key in Settings first.');
      let text: string;
      try {
        text = await readFile(indexPath, 'utf8');
      } catch {
        throw new HostError('INVALID_INPUT', 'The index file could not be read.');
      }
      const result = validateMarketplaceIndex(text, key);
      if (!result.ok) throw new HostError('BUNDLE_INVALID', `${result.reason}: ${result.detail}`, { reason: result.reason });
      entries = result.entries;
      return entries;
    },
    entries: (): MarketplaceEntry[] => entries,
    /** Unpacks (or takes) a candidate bundle into a staging folder and checks it against its index entry. */
    async stage(key: string, bundlePath: string): Promise<string> {
      const entry = entries.find((candidate) => entryKey(candidate) === key);
      if (!entry) throw new HostError('INVALID_INPUT', `No loaded index entry "${key}".`);
      const staged = join(options.stagingDir, randomUUID());
      await mkdir(options.stagingDir, { recursive: true, mode: 0o700 });
      const info = await lstat(bundlePath).catch(() => null);
      if (!info) throw new HostError('INVALID_INPUT', 'The bundle file could not be read.');
      try {
        if (info.isDirectory()) {
          await cp(bundlePath, staged, { recursive: true, verbatimSymlinks: true });
        } else {
          await unpackPluginBundle(bundlePath, staged);
        }
        // The index vouches for the publisher key of this entry; the trust prompt still follows at install.
        const verified = await verifyPluginBundle(staged, { trustedKeys: new Map([[entry.publisherKeyId, entry.publisherPublicKey]]) });
        const match = checkCandidateAgainstIndex(entry, verified);
        if (!match.ok) throw new HostError('BUNDLE_INVALID', `${match.reason}: ${match.detail}`, { reason: match.reason });
        return staged;
      } catch (error) {
        await rm(staged, { recursive: true, force: true });
        if (error instanceof HostError) throw error;
        const reason = (error as { code?: string }).code ?? 'unpack-failed';
        throw new HostError('BUNDLE_INVALID', `The bundle could not be unpacked (${reason}).`, { reason });
      }
    },
  };
}

export type Marketplace = ReturnType<typeof createMarketplace>;
