// A host for a backend's own unit tests: an in-memory channel the backend connects over, answering its
// requests with a function the test gives, and recording what it sends to the page. No process, no sandbox:
// what it proves is the backend's logic; the host's isolation is the host's to test.
import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  type CancellationToken,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageReader,
  type MessageWriter,
} from 'vscode-jsonrpc/node.js';
import { createPrivilegedActionErrorResponse, type PrivilegedActionResponse } from '../envelope.js';
import type { PluginPortMessage } from '../transport/protocol.js';
import type { ActionEvent } from '../actions/action-events.js';
import { BACKEND_METHODS, BACKEND_PROTOCOL_VERSION, backendFrameMessageSchema } from './protocol.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What `respond` gets besides the message: the request's stream and whether the backend stopped waiting. */
export interface BackendTestRequest {
  /** Sends one event of this request's stream to the backend (`seq` is counted for you), before the answer. */
  emit(event: DistributiveOmit<ActionEvent, 'seq'>): void;
  /** Aborted when the backend cancels the request (its own signal aborted). */
  signal: AbortSignal;
}

export interface BackendTestHost {
  /** Pass to `connectBackend({ channel })`. */
  channel: { reader: MessageReader; writer: MessageWriter };
  /** Every request the backend sent, in order. */
  requests: PluginPortMessage[];
  /** Everything the backend sent to its page, in order. */
  sentToFrame: unknown[];
  /** Delivers a message to the backend as its page would. */
  sendFromFrame(data: unknown): void;
  /** Resolves with the backend's next message to its page. */
  nextFrameMessage(): Promise<unknown>;
  /** The acknowledgements the backend sent for streamed events, `{ correlationId, ack }`, in order. */
  acks: Array<{ correlationId: string; ack: number }>;
  close(): void;
}

/**
 * A test host for a plugin backend.
 * @example
 * const host = createBackendTestHost({ respond: (m) => ({ ok: true, correlationId: m.correlationId, result: { stdout: '' } }) });
 * const backend = await connectBackend({ channel: host.channel });
 */
export function createBackendTestHost(
  options: {
    pluginId?: string;
    respond?: (
      message: PluginPortMessage,
      request: BackendTestRequest,
    ) => PrivilegedActionResponse<unknown> | Promise<PrivilegedActionResponse<unknown>>;
  } = {},
): BackendTestHost {
  const toHost = new PassThrough();
  const toBackend = new PassThrough();
  const host = createMessageConnection(new StreamMessageReader(toHost), new StreamMessageWriter(toBackend));
  const requests: PluginPortMessage[] = [];
  const sentToFrame: unknown[] = [];
  const waiting: Array<(data: unknown) => void> = [];
  host.onRequest(BACKEND_METHODS.hello, () => ({ protocol: BACKEND_PROTOCOL_VERSION, pluginId: options.pluginId ?? 'test-plugin' }));
  const acks: BackendTestHost['acks'] = [];
  host.onNotification(BACKEND_METHODS.ack, (params: { correlationId: string; ack: number }) => void acks.push(params));
  host.onRequest(BACKEND_METHODS.request, async (message: PluginPortMessage, token: CancellationToken) => {
    requests.push(message);
    if (options.respond) {
      let seq = 0;
      const controller = new AbortController();
      const cancelled = token.onCancellationRequested(() => controller.abort());
      const emit: BackendTestRequest['emit'] = (event) =>
        void host.sendNotification(BACKEND_METHODS.event, { correlationId: message.correlationId, event: { ...event, seq: seq++ } });
      try {
        return await options.respond(message, { emit, signal: controller.signal });
      } finally {
        cancelled.dispose();
      }
    }
    return createPrivilegedActionErrorResponse(message.correlationId, 'CAPABILITY_DENIED', 'The test host grants nothing.');
  });
  host.onNotification(BACKEND_METHODS.toFrame, (params: unknown) => {
    const parsed = backendFrameMessageSchema.safeParse(params);
    if (!parsed.success) return;
    sentToFrame.push(parsed.data.data);
    waiting.shift()?.(parsed.data.data);
  });
  host.listen();
  return {
    channel: { reader: new StreamMessageReader(toBackend), writer: new StreamMessageWriter(toHost) },
    requests,
    sentToFrame,
    sendFromFrame: (data) => void host.sendNotification(BACKEND_METHODS.fromFrame, { data }),
    nextFrameMessage: () => new Promise((resolve) => waiting.push(resolve)),
    acks,
    close() {
      host.dispose();
      toHost.end();
      toBackend.end();
    },
  };
}
