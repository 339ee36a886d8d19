import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonValue, PluginStorageRequest, PluginStorageResultMap } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../action-failure';
import { writeFileAtomic } from '../fs/atomic-write';

export interface PluginStorageOptions {
  dir: string;
  /** Largest namespace per plugin, in characters of JSON. */
  quotaBytes?: number;
  maxKeys?: number;
}

/**
 * Each plugin's own key-value namespace (`plugin:<id>`), one JSON file per plugin written atomically.
 * The plugin id comes from the host, so there is no way to name another plugin's namespace.
 */
export function createPluginStorage(options: PluginStorageOptions) {
  const quota = options.quotaBytes ?? 1024 * 1024;
  const maxKeys = options.maxKeys ?? 1000;
  const cache = new Map<string, Map<string, JsonValue>>();
  const chains = new Map<string, Promise<unknown>>();
  const fileOf = (pluginId: string) => join(options.dir, `plugin-${pluginId}.json`);

  async function load(pluginId: string): Promise<Map<string, JsonValue>> {
    const cached = cache.get(pluginId);
    if (cached) return cached;
    let entries = new Map<string, JsonValue>();
    try {
      const parsed = JSON.parse(await readFile(fileOf(pluginId), 'utf8')) as Record<string, JsonValue>;
      entries = new Map(Object.entries(parsed));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    cache.set(pluginId, entries);
    return entries;
  }

  async function save(pluginId: string, entries: Map<string, JsonValue>): Promise<void> {
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(fileOf(pluginId), JSON.stringify(Object.fromEntries(entries)), { mode: 0o600 });
  }

  function sizeOf(entries: Map<string, JsonValue>): number {
    let total = 0;
    for (const [key, value] of entries) total += key.length + JSON.stringify(value).length;
    return total;
  }

  // Operations of one plugin run one after another so a read-modify-write is never interleaved.
  function serialize<T>(pluginId: string, work: () => Promise<T>): Promise<T> {
    const previous = chains.get(pluginId) ?? Promise.resolve();
    const next = previous.then(work, work);
    chains.set(
      pluginId,
      next.catch(() => undefined),
    );
    return next;
  }

  return {
    run<R extends PluginStorageRequest>(pluginId: string, request: R): Promise<PluginStorageResultMap[R['op']]> {
      return serialize(pluginId, async () => {
        const entries = await load(pluginId);
        switch (request.op) {
          case 'get': {
            const found = entries.has(request.key);
            return {
              key: request.key,
              found,
              value: found ? (entries.get(request.key) as JsonValue) : null,
            } as PluginStorageResultMap[R['op']];
          }
          case 'keys':
            return { keys: [...entries.keys()].sort() } as PluginStorageResultMap[R['op']];
          case 'delete': {
            const deleted = entries.delete(request.key);
            if (deleted) await save(pluginId, entries);
            return { key: request.key, deleted } as PluginStorageResultMap[R['op']];
          }
          case 'set': {
            const next = new Map(entries);
            next.set(request.key, request.value);
            const size = sizeOf(next);
            if (size > quota || next.size > maxKeys) {
              throw new ActionFailure('STORAGE_QUOTA_EXCEEDED', `Plugin storage is limited to ${quota} characters and ${maxKeys} keys.`, {
                quotaBytes: quota,
                maxKeys,
                wouldUse: size,
              });
            }
            await save(pluginId, next);
            cache.set(pluginId, next);
            return { key: request.key, size: JSON.stringify(request.value).length } as PluginStorageResultMap[R['op']];
          }
        }
      });
    },
    /** Deletes a plugin's whole namespace (uninstall, after the user confirmed). */
    remove(pluginId: string): Promise<void> {
      return serialize(pluginId, async () => {
        cache.delete(pluginId);
        await rm(fileOf(pluginId), { force: true });
      });
    },
    usage(pluginId: string): Promise<{ bytes: number; keys: number; quotaBytes: number }> {
      return serialize(pluginId, async () => {
        const entries = await load(pluginId);
        return { bytes: sizeOf(entries), keys: entries.size, quotaBytes: quota };
      });
    },
  };
}

export type PluginStorage = ReturnType<typeof createPluginStorage>;
