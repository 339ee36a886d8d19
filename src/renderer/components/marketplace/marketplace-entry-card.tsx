import { useId, useState } from 'react';
import { capabilityRisk, findScope, indexRiskLabel, riskLabel } from '../../../shared/capability-risk';
import type { MarketplaceEntryView } from '../../../shared/ipc-contract';
import type { HostFailure } from '../../gatehouse';
import { useMarketplaceStore } from '../../stores/marketplace-store';
import { usePermissionFacts } from '../../lib/use-permission-facts';
import { usePluginsStore } from '../../stores/plugins-store';
import { Badge, type BadgeTone } from '../common/badge';
import { ErrorMessage } from '../common/error-message';
import { Fingerprint } from '../install/fingerprint';

const tone = (tier: 'low' | 'medium' | 'high'): BadgeTone => (tier === 'high' ? 'danger' : tier === 'medium' ? 'warning' : 'neutral');

/** One index entry, as text only: the index is attacker input until its bundle verifies. */
export function MarketplaceEntryCard({ entry }: { entry: MarketplaceEntryView }) {
  const titleId = useId();
  const stage = useMarketplaceStore((state) => state.stage);
  const installed = usePluginsStore((state) => state.plugins.find((plugin) => plugin.id === entry.id));
  const { scopes } = usePermissionFacts();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<HostFailure | null>(null);

  const install = async () => {
    setBusy(true);
    setFailure(null);
    setFailure(await stage(entry.key));
    setBusy(false);
  };

  return (
    <article className="card plugin-card market-entry" aria-labelledby={titleId}>
      <div className="card-head">
        <div className="card-identity">
          <h2 className="card-title" id={titleId}>
            <bdi>{entry.name}</bdi>
          </h2>
          <p className="card-meta">
            <span>v{entry.version}</span>
            <span aria-hidden="true">·</span>
            <code>{entry.id}</code>
          </p>
        </div>
        <span className="badge-row">
          <Badge tone={tone(entry.riskTier)}>{indexRiskLabel(entry.riskTier)}</Badge>
          {installed && <Badge tone="info">{installed.version === entry.version ? 'Installed' : `Installed: v${installed.version}`}</Badge>}
        </span>
      </div>
      {entry.description && (
        <p className="card-description plain-text">
          <bdi>{entry.description}</bdi>
        </p>
      )}
      <dl className="card-facts">
        <div className="fact">
          <dt>Publisher key</dt>
          <dd>
            <code>{entry.publisherKeyId}</code>
            <Fingerprint value={entry.publisherFingerprint} variant="compact" />
          </dd>
        </div>
        <div className="fact">
          <dt>Capabilities</dt>
          <dd>
            {entry.capabilities.length === 0 ? (
              <span className="muted">none</span>
            ) : (
              <ul className="inline-list">
                {entry.capabilities.map((capability) => (
                  <li key={capability}>
                    <code className="chip">{capability}</code>{' '}
                    <span className="visually-hidden">({riskLabel(capabilityRisk(capability, findScope(capability, scopes)))})</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>Get it from</dt>
          <dd>
            <code className="chip path">{entry.source.type === 'file' ? entry.source.path : entry.source.url}</code>
          </dd>
        </div>
      </dl>
      <div className="card-actions">
        <button type="button" className="button button-secondary" disabled={busy} aria-describedby={titleId} onClick={() => void install()}>
          {busy ? 'Checking…' : 'Install from file…'}
        </button>
      </div>
      {failure && <ErrorMessage failure={failure} context={`${entry.name} ${entry.version} was not staged`} />}
    </article>
  );
}
