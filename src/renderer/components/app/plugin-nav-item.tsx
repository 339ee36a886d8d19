import { useEffect, useId } from 'react';
import type { PluginInfo } from '../../../shared/plugin-info';
import { useNavigationStore } from '../../stores/navigation-store';
import { useNoticesStore } from '../../stores/notices-store';
import { setupNeeded, useSetupStore } from '../../stores/setup-store';
import { Badge } from '../common/badge';
import { PluginStatusBadges } from '../common/plugin-status-badge';

/** One plugin in the sidebar; its accessible name is the plugin's name, its badges describe it. */
export function PluginNavItem({ plugin }: { plugin: PluginInfo }) {
  const badgesId = useId();
  const dotId = useId();
  const current = useNavigationStore((state) => state.screen === 'plugin' && state.pluginId === plugin.id);
  const select = useNavigationStore((state) => state.selectPlugin);
  const unseen = useNoticesStore((state) => state.unseenByPlugin[plugin.id] ?? 0);
  const needsSetup = useSetupStore((state) => setupNeeded(state.byPlugin[plugin.id]));
  const loadSetup = useSetupStore((state) => state.load);
  useEffect(() => {
    if (plugin.mayAct) void loadSetup(plugin.id);
  }, [loadSetup, plugin.id, plugin.mayAct, plugin.version]);
  return (
    <button
      type="button"
      className="plugin-nav-item"
      aria-label={plugin.name}
      aria-describedby={unseen > 0 ? `${badgesId} ${dotId}` : badgesId}
      aria-current={current ? 'page' : undefined}
      onClick={() => select(plugin.id)}
    >
      <span className="plugin-nav-initial" aria-hidden="true">
        {initial(plugin.name)}
      </span>
      <span className="plugin-nav-text">
        <span className="plugin-nav-name">{plugin.name}</span>
        <span className="badge-row" id={badgesId}>
          <PluginStatusBadges plugin={plugin} />
          {needsSetup && <Badge tone="warning">Setup needed</Badge>}
        </span>
      </span>
      {unseen > 0 && (
        <span className="plugin-nav-dot" id={dotId}>
          <span className="visually-hidden">{unseen} new in Activity</span>
        </span>
      )}
    </button>
  );
}

function initial(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toUpperCase() : '?';
}
