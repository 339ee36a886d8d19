import { useState } from 'react';
import type { PluginInfo } from '../../../shared/plugin-info';
import type { HostFailure } from '../../gatehouse';
import { useNavigationStore } from '../../stores/navigation-store';
import { usePluginsStore } from '../../stores/plugins-store';
import { ErrorMessage } from '../common/error-message';

/** Why a plugin is not loaded, and the one step that would load it. */
export function PluginBlocked({ plugin }: { plugin: PluginInfo }) {
  const show = useNavigationStore((state) => state.show);
  const revealPlugin = useNavigationStore((state) => state.revealPlugin);
  const setStatus = usePluginsStore((state) => state.setStatus);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<HostFailure | null>(null);

  const activate = async () => {
    setBusy(true);
    setFailure(await setStatus(plugin.id, 'active'));
    setBusy(false);
  };

  let title: string;
  let body: string;
  let action: 'activate' | 'review' | null = null;
  if (!plugin.available) {
    title = `${plugin.name} is unavailable`;
    body = plugin.unavailableReason ?? 'Its bundle is missing or does not verify.';
  } else if (plugin.needsConsent) {
    title = `${plugin.name} needs your consent`;
    body = 'It asks for capabilities you have not approved yet. Review them on the Plugins page before it can run.';
    action = 'review';
  } else if (plugin.status === 'disabled') {
    title = `${plugin.name} is disabled`;
    body = 'A disabled plugin is not loaded and cannot ask for anything.';
    action = 'activate';
  } else {
    title = `${plugin.name} is not active yet`;
    body = 'Installed plugins run only after you activate them.';
    action = 'activate';
  }

  return (
    <div className="blocked">
      <p className="blocked-title">{title}</p>
      <p className="blocked-body">{body}</p>
      <div className="blocked-actions">
        {action === 'activate' && (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void activate()}>
            Activate
          </button>
        )}
        {action === 'review' && (
          <button type="button" className="button button-primary" onClick={() => revealPlugin(plugin.id)}>
            Review capabilities
          </button>
        )}
        {action !== 'review' && (
          <button type="button" className="button button-secondary" onClick={() => show('plugins')}>
            Manage plugins
          </button>
        )}
      </div>
      {failure && <ErrorMessage failure={failure} context={`${plugin.name} could not be activated`} />}
    </div>
  );
}
