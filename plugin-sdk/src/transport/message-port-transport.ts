import { privilegedActionResponseSchema, type PrivilegedActionResponse } from '../envelope.js';
import type { PluginPortMessage } from './protocol.js';
import { createTransportFailure, type PrivilegedActionTransport, type TransportSendOptions } from './transport.js';

type MessageListener = (event: unknown) => void;

/** The part of a `MessagePort` (DOM or Node) the transport uses. */
export interface MessagePortLike {
  postMessage(message: unknown): void;
  addEventListener(type: string, listener: MessageListener): void;
  removeEventListener(type: string, listener: MessageListener): void;
  start?(): void;
  close?(): void;
}

export interface MessagePortTransport extends PrivilegedActionTransport {
  /** True once the port closed or `close()` was called; every later send fails with TRANSPORT_FAILED. */
  readonly closed: boolean;
  /** Closes the port; requests still waiting resolve with TRANSPORT_FAILED. */
  close(): void;
}

/**
 * A transport over one MessagePort: posts each message and resolves it with the response whose
 * correlationId matches (never by order). Responses that are malformed or name no waiting request are ignored.
 * @example
 * const { port1, port2 } = new MessageChannel();
 * const transport = createMessagePortTransport(port1);
 * setDefaultPrivilegedActionTransport(transport);
 */
export function createMessagePortTransport(port: MessagePortLike): MessagePortTransport {
  const pending = new Map<string, (response: PrivilegedActionResponse<unknown>) => void>();
  let closed = false;

  const onMessage: MessageListener = (event) => {
    const parsed = privilegedActionResponseSchema.safeParse((event as { data?: unknown } | null)?.data);
    if (!parsed.success) return;
    const settle = pending.get(parsed.data.correlationId);
    if (settle) settle(parsed.data);
  };
  const onClose: MessageListener = () => shutdown('The host closed the message port.');

  function shutdown(error: string): void {
    if (closed) return;
    closed = true;
    port.removeEventListener('message', onMessage);
    port.removeEventListener('close', onClose);
    for (const [correlationId, settle] of [...pending]) settle(createTransportFailure(correlationId, 'closed', error));
  }

  port.addEventListener('message', onMessage);
  port.addEventListener('close', onClose);
  port.start?.();

  return {
    get closed() {
      return closed;
    },
    send(message: PluginPortMessage, options: TransportSendOptions = {}): Promise<PrivilegedActionResponse<unknown>> {
      const { correlationId } = message;
      return new Promise((resolve) => {
        if (closed) return resolve(createTransportFailure(correlationId, 'closed', 'The message port is closed.'));
        if (pending.has(correlationId)) {
          return resolve(createTransportFailure(correlationId, 'duplicate-id', 'A request with this correlation id is already waiting.'));
        }
        const { signal } = options;
        if (signal?.aborted)
          return resolve(createTransportFailure(correlationId, 'aborted', 'The request was abandoned before it was sent.'));
        const onAbort = () => settle(createTransportFailure(correlationId, 'aborted', 'The request was abandoned.'));
        const settle = (response: PrivilegedActionResponse<unknown>) => {
          if (pending.get(correlationId) !== settle) return;
          pending.delete(correlationId);
          signal?.removeEventListener('abort', onAbort);
          resolve(response);
        };
        pending.set(correlationId, settle);
        signal?.addEventListener('abort', onAbort, { once: true });
        try {
          port.postMessage(message);
        } catch {
          settle(createTransportFailure(correlationId, 'send-failed', 'The message could not be posted to the host.'));
        }
      });
    },
    close() {
      shutdown('The message port was closed.');
      port.close?.();
    },
  };
}
