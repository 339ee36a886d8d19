import { usePluginsStore } from '../../stores/plugins-store';
import { EmptyState } from '../common/empty-state';
import { ErrorMessage } from '../common/error-message';
import { Loading } from '../common/loading';
import { InstallButton } from './install-button';
import { PluginCard } from './plugin-card';

/** Manage installed plugins: install, activate, disable, remove, and decide what each may do. */
export function PluginsPage() {
  const plugins = usePluginsStore((state) => state.plugins);
  const status = usePluginsStore((state) => state.status);
  const error = usePluginsStore((state) => state.error);
  const load = usePluginsStore((state) => state.load);
  const sorted = [...plugins].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="screen">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Plugins</h1>
          <p className="screen-subtitle">Plugins run in a sandbox and can only ask; you decide what each one may ask for.</p>
        </div>
        <div className="screen-tools">
          <InstallButton />
        </div>
      </div>
      {status === 'loading' && <Loading label="Loading plugins…" />}
      {status === 'error' && error && (
        <ErrorMessage failure={error} context="The plugin list could not be loaded" onRetry={() => void load()} />
      )}
      {status === 'ready' && sorted.length === 0 && (
        <EmptyState title="No plugins installed" action={<InstallButton />}>
          <p>Install a plugin from a folder that holds its manifest and signed bundle, or from a packed .ghplugin file.</p>
        </EmptyState>
      )}
      <div className="card-list">
        {sorted.map((plugin) => (
          <PluginCard key={plugin.id} plugin={plugin} />
        ))}
      </div>
    </div>
  );
}
