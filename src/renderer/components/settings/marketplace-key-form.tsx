import { useEffect, useId, useState, type FormEvent } from 'react';
import type { HostFailure } from '../../gatehouse';
import { useMarketplaceStore } from '../../stores/marketplace-store';
import { useToastStore } from '../../stores/toast-store';
import { ErrorMessage } from '../common/error-message';
import { Fingerprint } from '../install/fingerprint';
import { FormField } from './form-field';

const PUBLIC_KEY = /^[A-Za-z0-9+/]{43}=$/;

/** The key a marketplace index must be signed with; without one no index is read. */
export function MarketplaceKeyForm() {
  const titleId = useId();
  const view = useMarketplaceStore((state) => state.view);
  const load = useMarketplaceStore((state) => state.load);
  const setKey = useMarketplaceStore((state) => state.setKey);
  const toast = useToastStore((state) => state.push);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<HostFailure | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const current = view.status === 'ready' ? view.value.indexKey : null;

  const save = async (publicKey: string | null) => {
    setFailure(null);
    const result = await setKey(publicKey);
    setFailure(result);
    if (!result) {
      setDraft('');
      toast('success', publicKey ? 'Marketplace index key saved.' : 'Marketplace index key cleared.');
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const key = draft.trim();
    if (!PUBLIC_KEY.test(key)) {
      setError('Paste the base64 public key of the index: 44 characters ending in "=".');
      return;
    }
    setError(undefined);
    void save(key);
  };

  return (
    <section className="settings-section" aria-labelledby={titleId}>
      <div className="section-head">
        <div>
          <h2 className="section-title" id={titleId}>
            Marketplace
          </h2>
          <p className="section-about">
            A plugin index is read only when it is signed by this key. Its entries are install candidates; nothing installs by itself.
          </p>
        </div>
      </div>
      {view.status === 'error' && (
        <ErrorMessage failure={view.error} context="The marketplace settings could not be loaded" onRetry={() => void load()} />
      )}
      {view.status === 'ready' && (
        <dl className="scope-facts">
          <div className="fact">
            <dt>Index key</dt>
            <dd>
              {current ? (
                <>
                  <code>{current.keyId}</code>
                  <Fingerprint value={current.fingerprint} variant="compact" />
                </>
              ) : (
                <span className="muted">Not set</span>
              )}
            </dd>
          </div>
        </dl>
      )}
      <form className="inline-form" aria-label="Marketplace index key" noValidate onSubmit={submit}>
        <FormField label="Index public key (base64)" error={error} className="field-grow">
          <input
            className="input input-mono"
            value={draft}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => setDraft(event.target.value)}
          />
        </FormField>
        <button type="submit" className="button button-primary">
          Save index key
        </button>
        {current && (
          <button type="button" className="button button-ghost" onClick={() => void save(null)}>
            Clear
          </button>
        )}
      </form>
      {failure && <ErrorMessage failure={failure} context="The index key was not saved" />}
    </section>
  );
}
