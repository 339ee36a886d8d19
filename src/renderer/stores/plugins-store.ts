// Installed plugins as the host lists them; refreshed by the host's plugins:changed push.
import { create } from 'zustand';
import type { PluginInfo } from '../../shared/plugin-info';
import { callHost, gatehouse, type HostFailure } from '../gatehouse';

interface PluginsState {
  plugins: PluginInfo[];
  status: 'loading' | 'ready' | 'error';
  error: HostFailure | null;
  /** Pushes received; a list fetched before the latest push is stale. */
  pushes: number;
  load(): Promise<void>;
  receive(plugins: PluginInfo[]): void;
  replace(plugins: PluginInfo[]): void;
  /** Puts one updated plugin in place (or removes it when the host answered null for an id). */
  update(pluginId: string, plugin: PluginInfo | null): void;
  /** Activates, disables or removes a plugin; resolves to the failure, or null when done. */
  setStatus(pluginId: string, status: 'active' | 'disabled' | 'removed'): Promise<HostFailure | null>;
  /** Saves the granted capabilities (this is also the user's consent to them). */
  setGrants(pluginId: string, capabilities: string[]): Promise<HostFailure | null>;
}

export const usePluginsStore = create<PluginsState>()((set, get) => ({
  plugins: [],
  status: 'loading',
  error: null,
  pushes: 0,
  async load() {
    const seen = get().pushes;
    const result = await callHost(() => gatehouse().plugins.list());
    if (get().pushes !== seen) return;
    if (result.ok) set({ plugins: result.value, status: 'ready', error: null });
    else set({ status: 'error', error: result });
  },
  receive(plugins) {
    set((state) => ({ plugins, status: 'ready', error: null, pushes: state.pushes + 1 }));
  },
  replace(plugins) {
    set({ plugins, status: 'ready', error: null });
  },
  update(pluginId, plugin) {
    set((state) => {
      const rest = state.plugins.filter((entry) => entry.id !== pluginId);
      if (!plugin) return { plugins: rest };
      const index = state.plugins.findIndex((entry) => entry.id === pluginId);
      const plugins = [...state.plugins];
      if (index >= 0) plugins[index] = plugin;
      else plugins.push(plugin);
      return { plugins };
    });
  },
  async setStatus(pluginId, status) {
    const result = await callHost(() => gatehouse().plugins.setStatus(pluginId, status));
    if (!result.ok) return result;
    get().update(pluginId, status === 'removed' ? null : result.value);
    return null;
  },
  async setGrants(pluginId, capabilities) {
    const result = await callHost(() => gatehouse().plugins.setGrants(pluginId, capabilities));
    if (!result.ok) return result;
    get().update(pluginId, result.value);
    return null;
  },
}));

/** True when the plugin may be loaded in a frame: the core's may-act answer, carried on the listing. */
export function isRunnable(plugin: PluginInfo): boolean {
  return plugin.mayAct;
}
