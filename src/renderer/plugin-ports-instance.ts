// The app's one port map, wired to the host verbs.
import { gatehouse } from './gatehouse';
import { watchEffectiveTheme } from './lib/theme';
import { createPluginPorts, type PluginPorts } from './plugin-ports';

let instance: PluginPorts | null = null;

/** The port map every plugin frame of this window shares. */
export function pluginPorts(): PluginPorts {
  if (instance) return instance;
  instance = createPluginPorts({
    action: (pluginId, message) => gatehouse().actions.request(pluginId, message),
    storage: (pluginId, message) => gatehouse().storage.request(pluginId, message),
    frameClosed: (pluginId) =>
      void gatehouse()
        .plugins.frameClosed(pluginId)
        .catch(() => undefined),
    cancel: (pluginId, correlationId) =>
      void gatehouse()
        .actions.cancel(pluginId, correlationId)
        .catch(() => undefined),
    ack: (pluginId, correlationId, seq) =>
      void gatehouse()
        .actions.ack(pluginId, correlationId, seq)
        .catch(() => undefined),
    toBackend: (pluginId, data) => gatehouse().backends.post(pluginId, data),
  });
  // Streamed events go to the port of the plugin the host named, and only while its request waits there.
  const created = instance;
  gatehouse().on('action:event', (envelope) => created.deliverEvent(envelope));
  // A backend's message goes to its own plugin's port only.
  gatehouse().on('backend:message', ({ pluginId, data }) => created.deliverBackendMessage(pluginId, data));
  // Frames follow the app's theme for the life of the window.
  watchEffectiveTheme((theme) => created.setTheme(theme));
  return created;
}
