// The app's one port map, wired to the host verbs.
import { gatehouse } from './gatehouse';
import { watchEffectiveTheme } from './lib/theme';
import { createPluginPorts, type PluginPorts } from './plugin-ports';

let instance: PluginPorts | null = null;

/** The port map every plugin frame of this window shares. */
export function pluginPorts(): PluginPorts {
  instance ??= createPluginPorts({
    action: (pluginId, message) => gatehouse().actions.request(pluginId, message),
    storage: (pluginId, message) => gatehouse().storage.request(pluginId, message),
    frameClosed: (pluginId) =>
      void gatehouse()
        .plugins.frameClosed(pluginId)
        .catch(() => undefined),
  });
  // Frames follow the app's theme for the life of the window.
  const ports = instance;
  watchEffectiveTheme((theme) => ports.setTheme(theme));
  return instance;
}
