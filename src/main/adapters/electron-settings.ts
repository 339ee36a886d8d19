import Store from 'electron-store';
import type { SettingsStore } from '../../core/ports';

/** Host settings persisted by electron-store in the user data folder (conf's API, as the core expects). */
export function createElectronSettings(): SettingsStore {
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: false });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
    has: (key) => store.has(key),
  };
}
