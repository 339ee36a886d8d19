import type { PluginInfo } from '../../../shared/plugin-info';
import { useFramesStore } from '../../stores/frames-store';
import { isRunnable } from '../../stores/plugins-store';
import { PluginStatusBadges } from '../common/plugin-status-badge';

/** Name and identity of the plugin on screen, so the user always knows whose UI this is. */
export function PluginHeader({ plugin, titleId }: { plugin: PluginInfo; titleId: string }) {
  const reload = useFramesStore((state) => state.reload);
  return (
    <div className="stage-header">
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
        {isRunnable(plugin) && (
          <button type="button" className="button button-ghost button-small" onClick={() => reload(plugin.id)}>
            Reload
          </button>
        )}
      </div>
    </div>
  );
}
