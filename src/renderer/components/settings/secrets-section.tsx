import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { SecretsStatus } from '../../../shared/ipc-contract';
import { callHost, gatehouse, type HostFailure } from '../../gatehouse';
import { useScopesStore } from '../../stores/scopes-store';
import { useToastStore } from '../../stores/toast-store';
import { Badge } from '../common/badge';
import { ErrorMessage } from '../common/error-message';
import { Loading } from '../common/loading';
import { FormField } from './form-field';
import { SECRET_NAME_PATTERN as SECRET_NAME } from '../../../shared/scope-rules';

type Status =
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; value: SecretsStatus } | { status: 'error'; error: HostFailure };

/** The env keys a process scope fills from secrets: env key → secret name. */
function secretEnvOf(scope: Record<string, unknown> | undefined): Array<[string, string]> {
  const mapping = scope?.secretEnv;
  if (!mapping || typeof mapping !== 'object') return [];
  return Object.entries(mapping as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

/**
 * Keychain secrets per process scope. A value is typed once, sent once and never shown again: the field
 * is cleared as it is submitted, and the host answers names only.
 */
export function SecretsSection() {
  const titleId = useId();
  const listing = useScopesStore((state) => state.listing);
  const toast = useToastStore((state) => state.push);
  const scopes = listing?.process ?? [];
  const [scopeId, setScopeId] = useState('');
  const [status, setStatus] = useState<Status>({ status: 'idle' });
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [failure, setFailure] = useState<HostFailure | null>(null);
  const [busy, setBusy] = useState(false);

  // The first scope that maps secrets is the one an administrator most likely came for.
  const preferred = scopes.find((scope) => secretEnvOf(scope).length > 0)?.id ?? scopes[0]?.id ?? '';
  const selected = scopes.some((scope) => scope.id === scopeId) ? scopeId : preferred;
  const scope = scopes.find((entry) => entry.id === selected);
  const mapping = secretEnvOf(scope);

  const refresh = useCallback(async (id: string) => {
    if (!id) return;
    setStatus({ status: 'loading' });
    const result = await callHost(() => gatehouse().secrets.status(id));
    setStatus(result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result });
  }, []);

  useEffect(() => {
    void refresh(selected);
  }, [selected, refresh]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const secret = value;
    // The value leaves the renderer's state before the call, so nothing keeps it after submit.
    setValue('');
    setFailure(null);
    const trimmed = name.trim();
    if (!SECRET_NAME.test(trimmed)) {
      setNameError('Use letters, digits, "_", "." and "-", starting with a letter or "_".');
      return;
    }
    setNameError(undefined);
    if (secret === '') {
      setFailure({ code: 'INVALID_INPUT', error: 'Enter the secret value.' });
      return;
    }
    setBusy(true);
    const result = await callHost(() => gatehouse().secrets.set(selected, trimmed, secret));
    setBusy(false);
    if (!result.ok) {
      setFailure(result);
      return;
    }
    setName('');
    setStatus({ status: 'ready', value: result.value });
    toast('success', `Secret ${trimmed} saved to the keychain for ${selected}. Its value is not shown again.`);
  };

  const remove = async (secretName: string) => {
    setFailure(null);
    const result = await callHost(() => gatehouse().secrets.delete(selected, secretName));
    if (!result.ok) {
      setFailure(result);
      return;
    }
    setStatus({ status: 'ready', value: result.value });
    toast('success', `Secret ${secretName} deleted from the keychain.`);
  };

  const ready = status.status === 'ready' ? status.value : null;
  return (
    <section className="settings-section" aria-labelledby={titleId}>
      <div className="section-head">
        <div>
          <h2 className="section-title" id={titleId}>
            Secrets
          </h2>
          <p className="section-about">
            Values kept in the OS keychain and handed only to the programs of one process scope, as the environment keys its scope maps.
            Plugins never see them; output that contains one shows [redacted].
          </p>
        </div>
      </div>
      {scopes.length === 0 ? (
        <p className="muted">Add a process scope first.</p>
      ) : (
        <div className="form-grid form-grid-narrow">
          <FormField label="Process scope">
            <select className="select" value={selected} onChange={(event) => setScopeId(event.target.value)}>
              {scopes.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.title} ({entry.id})
                </option>
              ))}
            </select>
          </FormField>
        </div>
      )}
      {status.status === 'loading' && <Loading label="Asking the keychain…" />}
      {status.status === 'error' && (
        <ErrorMessage failure={status.error} context="The keychain could not be asked" onRetry={() => void refresh(selected)} />
      )}
      {ready && !ready.available && (
        <div className="callout callout-danger" role="alert">
          <p className="callout-title">No keychain available</p>
          <p>
            Gatehouse found no working Secret Service (such as GNOME Keyring or KWallet), or it is locked. Secrets cannot be stored, and
            actions of scopes that need one fail with SECRET_STORE_UNAVAILABLE until a keychain is running and unlocked.
          </p>
        </div>
      )}
      {ready?.available && (
        <>
          {mapping.length > 0 && (
            <div className="secret-mapping">
              <p className="muted">This scope fills these environment keys from secrets:</p>
              <ul className="inline-list">
                {mapping.map(([envKey, secretName]) => (
                  <li key={envKey}>
                    <code className="chip">
                      {envKey} ← {secretName}
                    </code>{' '}
                    {ready.names.includes(secretName) ? <Badge tone="success">stored</Badge> : <Badge tone="warning">missing</Badge>}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {ready.names.length === 0 ? (
            <p className="muted">No secrets stored for this scope.</p>
          ) : (
            <table className="data-table compact secrets-table">
              <caption className="visually-hidden">Secrets of {selected}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Value</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {ready.names.map((secretName) => (
                  <tr key={secretName}>
                    <td>
                      <code>{secretName}</code>
                    </td>
                    <td className="muted">kept in the keychain, never shown</td>
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="button button-danger-ghost button-small"
                        aria-label={`Delete secret ${secretName}`}
                        onClick={() => void remove(secretName)}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form className="inline-form" aria-label="Add secret" noValidate onSubmit={(event) => void submit(event)}>
            <FormField label="Secret name" error={nameError} className="field-grow">
              <input
                className="input"
                value={name}
                maxLength={128}
                spellCheck={false}
                autoComplete="off"
                onChange={(event) => setName(event.target.value)}
              />
            </FormField>
            <FormField label="Secret value" hint="Sent once to the keychain; never shown again." className="field-grow">
              <input
                className="input"
                type="password"
                value={value}
                autoComplete="off"
                onChange={(event) => setValue(event.target.value)}
              />
            </FormField>
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Saving…' : 'Add secret'}
            </button>
          </form>
        </>
      )}
      {failure && <ErrorMessage failure={failure} context="The secret was not changed" />}
    </section>
  );
}
