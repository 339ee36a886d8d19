import {
  CancellationTokenSource,
  createMessageConnection,
  ResponseError,
  type MessageConnection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-jsonrpc/node.js';
import { createTransportFailure, type PrivilegedActionTransport } from '../transport/transport.js';
import { setDefaultPrivilegedActionTransport } from '../transport/default-transport.js';
import type { PrivilegedActionResponse } from '../envelope.js';
import { actionEventMessageSchema } from '../actions/action-events.js';
import { hostChannel } from './channel.js';
import {
  BACKEND_METHODS,
  BACKEND_PROTOCOL_MISMATCH,
  BACKEND_PROTOCOL_VERSION,
  backendFrameMessageSchema,
  backendHelloResultSchema,
} from './protocol.js';

/** The SDK version a backend reports in its handshake (for the host's log, never for a decision). */
const SDK_VERSION = '0.1.0';

/** A refused handshake: the host speaks another protocol version. `code` is stable, `message` says what to do. */
export class BackendProtocolMismatchError extends Error {
  readonly code = BACKEND_PROTOCOL_MISMATCH;
}

export interface BackendHost {
  /** The plugin id the host knows this process by (it decides it; the backend cannot choose it). */
  readonly pluginId: string;
  /** Sends plain data to the plugin's own frame, when it is open; dropped when it is not, or after `close()`. */
  postToFrame(data: unknown): void;
  /** Calls `listener` with each message the plugin's frame sends; returns the unsubscribe. */
  onFrameMessage(listener: (data: unknown) => void): () => void;
  /** Closes the channel; the host then stops the process. */
  close(): void;
}

export interface ConnectBackendOptions {
  /** The channel to use instead of this process's own (for tests). */
  channel?: { reader: MessageReader; writer: MessageWriter };
  /** Protocol version to announce; only tests change it. */
  protocol?: number;
}

/**
 * Each request is one JSON-RPC request; aborting its signal cancels it (`$/cancelRequest`), and the host stops
 * what runs for it. Events of a streamed request arrive as notifications before its response, go to its
 * `onEvent` and are acknowledged, as the frame's transport does on its port.
 */
function transportOver(connection: MessageConnection): PrivilegedActionTransport {
  const listeners = new Map<string, (event: unknown) => void>();
  connection.onNotification(BACKEND_METHODS.event, (params: unknown) => {
    const parsed = actionEventMessageSchema.safeParse(params);
    if (!parsed.success) return;
    const { correlationId, event } = parsed.data;
    const listener = listeners.get(correlationId);
    if (!listener) return;
    try {
      listener(event);
    } catch {
      // A throwing listener still took the event.
    }
    void connection.sendNotification(BACKEND_METHODS.ack, { correlationId, ack: event.seq }).catch(() => undefined);
  });
  return {
    async send(message, options = {}) {
      if (options.signal?.aborted)
        return createTransportFailure(message.correlationId, 'aborted', 'The request was abandoned before it was sent.');
      if (listeners.has(message.correlationId))
        return createTransportFailure(message.correlationId, 'duplicate-id', 'A request with this correlation id is already waiting.');
      const source = new CancellationTokenSource();
      const abort = () => source.cancel();
      options.signal?.addEventListener('abort', abort, { once: true });
      const { onEvent } = options;
      listeners.set(message.correlationId, (event) => onEvent?.(event as Parameters<NonNullable<typeof onEvent>>[0]));
      try {
        return await connection.sendRequest<PrivilegedActionResponse<unknown>>(BACKEND_METHODS.request, message, source.token);
      } catch (error) {
        if (options.signal?.aborted) return createTransportFailure(message.correlationId, 'aborted', 'The request was stopped.');
        return createTransportFailure(message.correlationId, 'send-failed', error instanceof Error ? error.message : String(error));
      } finally {
        listeners.delete(message.correlationId);
        options.signal?.removeEventListener('abort', abort);
        source.dispose();
      }
    },
  };
}

/**
 * Connects a plugin backend to its host: the handshake, then every `request*` helper and `storage` go over
 * this channel (it becomes the default transport), and the frame's messages arrive here.
 * Rejects with BackendProtocolMismatchError when the host speaks another protocol version.
 * @example
 * import { connectBackend } from '@gatehouse/plugin-sdk/backend';
 * import { requestProcessExec } from '@gatehouse/plugin-sdk';
 * const host = await connectBackend();
 * host.onFrameMessage((data) => console.log('frame said', data));
 * setInterval(async () => host.postToFrame(await requestProcessExec({ ... })), 10_000);
 */
export async function connectBackend(options: ConnectBackendOptions = {}): Promise<BackendHost> {
  const { reader, writer } = options.channel ?? hostChannel();
  const connection = createMessageConnection(reader, writer);
  const listeners = new Set<(data: unknown) => void>();
  connection.onNotification(BACKEND_METHODS.fromFrame, (params: unknown) => {
    const parsed = backendFrameMessageSchema.safeParse(params);
    if (parsed.success) for (const listener of listeners) listener(parsed.data.data);
  });
  connection.listen();
  let hello;
  try {
    hello = backendHelloResultSchema.parse(
      await connection.sendRequest(BACKEND_METHODS.hello, {
        protocol: options.protocol ?? BACKEND_PROTOCOL_VERSION,
        sdkVersion: SDK_VERSION,
      }),
    );
  } catch (error) {
    connection.dispose();
    if (error instanceof ResponseError && (error.data as { code?: unknown } | undefined)?.code === BACKEND_PROTOCOL_MISMATCH) {
      throw new BackendProtocolMismatchError(error.message);
    }
    throw error;
  }
  setDefaultPrivilegedActionTransport(transportOver(connection));
  return {
    pluginId: hello.pluginId,
    postToFrame(data) {
      // After close(), or once the host has gone, there is no page to tell: the message is dropped, as for a
      // closed page, rather than thrown from a timer or left as a rejection that would end the process.
      try {
        void connection.sendNotification(BACKEND_METHODS.toFrame, { data }).catch(() => undefined);
      } catch {
        // The channel is closed or disposed.
      }
    },
    onFrameMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      setDefaultPrivilegedActionTransport(null);
      connection.dispose();
    },
  };
}
