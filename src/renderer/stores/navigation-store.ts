// Which screen is shown, and which plugin frames stay mounted so switching keeps their state.
import { create } from 'zustand';

export type Screen = 'plugin' | 'audit' | 'plugins' | 'marketplace' | 'settings';

interface NavigationState {
  screen: Screen;
  /** The plugin shown when `screen` is 'plugin'. */
  pluginId: string | null;
  /** Plugins whose frames have been opened and stay mounted, oldest first. */
  opened: string[];
  /** A plugin card the Plugins page should bring into view once. */
  revealPluginId: string | null;
  selectPlugin(pluginId: string): void;
  show(screen: Exclude<Screen, 'plugin'>): void;
  /** Opens the Plugins page at one plugin's card. */
  revealPlugin(pluginId: string | null): void;
  /** Unmounts a plugin's frame (plugin disabled, removed or unavailable). */
  closeFrame(pluginId: string): void;
}

export const useNavigationStore = create<NavigationState>()((set) => ({
  screen: 'plugins',
  pluginId: null,
  opened: [],
  revealPluginId: null,
  selectPlugin(pluginId) {
    set((state) => ({
      screen: 'plugin',
      pluginId,
      opened: state.opened.includes(pluginId) ? state.opened : [...state.opened, pluginId],
    }));
  },
  show(screen) {
    set({ screen });
  },
  revealPlugin(pluginId) {
    set(pluginId === null ? { revealPluginId: null } : { screen: 'plugins', revealPluginId: pluginId });
  },
  closeFrame(pluginId) {
    set((state) => ({ opened: state.opened.filter((id) => id !== pluginId) }));
  },
}));
