import { FS_OPERATION_TYPES } from '@gatehouse/plugin-sdk';
import { useId } from 'react';
import { EMPTY_FS_FORM, FS_MAX_WRITE_MB, fsFormFromScope, fsScopeFromForm, type FsScopeForm as Form } from '../../lib/scope-forms';
import { ErrorMessage } from '../common/error-message';
import { FormField } from './form-field';
import { NeverAskWarning } from './never-ask-warning';
import { useScopeForm } from './use-scope-form';

const FIELDS = ['id', 'title', 'roots', 'allowedOperations', 'confirmation', 'maxWriteBytes'] as const;
const OPERATION_LABELS: Record<string, string> = {
  mkdir: 'Create folders',
  writeFile: 'Write files',
  appendFile: 'Append to files',
  rename: 'Move and rename',
  remove: 'Delete',
};

/** Adds or edits a filesystem scope; checks fields here first, then shows the host's own findings. */
export function FsScopeForm({ initial, isNew, onDone }: { initial: Record<string, unknown> | null; isNew: boolean; onDone(): void }) {
  const id = useId();
  const { form, set, errors, failure, busy, submit } = useScopeForm<Form>({
    kind: 'fs',
    label: 'Filesystem scope',
    initial: () => (initial ? fsFormFromScope(initial) : EMPTY_FS_FORM),
    toScope: fsScopeFromForm,
    fields: FIELDS,
    onDone,
  });

  return (
    <form className="card scope-form" aria-labelledby={`${id}-title`} noValidate onSubmit={(event) => void submit(event)}>
      <h3 className="form-title" id={`${id}-title`}>
        {isNew ? 'New filesystem scope' : `Edit filesystem scope ${form.id}`}
      </h3>
      <div className="form-grid">
        <FormField label="Id" hint="Lowercase, used in capability names: system.fs.scope.<id>" error={errors.id}>
          <input className="input" value={form.id} readOnly={!isNew} onChange={(event) => set('id', event.target.value)} />
        </FormField>
        <FormField label="Title" error={errors.title}>
          <input className="input" value={form.title} maxLength={200} onChange={(event) => set('title', event.target.value)} />
        </FormField>
        <FormField label="Folders" hint="Absolute paths, one per line" error={errors.roots} className="field-wide">
          <textarea
            className="textarea"
            rows={3}
            spellCheck={false}
            value={form.roots}
            onChange={(event) => set('roots', event.target.value)}
          />
        </FormField>
      </div>
      <fieldset
        className={`field checkbox-group${errors.allowedOperations ? ' field-invalid' : ''}`}
        aria-describedby={errors.allowedOperations ? `${id}-ops-error` : undefined}
      >
        <legend>Allowed operations</legend>
        {FS_OPERATION_TYPES.map((type) => (
          <label key={type} className="check">
            <input
              type="checkbox"
              className="checkbox"
              checked={form.operations.includes(type)}
              onChange={(event) =>
                set('operations', event.target.checked ? [...form.operations, type] : form.operations.filter((entry) => entry !== type))
              }
            />
            {OPERATION_LABELS[type] ?? type} <code className="muted">{type}</code>
          </label>
        ))}
        {errors.allowedOperations && (
          <p className="field-error" id={`${id}-ops-error`}>
            {errors.allowedOperations}
          </p>
        )}
      </fieldset>
      <div className="form-grid">
        <FormField label="Confirmation" error={errors.confirmation}>
          <select
            className="select"
            value={form.confirmation}
            onChange={(event) => set('confirmation', event.target.value as Form['confirmation'])}
          >
            <option value="always">Ask every time</option>
            <option value="never">Never ask</option>
          </select>
        </FormField>
        <FormField label="Largest write (MB)" hint={`Up to ${FS_MAX_WRITE_MB} MB per file`} error={errors.maxWriteBytes}>
          <input
            className="input"
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            value={form.maxWriteMb}
            onChange={(event) => set('maxWriteMb', event.target.value)}
          />
        </FormField>
      </div>
      {form.confirmation === 'never' && <NeverAskWarning kind="fs" />}
      {failure && <ErrorMessage failure={failure} context="The scope was not saved" />}
      <div className="form-actions">
        <button type="button" className="button button-ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save scope'}
        </button>
      </div>
    </form>
  );
}
