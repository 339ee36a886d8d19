import { useEffect, useState } from 'react';
import type { HostFailure } from '../../gatehouse';
import { useMarketplaceStore } from '../../stores/marketplace-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { EmptyState } from '../common/empty-state';
import { ErrorMessage } from '../common/error-message';
import { Loading } from '../common/loading';
import { Fingerprint } from '../install/fingerprint';
import { MarketplaceEntryCard } from './marketplace-entry-card';

/** Candidates from a signed plugin index: read, compare, and install one from a local file through the install dialog. */
export function MarketplacePage() {
  const view = useMarketplaceStore((state) => state.view);
  const load = useMarketplaceStore((state) => state.load);
  const openIndex = useMarketplaceStore((state) => state.openIndex);
  const show = useNavigationStore((state) => state.show);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<HostFailure | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const open = async () => {
    setBusy(true);
    setFailure(null);
    setFailure(await openIndex());
    setBusy(false);
  };

  const ready = view.status === 'ready' ? view.value : null;
  return (
    <div className="screen">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Marketplace</h1>
          <p className="screen-subtitle">
            Install candidates from a signed plugin index. Nothing installs or runs until you pick its bundle and approve it.
          </p>
        </div>
        <div className="screen-tools">
          <button type="button" className="button button-primary" disabled={busy || !ready?.indexKey} onClick={() => void open()}>
            {busy ? 'Checking…' : 'Open index…'}
          </button>
        </div>
      </div>
      {view.status === 'loading' && <Loading label="Loading the marketplace…" />}
      {view.status === 'error' && (
        <ErrorMessage failure={view.error} context="The marketplace could not be loaded" onRetry={() => void load()} />
      )}
      {ready && !ready.indexKey && (
        <div className="callout callout-warning" role="note">
          <p className="callout-title">No index key</p>
          <p>An index is read only when it is signed by the key you set in Settings.</p>
          <div>
            <button type="button" className="button button-secondary" onClick={() => show('settings')}>
              Set the index key in Settings
            </button>
          </div>
        </div>
      )}
      {ready?.indexKey && (
        <div className="index-key-line muted">
          Index signed by key <code>{ready.indexKey.keyId}</code> <Fingerprint value={ready.indexKey.fingerprint} variant="inline" />
        </div>
      )}
      {failure && <ErrorMessage failure={failure} context="The index was not opened" />}
      {ready?.indexKey && ready.entries.length === 0 && (
        <EmptyState title="No index open">
          <p>Open a signed plugins.json to list its candidates.</p>
        </EmptyState>
      )}
      {ready && ready.entries.length > 0 && (
        <ul className="card-list market-list" aria-label="Install candidates">
          {ready.entries.map((entry) => (
            <li key={entry.key}>
              <MarketplaceEntryCard entry={entry} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
