import type { PluginInfo } from '../../../shared/plugin-info';
import { useFramesStore } from '../../stores/frames-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { isRunnable } from '../../stores/plugins-store';
import { BackendNote } from '../backends/backend-panel';
import { PluginStatusBadges } from '../common/plugin-status-badge';
import { PermissionSummary } from '../plugins/permission-summary';
import { ViewActivityButton } from '../plugins/view-activity-button';
import { START_BUTTON_ID } from './plugin-stopped';

/**
 * Name and identity of the plugin on screen, so the user always knows whose UI this is; what it can do
 * now; its activity; and Stop, which unloads its frame (its waiting prompts are withdrawn with it).
 */
export function PluginHeader({ plugin, titleId }: { plugin: PluginInfo; titleId: string }) {
  const reload = useFramesStore((state) => state.reload);
  const running = useNavigationStore((state) => state.opened.includes(plugin.id));
  const closeFrame = useNavigationStore((state) => state.closeFrame);
  const runnable = isRunnable(plugin);
  return (
    <div className="stage-header">
      <div className="stage-row">
        <div className="stage-identity">
          <h1 className="stage-title" id={titleId}>
            <bdi>{plugin.name}</bdi>
          </h1>
          <p className="stage-meta">
            <span>v{plugin.version}</span>
            <span aria-hidden="true">·</span>
            <bdi>{plugin.publisher}</bdi>
            <span aria-hidden="true">·</span>
            <code>{plugin.id}</code>
          </p>
        </div>
        <div className="stage-tools">
          <PluginStatusBadges plugin={plugin} />
          <BackendNote pluginId={plugin.id} />
          <ViewActivityButton pluginId={plugin.id} pluginName={plugin.name} small />
          {runnable && running && (
            <button type="button" className="button button-ghost button-small" onClick={() => reload(plugin.id)}>
              Reload
            </button>
          )}
          {runnable && running && (
            <button
              type="button"
              className="button button-secondary button-small"
              aria-label={`Stop ${plugin.name}`}
              onClick={() => {
                closeFrame(plugin.id);
                // The Stop button goes away with the frame; the keyboard lands on Start instead of the page.
                requestAnimationFrame(() => document.getElementById(START_BUTTON_ID)?.focus());
              }}
            >
              Stop
            </button>
          )}
        </div>
      </div>
      <PermissionSummary plugin={plugin} compact />
    </div>
  );
}
