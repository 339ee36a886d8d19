import { useId, useState, type FormEvent } from 'react';
import type { HostFailure } from '../../gatehouse';
import { useToastStore } from '../../stores/toast-store';
import { useTrustStore } from '../../stores/trust-store';
import { ErrorMessage } from '../common/error-message';
import { FormField } from './form-field';

const PUBLIC_KEY = /^[A-Za-z0-9+/]{43}=$/;

/** Trusts a publisher key pasted as base64 (the publisher's `gatehouse-plugin keygen` prints it), under a name. */
export function AddPublisherForm() {
  const id = useId();
  const add = useTrustStore((state) => state.add);
  const toast = useToastStore((state) => state.push);
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [errors, setErrors] = useState<{ name?: string; publicKey?: string }>({});
  const [failure, setFailure] = useState<HostFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const key = publicKey.trim();
    const local: typeof errors = {};
    if (name.trim() === '') local.name = 'Enter the name to remember this publisher by.';
    if (!PUBLIC_KEY.test(key)) local.publicKey = 'Paste the base64 public key: 44 characters ending in "=".';
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    const { publisher, failure: error } = await add(key, name.trim());
    setBusy(false);
    if (error) {
      setFailure(error);
      return;
    }
    setName('');
    setPublicKey('');
    if (publisher) toast('success', `${publisher.name} is trusted. Fingerprint ${publisher.fingerprint}.`);
  };

  return (
    <form className="card scope-form" aria-labelledby={`${id}-title`} noValidate onSubmit={(event) => void submit(event)}>
      <h3 className="form-title" id={`${id}-title`}>
        Trust a publisher key
      </h3>
      <div className="form-grid">
        <FormField label="Publisher name" error={errors.name}>
          <input className="input" value={name} maxLength={100} onChange={(event) => setName(event.target.value)} />
        </FormField>
        <FormField
          label="Public key (base64)"
          hint="Compare the fingerprint shown after adding with the one the publisher gave you."
          error={errors.publicKey}
        >
          <input
            className="input input-mono"
            value={publicKey}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => setPublicKey(event.target.value)}
          />
        </FormField>
      </div>
      {failure && <ErrorMessage failure={failure} context="The key was not trusted" />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Trust key'}
        </button>
      </div>
    </form>
  );
}
