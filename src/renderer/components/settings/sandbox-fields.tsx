import type { ReactElement } from 'react';
import type { ProcessScopeForm } from '../../lib/scope-forms';
import { FormField } from './form-field';

type PathKey = 'sandboxReadPaths' | 'sandboxWritePaths';

/** The tool's OS sandbox: network, extra readable and writable paths, and running unsandboxed. All off by default. */
export function SandboxFields({
  form,
  set,
  error,
  textarea,
}: {
  form: ProcessScopeForm;
  set<K extends keyof ProcessScopeForm>(key: K, value: ProcessScopeForm[K]): void;
  error: string | undefined;
  textarea(key: PathKey, rows?: number): ReactElement<{ id?: string }>;
}) {
  return (
    <fieldset className="form-grid sandbox-fields">
      <legend>Sandbox</legend>
      <FormField label="Network" hint="Off: the tool gets no network at all, not even this computer's own (loopback) services">
        <input
          type="checkbox"
          className="checkbox"
          checked={form.sandboxNetwork}
          onChange={(event) => set('sandboxNetwork', event.target.checked)}
        />
      </FormField>
      <FormField
        label="Also readable"
        hint="Absolute paths, one per line. Your home folder, /tmp and /run are hidden otherwise: name a kubeconfig or an ssh key here if the tool needs it"
        error={error}
      >
        {textarea('sandboxReadPaths', 2)}
      </FormField>
      <FormField
        label="Also writable"
        hint="Absolute paths, one per line, besides the working folders; a socket the tool talks to (docker) counts as a write"
      >
        {textarea('sandboxWritePaths', 2)}
      </FormField>
      <FormField
        label="Run unsandboxed where no sandbox exists"
        hint="Off: on a system without a sandbox (bubblewrap on Linux) the tool is refused"
      >
        <input
          type="checkbox"
          className="checkbox"
          checked={form.allowUnsandboxed}
          onChange={(event) => set('allowUnsandboxed', event.target.checked)}
        />
      </FormField>
    </fieldset>
  );
}
