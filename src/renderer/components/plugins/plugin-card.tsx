import { useEffect, useId, useRef, useState } from 'react';
import type { PluginInfo } from '../../../shared/plugin-info';
import type { HostFailure } from '../../gatehouse';
import { formatTime, shortDigest } from '../../lib/format';
import { useNavigationStore } from '../../stores/navigation-store';
import { isRunnable, usePluginsStore } from '../../stores/plugins-store';
import { useSetupStore } from '../../stores/setup-store';
import { useToastStore } from '../../stores/toast-store';
import { PluginStatusBadges } from '../common/plugin-status-badge';
import { ErrorMessage } from '../common/error-message';
import { CapabilityGrants } from './capability-grants';
import { ConsentBanner } from './consent-banner';
import { PermissionSummary } from './permission-summary';
import { RemovePluginDialog } from './remove-plugin-dialog';
import { ViewActivityButton } from './view-activity-button';

/** One installed plugin: identity, integrity, status, lifecycle buttons and capability grants. */
export function PluginCard({ plugin }: { plugin: PluginInfo }) {
  const titleId = useId();
  const setStatus = usePluginsStore((state) => state.setStatus);
  const selectPlugin = useNavigationStore((state) => state.selectPlugin);
  const reveal = useNavigationStore((state) => state.revealPluginId === plugin.id);
  const revealPlugin = useNavigationStore((state) => state.revealPlugin);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const toast = useToastStore((state) => state.push);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ context: string; error: HostFailure } | null>(null);
  const [removing, setRemoving] = useState(false);
  const teardownSetup = useSetupStore((state) => state.teardown);
  const loadSetup = useSetupStore((state) => state.load);
  useEffect(() => {
    if (removing) void loadSetup(plugin.id);
  }, [removing, loadSetup, plugin.id]);

  useEffect(() => {
    if (!reveal) return;
    headingRef.current?.scrollIntoView({ block: 'start' });
    headingRef.current?.focus();
    revealPlugin(null);
  }, [reveal, revealPlugin]);

  const change = async (status: 'active' | 'disabled' | 'removed') => {
    setBusy(true);
    setFailure(null);
    const error = await setStatus(plugin.id, status);
    setBusy(false);
    const verb = status === 'active' ? 'activated' : status === 'disabled' ? 'disabled' : 'removed';
    if (error) setFailure({ context: `${plugin.name} could not be ${verb}`, error });
    else toast('success', `${plugin.name} ${verb}.`);
  };

  return (
    <section className="card plugin-card" aria-labelledby={titleId}>
      <div className="card-head">
        <div className="card-identity">
          <h2 className="card-title" id={titleId} ref={headingRef} tabIndex={-1}>
            <bdi>{plugin.name}</bdi>
          </h2>
          <p className="card-meta">
            <span>v{plugin.version}</span>
            <span aria-hidden="true">·</span>
            <span>
              by <bdi>{plugin.publisher}</bdi>
            </span>
            <span aria-hidden="true">·</span>
            <code>{plugin.id}</code>
          </p>
        </div>
        <PluginStatusBadges plugin={plugin} />
      </div>
      {plugin.description && (
        <p className="card-description">
          <bdi>{plugin.description}</bdi>
        </p>
      )}
      <dl className="card-facts">
        <div className="fact">
          <dt>Signature</dt>
          <dd>
            {plugin.signed ? (
              <>
                Signed
                {plugin.publisherKeyId ? (
                  <>
                    {' '}
                    by key <code>{shortDigest(plugin.publisherKeyId, 16)}</code>
                  </>
                ) : null}
              </>
            ) : (
              'Unsigned: no trusted publisher vouches for this bundle'
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>Digest</dt>
          <dd>
            <code title={plugin.digest ?? undefined}>{shortDigest(plugin.digest)}</code>
          </dd>
        </div>
        <div className="fact">
          <dt>Availability</dt>
          <dd>
            {plugin.available ? 'Available' : `Unavailable: ${plugin.unavailableReason ?? 'the bundle is missing or does not verify'}`}
          </dd>
        </div>
        <div className="fact">
          <dt>Updated</dt>
          <dd>{formatTime(plugin.updatedAt)}</dd>
        </div>
      </dl>
      {plugin.needsConsent && <ConsentBanner plugin={plugin} />}
      <div className="card-actions">
        {plugin.status === 'active' ? (
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => void change('disabled')}>
            Disable
          </button>
        ) : (
          <button
            type="button"
            className="button button-primary"
            disabled={busy || !plugin.available || plugin.needsConsent}
            title={plugin.needsConsent ? 'Review and approve its capabilities first' : undefined}
            onClick={() => void change('active')}
          >
            Activate
          </button>
        )}
        {isRunnable(plugin) && (
          <button type="button" className="button button-ghost" onClick={() => selectPlugin(plugin.id)}>
            Open
          </button>
        )}
        <ViewActivityButton pluginId={plugin.id} pluginName={plugin.name} />
        <button type="button" className="button button-danger-ghost" disabled={busy} onClick={() => setRemoving(true)}>
          Remove
        </button>
      </div>
      {failure && <ErrorMessage failure={failure.error} context={failure.context} />}
      <PermissionSummary plugin={plugin} />
      <CapabilityGrants plugin={plugin} />
      {removing && (
        <RemovePluginDialog
          plugin={plugin}
          onCancel={() => setRemoving(false)}
          onConfirm={({ teardown }) => {
            setRemoving(false);
            void (async () => {
              // Teardown runs while the plugin still holds its rights; a failure warns and never blocks removal.
              if (teardown) {
                const result = await teardownSetup(plugin.id);
                if (!('which' in result) || result.status !== 'completed')
                  toast('error', `${plugin.name}: its setup could not be undone; remove what it made by hand.`);
              }
              await change('removed');
            })();
          }}
        />
      )}
    </section>
  );
}
