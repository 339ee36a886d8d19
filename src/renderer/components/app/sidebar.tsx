import { useNavigationStore } from '../../stores/navigation-store';
import { usePluginsStore } from '../../stores/plugins-store';
import { Loading } from '../common/loading';
import { PluginNavItem } from './plugin-nav-item';

/** Installed plugins, each with its status; selecting one opens its frame. */
export function Sidebar() {
  const plugins = usePluginsStore((state) => state.plugins);
  const status = usePluginsStore((state) => state.status);
  const show = useNavigationStore((state) => state.show);
  const sorted = [...plugins].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <nav className="sidebar" aria-labelledby="sidebar-title">
      <h2 className="sidebar-title" id="sidebar-title">
        Plugins
      </h2>
      {status === 'loading' && <Loading label="Loading plugins…" />}
      {status === 'error' && <p className="sidebar-note">The plugin list could not be loaded. Open the Plugins page for details.</p>}
      {status === 'ready' && sorted.length === 0 && (
        <div className="sidebar-note">
          <p>No plugins installed yet.</p>
          <button type="button" className="link-button" onClick={() => show('plugins')}>
            Install a plugin
          </button>
        </div>
      )}
      {sorted.length > 0 && (
        <ul className="plugin-nav">
          {sorted.map((plugin) => (
            <li key={plugin.id}>
              <PluginNavItem plugin={plugin} />
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
