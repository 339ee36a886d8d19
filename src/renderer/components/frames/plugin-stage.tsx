import { useEffect } from 'react';
import { selectWaiting, useConfirmationsStore } from '../../stores/confirmations-store';
import { useFramesStore } from '../../stores/frames-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { isRunnable, usePluginsStore } from '../../stores/plugins-store';
import { EmptyState } from '../common/empty-state';
import { PluginBlocked } from './plugin-blocked';
import { PluginFrame } from './plugin-frame';
import { PluginHeader } from './plugin-header';
import { PluginStopped } from './plugin-stopped';
import { SetupPanel } from '../setup/setup-panel';
import { BackendPanel } from '../backends/backend-panel';

/** The selected plugin's view; every opened, runnable plugin keeps its frame mounted. */
export function PluginStage() {
  const screen = useNavigationStore((state) => state.screen);
  const pluginId = useNavigationStore((state) => state.pluginId);
  const opened = useNavigationStore((state) => state.opened);
  const closeFrame = useNavigationStore((state) => state.closeFrame);
  const plugins = usePluginsStore((state) => state.plugins);
  const pluginsReady = usePluginsStore((state) => state.status === 'ready');
  const forget = useFramesStore((state) => state.forget);
  const ensure = useFramesStore((state) => state.ensure);
  const reloads = useFramesStore((state) => state.reloads);
  // While the host asks the user something, no plugin frame can take focus or input: inert alone does not
  // stop a frame that calls focus() in a loop from getting keystrokes, a frame that is not rendered does.
  const prompting = useConfirmationsStore((state) => selectWaiting(state).length > 0);

  const byId = new Map(plugins.map((plugin) => [plugin.id, plugin]));
  const selected = pluginId ? byId.get(pluginId) : undefined;
  const live = opened.filter((id) => {
    const plugin = byId.get(id);
    return plugin !== undefined && isRunnable(plugin);
  });

  // A plugin that was disabled, removed or became unavailable loses its frame and its port.
  useEffect(() => {
    if (!pluginsReady) return;
    for (const id of opened) {
      const plugin = byId.get(id);
      if (!plugin || !isRunnable(plugin)) {
        closeFrame(id);
        forget(id);
      }
    }
  });

  // Knowing where each runnable plugin loads from ahead of time saves a round trip when it is opened.
  const runnableKey = plugins
    .filter(isRunnable)
    .map((plugin) => plugin.id)
    .join('\n');
  useEffect(() => {
    for (const id of runnableKey === '' ? [] : runnableKey.split('\n')) ensure(id);
  }, [runnableKey, ensure]);

  const visible = screen === 'plugin';
  return (
    <section
      className="stage"
      hidden={!visible}
      aria-label={selected ? undefined : 'Plugin'}
      aria-labelledby={selected ? 'stage-title' : undefined}
    >
      {selected && <PluginHeader plugin={selected} titleId="stage-title" />}
      {visible && selected && isRunnable(selected) && <SetupPanel plugin={selected} />}
      {visible && selected && <BackendPanel plugin={selected} />}
      {visible && pluginId && !selected && pluginsReady && (
        <EmptyState title="This plugin is no longer installed.">
          <p>Pick another plugin in the sidebar.</p>
        </EmptyState>
      )}
      {selected && !isRunnable(selected) && <PluginBlocked plugin={selected} />}
      {visible && selected && isRunnable(selected) && !opened.includes(selected.id) && <PluginStopped plugin={selected} />}
      <div className="frames" hidden={!selected || !isRunnable(selected) || prompting} inert={prompting}>
        {live.map((id) => {
          const plugin = byId.get(id);
          if (!plugin) return null;
          return <PluginFrame key={`${id}:${reloads[id] ?? 0}`} plugin={plugin} visible={visible && id === pluginId} />;
        })}
      </div>
    </section>
  );
}
