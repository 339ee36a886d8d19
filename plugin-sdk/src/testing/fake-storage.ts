import { createPrivilegedActionErrorResponse, type PrivilegedActionResponse } from '../envelope.js';
import type { JsonValue, PluginStorageMessage } from '../storage/storage-schema.js';

export interface FakeStorageOptions {
  /** Largest namespace, in characters of JSON (keys included), as the host counts it. Default 1048576. */
  quotaChars?: number;
  /** Most keys in the namespace. Default 1000. */
  maxKeys?: number;
}

/** A plugin's storage namespace kept in memory, with the host's answers and quota. */
export interface FakeStorage {
  /** Answers one validated storage message as the host does. */
  handle(message: PluginStorageMessage): PrivilegedActionResponse<unknown>;
  /** A copy of what is stored now, for assertions. */
  snapshot(): Record<string, JsonValue>;
  /** Stores values directly, as if an earlier session had saved them. */
  seed(values: Record<string, JsonValue>): void;
  clear(): void;
}

export function createFakeStorage(options: FakeStorageOptions = {}): FakeStorage {
  const quota = options.quotaChars ?? 1024 * 1024;
  const maxKeys = options.maxKeys ?? 1000;
  let entries = new Map<string, JsonValue>();
  const sizeOf = (map: Map<string, JsonValue>) =>
    [...map].reduce((total, [key, value]) => total + key.length + JSON.stringify(value).length, 0);
  // Values are copied in and out, as JSON crossing the port would be.
  const copy = (value: JsonValue): JsonValue => JSON.parse(JSON.stringify(value)) as JsonValue;

  return {
    handle({ correlationId, storage }) {
      switch (storage.op) {
        case 'get': {
          const found = entries.has(storage.key);
          return { ok: true, correlationId, result: { key: storage.key, found, value: found ? copy(entries.get(storage.key)!) : null } };
        }
        case 'keys':
          return { ok: true, correlationId, result: { keys: [...entries.keys()].sort() } };
        case 'delete':
          return { ok: true, correlationId, result: { key: storage.key, deleted: entries.delete(storage.key) } };
        case 'set': {
          const next = new Map(entries).set(storage.key, copy(storage.value));
          const size = sizeOf(next);
          if (size > quota || next.size > maxKeys) {
            return createPrivilegedActionErrorResponse(
              correlationId,
              'STORAGE_QUOTA_EXCEEDED',
              `Plugin storage is limited to ${quota} characters and ${maxKeys} keys.`,
              {
                quotaBytes: quota,
                maxKeys,
                wouldUse: size,
              },
            );
          }
          entries = next;
          return { ok: true, correlationId, result: { key: storage.key, size: JSON.stringify(storage.value).length } };
        }
      }
    },
    snapshot: () => Object.fromEntries([...entries].map(([key, value]) => [key, copy(value)])),
    seed(values) {
      for (const [key, value] of Object.entries(values)) entries.set(key, copy(value));
    },
    clear: () => entries.clear(),
  };
}
