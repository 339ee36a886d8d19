import { createPrivilegedActionCorrelationId } from '../correlation-id.js';
import { createPrivilegedActionErrorResponse, type PrivilegedActionResponse } from '../envelope.js';
import { checkSendOptions, sendPortMessage, type SendOptions } from '../transport/send-port-message.js';
import { DEFAULT_STORAGE_TIMEOUT_MS } from '../transport/timeouts.js';
import { validatePluginStorageMessage } from '../validate.js';
import type { JsonValue, PluginStorageOp, PluginStorageRequest, PluginStorageResultMap } from './storage-schema.js';

/** Options of a storage call: transport and timeouts as for `requestPrivilegedAction`; default timeout 30000 ms. */
export type PluginStorageOptions = SendOptions;

async function send<Op extends PluginStorageOp>(
  storage: Extract<PluginStorageRequest, { op: Op }>,
  options: PluginStorageOptions = {},
): Promise<PrivilegedActionResponse<PluginStorageResultMap[Op]>> {
  let correlationId = 'unknown';
  try {
    correlationId = createPrivilegedActionCorrelationId('st');
    const badOptions = checkSendOptions(correlationId, options);
    if (badOptions) return badOptions;
    const checked = validatePluginStorageMessage({ correlationId, storage });
    if (!checked.ok)
      return createPrivilegedActionErrorResponse(correlationId, 'VALIDATION_FAILED', checked.error, { issues: checked.issues });
    return await sendPortMessage(checked.value, options, options.timeoutMs ?? DEFAULT_STORAGE_TIMEOUT_MS);
  } catch {
    return createPrivilegedActionErrorResponse(correlationId, 'TRANSPORT_FAILED', 'The storage request could not be sent.', {
      reason: 'send-failed',
    });
  }
}

/**
 * The plugin's own key-value store, kept by the host (one namespace per plugin, with a quota). Keys are
 * 1 to 128 characters of `[A-Za-z0-9._:-]`; values are JSON. Every call resolves with a response envelope
 * and never throws; an invalid key or value resolves with VALIDATION_FAILED without being sent.
 * @example
 * await storage.set('theme', { dark: true });
 * const saved = await storage.get('theme');
 * if (saved.ok && saved.result.found) applyTheme(saved.result.value);
 */
export const storage = {
  /**
   * Reads one key; `result.found` is false when it holds nothing.
   * @example const response = await storage.get('last-context');
   */
  get(key: string, options?: PluginStorageOptions): Promise<PrivilegedActionResponse<PluginStorageResultMap['get']>> {
    return send({ op: 'get', key }, options);
  },
  /**
   * Stores a JSON value under a key, replacing what was there.
   * @example await storage.set('recent', ['prod', 'staging']);
   */
  set(key: string, value: JsonValue, options?: PluginStorageOptions): Promise<PrivilegedActionResponse<PluginStorageResultMap['set']>> {
    return send({ op: 'set', key, value }, options);
  },
  /**
   * Removes a key; `result.deleted` is false when it held nothing.
   * @example await storage.delete('recent');
   */
  delete(key: string, options?: PluginStorageOptions): Promise<PrivilegedActionResponse<PluginStorageResultMap['delete']>> {
    return send({ op: 'delete', key }, options);
  },
  /**
   * Lists the keys of the plugin's namespace.
   * @example const { keys } = unwrapPrivilegedActionResponse(await storage.keys());
   */
  keys(options?: PluginStorageOptions): Promise<PrivilegedActionResponse<PluginStorageResultMap['keys']>> {
    return send({ op: 'keys' }, options);
  },
};
