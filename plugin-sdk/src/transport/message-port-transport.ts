import { actionEventMessageSchema } from '../actions/action-events.js';
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
 * Events of a waiting streamed request go to its `onEvent` and are acknowledged (`{ correlationId, ack }`);
 * a request abandoned while waiting is cancelled on the host (`{ correlationId, cancel: true }`).
 * @example
 * const { port1, port2 } = new MessageChannel();
 * const transport = createMessagePortTransport(port1);
 * setDefaultPrivilegedActionTransport(transport);
 */
export function createMessagePortTransport(port: MessagePortLike): MessagePortTransport {
  const pending = new Map<string, (response: PrivilegedActionResponse<unknown>) => void>();
  const listeners = new Map<string, TransportSendOptions['onEvent']>();
  let closed = false;

  const post = (message: unknown) => {
    try {
      port.postMessage(message);
    } catch {
      // The port is going away; its close settles what waits.
    }
  };
  const onMessage: MessageListener = (event) => {
    const data = (event as { data?: unknown } | null)?.data;
    const streamed = actionEventMessageSchema.safeParse(data);
    if (streamed.success) {
      const { correlationId, event: actionEvent } = streamed.data;
      if (!pending.has(correlationId)) return;
      try {
        listeners.get(correlationId)?.(actionEvent);
      } catch {
        // A throwing listener still took the event.
      }
      return post({ correlationId, ack: actionEvent.seq });
    }
    const parsed = privilegedActionResponseSchema.safeParse(data);
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
        const onAbort = () => {
          // Nobody waits any more: the host stops what still runs for it (a process, a workflow).
          if ('request' in message) post({ correlationId, cancel: true });
          settle(createTransportFailure(correlationId, 'aborted', 'The request was abandoned.'));
        };
        const settle = (response: PrivilegedActionResponse<unknown>) => {
          if (pending.get(correlationId) !== settle) return;
          pending.delete(correlationId);
          listeners.delete(correlationId);
          signal?.removeEventListener('abort', onAbort);
          resolve(response);
        };
        pending.set(correlationId, settle);
        if (options.onEvent) listeners.set(correlationId, options.onEvent);
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
