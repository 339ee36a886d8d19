// The marketplace as Settings and the install screen use it: the index key, the verified index's
// candidates as plain data, and staging one candidate after checking it against its entry.
import { describePublicKey } from '@gatehouse/plugin-sdk/node';
import type { MarketplaceEntryView, MarketplaceView } from '../../shared/ipc-contract';
import { HostError } from '../host-error';
import type { Marketplace } from '../trust/marketplace';
import type { MarketplaceEntry } from '../trust/marketplace-index';

/** Asks the user for a file; null when cancelled. */
export type ChooseFile = () => Promise<string | null>;

export interface MarketplaceService {
  /** The configured index key (with its fingerprint) and the entries of the last verified index. */
  view(): MarketplaceView;
  /** Sets or clears the index key; entries verified under the old key are dropped. */
  setKey(publicKey: string | null): MarketplaceView;
  /** Asks for an index file once a key is set and verifies it; null when cancelled. */
  openIndex(chooseIndex: ChooseFile): Promise<MarketplaceView | null>;
  /** Asks for a loaded candidate's bundle and stages it checked against its entry: the staged folder, or null when cancelled. */
  stage(key: string, chooseBundle: ChooseFile): Promise<string | null>;
}

const entryKey = (entry: MarketplaceEntry): string => `${entry.id}@${entry.version}`;

function entryView(entry: MarketplaceEntry): MarketplaceEntryView {
  return {
    key: entryKey(entry),
    id: entry.id,
    name: entry.name,
    version: entry.version,
    publisherKeyId: entry.publisherKeyId,
    publisherFingerprint: describePublicKey(entry.publisherPublicKey).fingerprint,
    riskTier: entry.riskTier,
    capabilities: [...entry.capabilities],
    description: entry.description,
    source: entry.source.type === 'file' ? { type: 'file', path: entry.source.path } : { type: 'url', url: entry.source.url },
  };
}

export function createMarketplaceService(marketplace: Marketplace): MarketplaceService {
  function view(): MarketplaceView {
    const key = marketplace.indexKey();
    const described = key ? describePublicKey(key) : null;
    return {
      indexKey: described ? { keyId: described.keyId, fingerprint: described.fingerprint, publicKey: described.publicKey } : null,
      entries: marketplace.entries().map(entryView),
    };
  }
  return {
    view,
    setKey(publicKey) {
      marketplace.setIndexKey(publicKey);
      return view();
    },
    async openIndex(chooseIndex) {
      // Asked before the file dialog: without a key no index can be verified.
      if (!marketplace.indexKey()) throw new HostError('INVALID_INPUT', 'Set the marketplace index key in Settings first.');
      const path = await chooseIndex();
      if (path === null) return null;
      await marketplace.load(path);
      return view();
    },
    async stage(key, chooseBundle) {
      if (!marketplace.entries().some((entry) => entryKey(entry) === key)) {
        throw new HostError('INVALID_INPUT', `No loaded index entry "${key}"; open the index again.`);
      }
      const path = await chooseBundle();
      return path === null ? null : marketplace.stage(key, path);
    },
  };
}
