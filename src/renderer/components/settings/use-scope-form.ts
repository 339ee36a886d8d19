import { useState, type FormEvent } from 'react';
import type { HostFailure } from '../../gatehouse';
import type { FieldErrors } from '../../lib/scope-forms';
import { serverFieldErrors } from '../../lib/server-field-errors';
import { useScopesStore } from '../../stores/scopes-store';
import { useToastStore } from '../../stores/toast-store';

/**
 * State and submit of a scope editor: checks the fields here first, then saves, then places the host's
 * own findings next to the fields they name.
 */
export function useScopeForm<Form extends { id: string }>(options: {
  kind: 'fs' | 'process';
  label: string;
  initial: () => Form;
  toScope(form: Form): { scope: Record<string, unknown> | null; errors: FieldErrors };
  fields: readonly string[];
  onDone(): void;
}) {
  const save = useScopesStore((state) => state.save);
  const toast = useToastStore((state) => state.push);
  const [form, setForm] = useState<Form>(options.initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<HostFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { scope, errors: local } = options.toScope(form);
    setErrors(local);
    setFailure(null);
    if (!scope) return;
    setBusy(true);
    const error = await save(options.kind, scope);
    setBusy(false);
    if (!error) {
      toast('success', `${options.label} ${form.id} saved.`);
      options.onDone();
      return;
    }
    setErrors(serverFieldErrors(error, options.fields).errors);
    setFailure(error);
  };

  return { form, set, errors, failure, busy, submit };
}
