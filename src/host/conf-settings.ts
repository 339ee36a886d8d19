import Conf from 'conf';
import type { SettingsStore } from '../core/ports';

/**
 * Host settings in `<userData>/settings.json`, through conf directly. Not electron-store: its constructor
 * registers an `ipcMain` listener ('electron-store-get-data') that answers any renderer without the one
 * sender check every IPC message must pass (sender-check.ts). The file is the one electron-store wrote.
 */
export function createConfSettings(userDataDir: string): SettingsStore {
  const store = new Conf<Record<string, unknown>>({ cwd: userDataDir, configName: 'settings', clearInvalidConfig: false });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
    has: (key) => store.has(key),
  };
}
