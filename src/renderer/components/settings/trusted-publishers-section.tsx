import { useEffect, useId, useState } from 'react';
import type { TrustedPublisherView } from '../../../shared/ipc-contract';
import type { HostFailure } from '../../gatehouse';
import { formatTime } from '../../lib/format';
import { usePluginsStore } from '../../stores/plugins-store';
import { useToastStore } from '../../stores/toast-store';
import { useTrustStore } from '../../stores/trust-store';
import { EmptyState } from '../common/empty-state';
import { ErrorMessage } from '../common/error-message';
import { Loading } from '../common/loading';
import { Fingerprint } from '../install/fingerprint';
import { AddPublisherForm } from './add-publisher-form';
import { RemovePublisherDialog } from './remove-publisher-dialog';

/** Publisher keys whose signed plugins may install and run; removing one makes its plugins unavailable at once. */
export function TrustedPublishersSection() {
  const titleId = useId();
  const publishers = useTrustStore((state) => state.publishers);
  const load = useTrustStore((state) => state.load);
  const remove = useTrustStore((state) => state.remove);
  const plugins = usePluginsStore((state) => state.plugins);
  const toast = useToastStore((state) => state.push);
  const [removing, setRemoving] = useState<TrustedPublisherView | null>(null);
  const [failure, setFailure] = useState<HostFailure | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const signedBy = (keyId: string) => plugins.filter((plugin) => plugin.publisherKeyId === keyId);

  const confirmRemove = async (publisher: TrustedPublisherView) => {
    setRemoving(null);
    const error = await remove(publisher.keyId);
    setFailure(error);
    if (!error) toast('success', `${publisher.name} is no longer trusted; its plugins are unavailable.`);
  };

  return (
    <section className="settings-section" aria-labelledby={titleId}>
      <div className="section-head">
        <div>
          <h2 className="section-title" id={titleId}>
            Trusted publishers
          </h2>
          <p className="section-about">
            Plugins install and run only when their bundle is signed by one of these keys (or, in developer mode, unsigned).
          </p>
        </div>
      </div>
      {publishers.status === 'loading' && <Loading label="Loading trusted publishers…" />}
      {publishers.status === 'error' && (
        <ErrorMessage failure={publishers.error} context="Trusted publishers could not be loaded" onRetry={() => void load()} />
      )}
      {publishers.status === 'ready' && publishers.value.length === 0 && <EmptyState title="No trusted publishers yet" />}
      {publishers.status === 'ready' && publishers.value.length > 0 && (
        <table className="data-table publisher-table">
          <caption className="visually-hidden">Trusted publisher keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key id</th>
              <th scope="col">Fingerprint</th>
              <th scope="col">Added</th>
              <th scope="col">Plugins</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {publishers.value.map((publisher) => (
              <tr key={publisher.keyId}>
                <td>
                  <bdi>{publisher.name}</bdi>
                </td>
                <td>
                  <code className="key-id">{publisher.keyId}</code>
                </td>
                <td>
                  <Fingerprint value={publisher.fingerprint} variant="compact" />
                </td>
                <td>{formatTime(publisher.addedAt)}</td>
                <td>{signedBy(publisher.keyId).length}</td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="button button-danger-ghost button-small"
                    aria-label={`Remove trusted publisher ${publisher.name}`}
                    onClick={() => setRemoving(publisher)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {failure && <ErrorMessage failure={failure} context="The publisher is still trusted" />}
      <AddPublisherForm />
      {removing && (
        <RemovePublisherDialog
          publisher={removing}
          plugins={signedBy(removing.keyId).map((plugin) => plugin.name)}
          onCancel={() => setRemoving(null)}
          onConfirm={() => void confirmRemove(removing)}
        />
      )}
    </section>
  );
}
