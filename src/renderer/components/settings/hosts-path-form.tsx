import { isNormalizedAbsolutePath } from '@gatehouse/plugin-sdk';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { HostFailure } from '../../gatehouse';
import { useSettingsStore } from '../../stores/settings-store';
import { useToastStore } from '../../stores/toast-store';
import { ErrorMessage } from '../common/error-message';
import { Loading } from '../common/loading';
import { FormField } from './form-field';

/** Where the hosts file lives; plugins only ever change their own tagged section of it. */
export function HostsPathForm() {
  const titleId = useId();
  const settings = useSettingsStore((state) => state.settings);
  const update = useSettingsStore((state) => state.update);
  const load = useSettingsStore((state) => state.load);
  const toast = useToastStore((state) => state.push);
  const saved = settings.status === 'ready' ? settings.value.hostsPath : '';
  const [path, setPath] = useState(saved);
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<HostFailure | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => setPath(saved), [saved]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = path.trim();
    setFailure(null);
    if (!isNormalizedAbsolutePath(value)) {
      setError('Enter an absolute path without "." or ".." parts.');
      return;
    }
    setError(undefined);
    setBusy(true);
    const result = await update({ hostsPath: value });
    setBusy(false);
    setFailure(result);
    if (!result) toast('success', 'Hosts file location saved.');
  };

  return (
    <section className="settings-section" aria-labelledby={titleId}>
      <div className="section-head">
        <div>
          <h2 className="section-title" id={titleId}>
            Hosts file
          </h2>
          <p className="section-about">
            Plugins with the hosts capability change only their own tagged section of this file, after you confirm.
          </p>
        </div>
      </div>
      {settings.status === 'loading' && <Loading />}
      {settings.status === 'error' && (
        <ErrorMessage failure={settings.error} context="Settings could not be loaded" onRetry={() => void load()} />
      )}
      {settings.status === 'ready' && (
        <form className="inline-form" noValidate onSubmit={(event) => void submit(event)}>
          <FormField label="Hosts file location" error={error} className="field-grow">
            <input className="input" value={path} spellCheck={false} onChange={(event) => setPath(event.target.value)} />
          </FormField>
          <button type="submit" className="button button-primary" disabled={busy || path.trim() === saved}>
            Save location
          </button>
        </form>
      )}
      {failure && <ErrorMessage failure={failure} context="The location was not saved" />}
    </section>
  );
}
