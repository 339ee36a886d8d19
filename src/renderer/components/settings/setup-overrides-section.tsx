import { useEffect, useId, useState } from 'react';
import type { SetupStatusView } from '../../../shared/setup-types';
import { usePluginsStore } from '../../stores/plugins-store';
import { useSetupStore } from '../../stores/setup-store';
import { useToastStore } from '../../stores/toast-store';

/** Per plugin with a setup: values for its variables, other places for its paths, or "I set this up myself". */
export function SetupOverridesSection() {
  const plugins = usePluginsStore((state) => state.plugins);
  const statuses = useSetupStore((state) => state.byPlugin);
  const load = useSetupStore((state) => state.load);
  const ids = plugins.map((plugin) => plugin.id).join('\n');
  useEffect(() => {
    for (const id of ids ? ids.split('\n') : []) void load(id);
  }, [ids, load]);
  const withSetup = plugins.filter((plugin) => statuses[plugin.id]?.hasSetup);
  return (
    <section className="card settings-section" aria-labelledby="settings-setup-title">
      <h2 className="card-title" id="settings-setup-title" tabIndex={-1}>
        Plugin setup
      </h2>
      <p className="card-description">
        What plugins need on this machine. Values you give here reach only that plugin&apos;s processes, in scopes that allow the variable;
        they are not written to the audit log.
      </p>
      {withSetup.length === 0 && <p>No installed plugin declares a setup.</p>}
      {withSetup.map((plugin) => (
        <OverridesForm
          key={`${plugin.id}:${statuses[plugin.id]?.digest ?? ''}`}
          name={plugin.name}
          status={statuses[plugin.id] as SetupStatusView}
        />
      ))}
    </section>
  );
}

function OverridesForm({ name, status }: { name: string; status: SetupStatusView }) {
  const formId = useId();
  const save = useSetupStore((state) => state.setOverrides);
  const toast = useToastStore((state) => state.push);
  const [env, setEnv] = useState<Record<string, string>>(status.overrides.env);
  const [paths, setPaths] = useState<Record<string, string>>(status.overrides.paths);
  const [selfManaged, setSelfManaged] = useState(status.overrides.selfManaged);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const clean = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).filter(([, value]) => value.trim() !== ''));
    const failure = await save(status.pluginId, { env: clean(env), paths: clean(paths), selfManaged });
    setError(failure ? failure.error : null);
    if (!failure) toast('success', `Setup overrides of ${name} saved.`);
  };
  return (
    <form
      className="setup-overrides"
      aria-labelledby={`${formId}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 id={`${formId}-title`}>
        <bdi>{name}</bdi>
      </h3>
      {status.env.map((variable) => (
        <label key={variable.name} className="form-field">
          <span>
            <code>{variable.name}</code>: <bdi>{variable.description}</bdi>
            {variable.default !== null ? ` (default ${variable.default})` : ''}
          </span>
          <input
            type="text"
            value={env[variable.name] ?? ''}
            onChange={(event) => setEnv({ ...env, [variable.name]: event.target.value })}
          />
        </label>
      ))}
      {status.paths.map((path) => (
        <label key={path.id} className="form-field">
          <span>
            <bdi>{path.title}</bdi> (<code>{path.path}</code>): keep it elsewhere
          </span>
          <input
            type="text"
            placeholder="/absolute/path"
            value={paths[path.path] ?? ''}
            onChange={(event) => setPaths({ ...paths, [path.path]: event.target.value })}
          />
        </label>
      ))}
      <label className="checkbox-row">
        <input type="checkbox" checked={selfManaged} onChange={(event) => setSelfManaged(event.target.checked)} />I set this up myself
        (setup is not offered; what it needs is still checked)
      </label>
      {error && <p role="alert">{error}</p>}
      <button type="submit" className="button button-secondary">
        Save
      </button>
    </form>
  );
}
