import type { SettingsStore } from './ports';

/**
 * Remembers values read from the settings store. conf and electron-store read and parse their whole file
 * on every `get`, which would put file reads on every request's path; the core is the only writer of
 * its keys, so a value it has read or written stays current.
 */
export function createCachedSettings(store: SettingsStore): SettingsStore {
  const cache = new Map<string, unknown>();
  const clone = <T>(value: T): T => (value === undefined ? value : structuredClone(value));
  return {
    get(key) {
      if (!cache.has(key)) cache.set(key, store.get(key));
      // Callers may change what they get; the cached value must not change with it.
      return clone(cache.get(key));
    },
    set(key, value) {
      store.set(key, value);
      cache.set(key, clone(value));
    },
    delete(key) {
      store.delete(key);
      cache.set(key, undefined);
    },
    has(key) {
      return cache.has(key) ? cache.get(key) !== undefined : store.has(key);
    },
  };
}
