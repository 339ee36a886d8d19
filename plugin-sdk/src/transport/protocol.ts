import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import type { PrivilegedActionMessage } from '../request.js';
import type { PluginStorageMessage } from '../storage/storage-schema.js';

/** `type` of the message the host renderer posts to a plugin frame to hand over its MessagePort. */
export const HOST_INIT_MESSAGE_TYPE = 'gatehouse:init';
/** Version of the frame protocol; the host and the SDK must agree on it. */
export const HOST_PROTOCOL_VERSION = 1;

/**
 * The host's init message, posted with `frame.contentWindow.postMessage(message, '*', [port])`.
 * The frame accepts it once, only from its parent window, and only with exactly one transferred port.
 */
export const hostInitMessageSchema = z.strictObject({
  type: z.literal(HOST_INIT_MESSAGE_TYPE),
  protocol: z.literal(HOST_PROTOCOL_VERSION),
  pluginId: z.string().check(
    z.minLength(1),
    z.maxLength(LIMITS.pluginIdLength),
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    z.regex(/^[^\u0000-\u001f\u007f]+$/, 'must be one line without control characters'),
  ),
});
export type HostInitMessage = z.infer<typeof hostInitMessageSchema>;

/**
 * Builds the init message the host posts to a plugin frame.
 * @example
 * const { port1, port2 } = new MessageChannel();
 * frame.contentWindow.postMessage(createHostInitMessage('dev.example.dns'), '*', [port2]);
 */
export function createHostInitMessage(pluginId: string): HostInitMessage {
  return hostInitMessageSchema.parse({ type: HOST_INIT_MESSAGE_TYPE, protocol: HOST_PROTOCOL_VERSION, pluginId });
}

/**
 * Everything a plugin sends on its port: a privileged action `{ correlationId, request }` or a storage
 * operation `{ correlationId, storage }`. Each is answered with one response envelope of the same correlationId.
 */
export type PluginPortMessage = PrivilegedActionMessage | PluginStorageMessage;

/**
 * Which kind of port message `data` claims to be, before it is validated: `'action'`, `'storage'`, `'cancel'` or
 * `'ack'` (the two stream controls), or null.
 * @example if (getPluginPortMessageKind(event.data) === 'storage') handleStorage(validatePluginStorageMessage(event.data));
 */
export function getPluginPortMessageKind(data: unknown): 'action' | 'storage' | 'cancel' | 'ack' | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const kinds = (['request', 'storage', 'cancel', 'ack'] as const).filter((key) => Object.prototype.hasOwnProperty.call(data, key));
  if (kinds.length !== 1) return null;
  return kinds[0] === 'request' ? 'action' : (kinds[0] as 'storage' | 'cancel' | 'ack');
}
