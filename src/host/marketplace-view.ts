// The marketplace as the renderer sees it: the index key and the loaded candidates, as plain data.
import { describePublicKey } from '@gatehouse/plugin-sdk/node';
import type { HostCore } from '../core/host-core-types';
import type { MarketplaceEntryView, MarketplaceView } from '../shared/ipc-contract';

type Entry = ReturnType<HostCore['marketplace']['entries']>[number];

function entryView(entry: Entry): MarketplaceEntryView {
  return {
    key: `${entry.id}@${entry.version}`,
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

/** The configured index key (with its fingerprint) and the entries of the last verified index. */
export function marketplaceView(marketplace: HostCore['marketplace']): MarketplaceView {
  const key = marketplace.indexKey();
  const described = key ? describePublicKey(key) : null;
  return {
    indexKey: described ? { keyId: described.keyId, fingerprint: described.fingerprint, publicKey: described.publicKey } : null,
    entries: marketplace.entries().map(entryView),
  };
}
