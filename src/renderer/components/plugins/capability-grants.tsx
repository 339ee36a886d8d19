import { useEffect, useId, useState } from 'react';
import type { PluginInfo } from '../../../shared/plugin-info';
import type { HostFailure } from '../../gatehouse';
import { capabilityRisk, describeCapability, findScope, riskLabel, riskTone } from '../../../shared/capability-risk';
import { usePermissionFacts } from '../../lib/use-permission-facts';
import { usePluginsStore } from '../../stores/plugins-store';
import { useToastStore } from '../../stores/toast-store';
import { Badge } from '../common/badge';
import { ErrorMessage } from '../common/error-message';

/** Requested capabilities with a grant toggle each (labelled by the capability) and its risk. */
export function CapabilityGrants({ plugin }: { plugin: PluginInfo }) {
  const id = useId();
  const { scopes } = usePermissionFacts();
  const setGrants = usePluginsStore((state) => state.setGrants);
  const toast = useToastStore((state) => state.push);
  const grantedKey = plugin.granted.join('\n');
  const [draft, setDraft] = useState<string[]>(plugin.granted);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<HostFailure | null>(null);

  // A change pushed by the host replaces the draft.
  useEffect(() => setDraft(grantedKey === '' ? [] : grantedKey.split('\n')), [grantedKey]);

  const dirty = [...draft].sort().join('\n') !== [...plugin.granted].sort().join('\n');
  const toggle = (capability: string, on: boolean) =>
    setDraft((current) =>
      on ? [...current.filter((entry) => entry !== capability), capability] : current.filter((entry) => entry !== capability),
    );

  const save = async () => {
    setBusy(true);
    setFailure(null);
    const ordered = plugin.capabilities.filter((capability) => draft.includes(capability));
    const error = await setGrants(plugin.id, ordered);
    setBusy(false);
    if (error) setFailure(error);
    else toast('success', `Grants of ${plugin.name} saved.`);
  };

  if (plugin.capabilities.length === 0) {
    return <p className="muted grants-empty">This plugin asks for no capabilities.</p>;
  }

  return (
    <fieldset className="grants">
      <legend className="grants-legend">Capabilities</legend>
      <p className="grants-hint">
        Requested by the plugin; tick what you grant. A grant only lets the plugin ask: the host still checks every request and asks you
        where the policy says so.
      </p>
      <ul className="grant-list">
        {plugin.capabilities.map((capability) => {
          const risk = capabilityRisk(capability, findScope(capability, scopes));
          const describedBy = `${id}-${capability}-about`;
          return (
            <li key={capability} className="grant">
              <label className="grant-label">
                <input
                  type="checkbox"
                  className="checkbox"
                  checked={draft.includes(capability)}
                  aria-describedby={describedBy}
                  onChange={(event) => toggle(capability, event.target.checked)}
                />
                <code className="grant-name">{capability}</code>
              </label>
              <span className="grant-about" id={describedBy}>
                <Badge tone={riskTone(risk)}>{riskLabel(risk)}</Badge>
                <span className="muted">{describeCapability(capability, findScope(capability, scopes))}</span>
                <span className="grant-state">{plugin.granted.includes(capability) ? 'granted' : 'not granted'}</span>
              </span>
            </li>
          );
        })}
      </ul>
      <div className="grants-actions">
        {/* Saving grants is consent: while consent is pending it goes through the review, which shows what changed. */}
        <button
          type="button"
          className="button button-primary"
          disabled={busy || !dirty || plugin.needsConsent}
          onClick={() => void save()}
        >
          {busy ? 'Saving…' : 'Save grants'}
        </button>
        {plugin.needsConsent && <span className="muted">Use Review and approve above: it shows what changed first.</span>}
        {dirty && (
          <button type="button" className="button button-ghost" disabled={busy} onClick={() => setDraft(plugin.granted)}>
            Undo changes
          </button>
        )}
      </div>
      {failure && <ErrorMessage failure={failure} context="The grants could not be saved" />}
    </fieldset>
  );
}
