// The backend channel's contract: JSON-RPC 2.0 method names, the handshake and its version. The host and
// the SDK's backend side both read it from here, so a rename or a version change cannot reach only one.
import * as z from 'zod/mini';

/**
 * Version of the backend channel; the host refuses a backend that speaks another one, with a message.
 * 2: the Node host's channel is a Content-Length framed pipe on fd 3 with bounded messages (1 was Node's IPC fd).
 */
export const BACKEND_PROTOCOL_VERSION = 2;

/** JSON-RPC method names of the backend channel. */
export const BACKEND_METHODS = {
  /** backend → host request, first and once: `{ protocol, sdkVersion }`, answered with `{ protocol, pluginId }`. */
  hello: 'gatehouse/hello',
  /** backend → host request: one port message (a privileged action or a storage operation), answered with its envelope. */
  request: 'gatehouse/request',
  /** backend → host notification: `{ data }` for the plugin's own open frame. */
  toFrame: 'gatehouse/toFrame',
  /** host → backend notification: `{ data }` the plugin's own frame sent. */
  fromFrame: 'gatehouse/fromFrame',
  /** host → backend notification: one event of the backend's own streamed request, `{ correlationId, event }`. */
  event: 'gatehouse/event',
  /** backend → host notification: every event up to `ack` of that request was taken, `{ correlationId, ack }`. */
  ack: 'gatehouse/ack',
} as const;

/** The stable code of a refused handshake, in the JSON-RPC error's `data.code` and on the plugin's page. */
export const BACKEND_PROTOCOL_MISMATCH = 'BACKEND_PROTOCOL_MISMATCH';
/** The JSON-RPC error code the host answers a refused handshake with (in the server-defined range). */
export const BACKEND_PROTOCOL_MISMATCH_RPC_CODE = -32010;

export const backendHelloParamsSchema = z.strictObject({
  protocol: z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000)),
  sdkVersion: z.string().check(z.maxLength(64)),
});
export type BackendHelloParams = z.infer<typeof backendHelloParamsSchema>;

export const backendHelloResultSchema = z.strictObject({ protocol: z.number(), pluginId: z.string() });
export type BackendHelloResult = z.infer<typeof backendHelloResultSchema>;

/** A message between a backend and its plugin's frame: plain data the host copies within its bounds. */
export const backendFrameMessageSchema = z.strictObject({ data: z.unknown() });
export type BackendFrameMessage = z.infer<typeof backendFrameMessageSchema>;

/**
 * The message a refused handshake carries: both versions and what to do.
 * @example backendProtocolMismatchMessage(2, 1) // 'The plugin's backend speaks protocol 2; ...'
 */
export function backendProtocolMismatchMessage(backend: number, host: number): string {
  const newer = backend > host ? 'Update Gatehouse' : 'Update the plugin (it was built with an older SDK)';
  return `The plugin's backend speaks protocol ${backend}; this Gatehouse speaks protocol ${host}. ${newer}.`;
}
