import { useId } from 'react';
import {
  EMPTY_PROCESS_FORM,
  PROCESS_MAX_OUTPUT_MB,
  PROCESS_MAX_TIMEOUT_S,
  PROCESS_TOOLS,
  processFormFromScope,
  processScopeFromForm,
  type ProcessScopeForm as Form,
} from '../../lib/scope-forms';
import { ErrorMessage } from '../common/error-message';
import { FormField } from './form-field';
import { NeverAskWarning } from './never-ask-warning';
import { SandboxFields } from './sandbox-fields';
import { useScopeForm } from './use-scope-form';

const FIELDS = [
  'id',
  'title',
  'executables',
  'tool',
  'allowedSubcommands',
  'deniedSubcommands',
  'deniedFlags',
  'rules',
  'cwdRoots',
  'allowedEnvKeys',
  'secretEnv',
  'timeoutCeilingMs',
  'maxOutputBytes',
  'confirmation',
  'sandbox',
] as const;

/** Adds or edits a process scope; checks fields here first, then shows the host's own findings. */
export function ProcessScopeForm({ initial, isNew, onDone }: { initial: Record<string, unknown> | null; isNew: boolean; onDone(): void }) {
  const id = useId();
  const { form, set, errors, failure, busy, submit } = useScopeForm<Form>({
    kind: 'process',
    label: 'Process scope',
    initial: () => (initial ? processFormFromScope(initial) : EMPTY_PROCESS_FORM),
    toScope: processScopeFromForm,
    fields: FIELDS,
    onDone,
  });

  const textarea = (
    key:
      | 'executables'
      | 'allowedSubcommands'
      | 'deniedSubcommands'
      | 'deniedFlags'
      | 'cwdRoots'
      | 'allowedEnvKeys'
      | 'secretEnv'
      | 'sandboxReadPaths'
      | 'sandboxWritePaths',
    rows = 3,
  ) => (
    <textarea className="textarea" rows={rows} spellCheck={false} value={form[key]} onChange={(event) => set(key, event.target.value)} />
  );

  return (
    <form className="card scope-form" aria-labelledby={`${id}-title`} noValidate onSubmit={(event) => void submit(event)}>
      <h3 className="form-title" id={`${id}-title`}>
        {isNew ? 'New process scope' : `Edit process scope ${form.id}`}
      </h3>
      <div className="form-grid">
        <FormField label="Id" hint="Lowercase, used in capability names: system.process.scope.<id>" error={errors.id}>
          <input className="input" value={form.id} readOnly={!isNew} onChange={(event) => set('id', event.target.value)} />
        </FormField>
        <FormField label="Title" error={errors.title}>
          <input className="input" value={form.title} maxLength={200} onChange={(event) => set('title', event.target.value)} />
        </FormField>
        <FormField
          label="Programs"
          hint="Absolute path per line, optionally followed by its sha256 pin"
          error={errors.executables}
          className="field-wide"
        >
          {textarea('executables', 2)}
        </FormField>
        <FormField label="Tool grammar" hint="How arguments are parsed before the rules apply" error={errors.tool}>
          <select className="select" value={form.tool} onChange={(event) => set('tool', event.target.value as Form['tool'])}>
            {PROCESS_TOOLS.map((tool) => (
              <option key={tool} value={tool}>
                {tool === 'none' ? 'none (exact argument patterns)' : tool}
              </option>
            ))}
          </select>
        </FormField>
        <FormField
          label="Allowed subcommands"
          hint={'One per line, e.g. "ps" or "container ls"; "(none)" for no subcommand'}
          error={errors.allowedSubcommands}
        >
          {textarea('allowedSubcommands')}
        </FormField>
        <FormField label="Denied subcommands" hint="One per line; a denial beats an allowance" error={errors.deniedSubcommands}>
          {textarea('deniedSubcommands')}
        </FormField>
        <FormField
          label="Denied flags"
          hint={'One per line: a flag, optionally followed by the subcommand it applies to'}
          error={errors.deniedFlags}
        >
          {textarea('deniedFlags')}
        </FormField>
        <FormField label="Working folders" hint="Absolute paths, one per line" error={errors.cwdRoots}>
          {textarea('cwdRoots')}
        </FormField>
        <FormField label="Allowed environment keys" hint="Names only, one per line" error={errors.allowedEnvKeys}>
          {textarea('allowedEnvKeys')}
        </FormField>
        <FormField
          label="Environment keys from secrets"
          hint={
            "One per line: ENV_KEY=secret-name. The host fills the key from this scope's keychain secret (Settings → Secrets); plugins never see it."
          }
          error={errors.secretEnv}
        >
          {textarea('secretEnv')}
        </FormField>
        <FormField label="Time limit ceiling (seconds)" hint={`1 to ${PROCESS_MAX_TIMEOUT_S}`} error={errors.timeoutCeilingMs}>
          <input
            className="input"
            type="number"
            min={1}
            max={PROCESS_MAX_TIMEOUT_S}
            step="any"
            value={form.timeoutSeconds}
            onChange={(event) => set('timeoutSeconds', event.target.value)}
          />
        </FormField>
        <FormField label="Largest output (MB)" hint={`Per stream, up to ${PROCESS_MAX_OUTPUT_MB} MB`} error={errors.maxOutputBytes}>
          <input
            className="input"
            type="number"
            min={0}
            step="any"
            value={form.maxOutputMb}
            onChange={(event) => set('maxOutputMb', event.target.value)}
          />
        </FormField>
        <FormField label="Confirmation" error={errors.confirmation}>
          <select
            className="select"
            value={form.confirmation}
            onChange={(event) => set('confirmation', event.target.value as Form['confirmation'])}
          >
            <option value="always">Ask every time</option>
            <option value="per-command">Ask once per exact command</option>
            <option value="never">Never ask</option>
          </select>
        </FormField>
        {form.confirmation === 'per-command' && (
          <FormField label="Remember an approval for (minutes)" hint="Only for the same program, arguments, folder and environment">
            <input
              className="input"
              type="number"
              min={1}
              step="any"
              value={form.rememberMinutes}
              onChange={(event) => set('rememberMinutes', event.target.value)}
            />
          </FormField>
        )}
      </div>
      {form.confirmation === 'never' && <NeverAskWarning kind="process" />}
      <SandboxFields form={form} set={set} error={errors.sandbox} textarea={textarea} />
      {errors.rules && <p className="field-error">{errors.rules}</p>}
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
