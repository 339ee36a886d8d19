// One running backend's JSON-RPC channel: the versioned handshake, then exactly the surface a plugin has
// (privileged actions and storage through the host's handlers, messages to its own frame). Every inbound
// call is parsed with zod before anything reads it; the plugin id is the supervisor's, never the message's.
import {
  BACKEND_METHODS,
  BACKEND_PROTOCOL_MISMATCH,
  BACKEND_PROTOCOL_MISMATCH_RPC_CODE,
  BACKEND_PROTOCOL_VERSION,
  backendFrameMessageSchema,
  backendHelloParamsSchema,
  backendProtocolMismatchMessage,
} from '@gatehouse/plugin-sdk/backend';
import {
  actionAckMessageSchema,
  createPrivilegedActionErrorResponse,
  type ActionEvent,
  type PrivilegedActionResponse,
} from '@gatehouse/plugin-sdk';
import * as z from 'zod';
import { createMessageConnection, ResponseError, ErrorCodes, type CancellationToken, type MessageConnection } from 'vscode-jsonrpc/node.js';
import { correlationIdOf } from '../correlation-of';
import { snapshotMessage } from '../snapshot-message';
import type { BackendChannelBounds } from './backend-channel-bounds';
import type { LaunchedBackend } from './backend-launcher';

/** Requests one backend may have open at once, as a frame's port allows. */
export const BACKEND_MAX_OPEN_REQUESTS = 32;

/** Why a backend could not become ready; `code` is stable and shown with the message. */
export class BackendStartError extends Error {
  constructor(
    readonly code: 'BACKEND_PROTOCOL_MISMATCH' | 'BACKEND_HANDSHAKE_INVALID' | 'BACKEND_HANDSHAKE_TIMEOUT' | 'BACKEND_EXITED',
    message: string,
  ) {
    super(message);
    this.name = 'BackendStartError';
  }
}

// A port message is an object; the broker and the storage handler validate the rest, as for a frame.
const requestParamsSchema = z.record(z.string(), z.unknown());

export interface BackendSessionDeps {
  pluginId: string;
  /** Answers one port message (action or storage) for this plugin; never rejects. */
  handle(message: unknown): Promise<PrivilegedActionResponse>;
  /** Delivers plain data to the plugin's own frame (the supervisor counts it against the plugin's rate). */
  toFrame(data: unknown): void;
  /** Stops this plugin's running request (the backend gave up waiting for it), as a frame's cancel does. */
  cancel(correlationId: string): void;
  /** The backend took every event of its streamed request up to `seq`. */
  ack(correlationId: string, seq: number): void;
  /** How much may wait on the way to the backend before its frame's messages are refused. */
  bounds: Pick<BackendChannelBounds, 'maxPendingWrites' | 'maxPendingWriteBytes' | 'maxPendingFrameChars'>;
  helloTimeoutMs: number;
}

export interface BackendSession {
  /** Resolves when the handshake succeeded; rejects with BackendStartError. */
  ready: Promise<void>;
  /** One event of a streamed request; passed on only while the backend itself waits for that request. */
  event(correlationId: string, event: ActionEvent): void;
  /** Sends a frame's message of `chars` characters; false when the backend has not greeted or is not reading what it was sent. */
  fromFrame(data: unknown, chars: number): boolean;
  dispose(): void;
}

export function startBackendSession(launched: LaunchedBackend, deps: BackendSessionDeps): BackendSession {
  // Each message the connection takes off its queue lets the launcher read one more from the process.
  const connection: MessageConnection = createMessageConnection(launched.channel.reader, launched.channel.writer, undefined, {
    messageStrategy: {
      handleMessage(message, next) {
        launched.channel.taken();
        next(message);
      },
    },
  });
  let greeted = false;
  let open = 0;
  // The correlation ids of the backend's own requests still waiting: only their events reach it (a frame of the
  // same plugin has its own), and a repeated id is not run twice at once.
  const waiting = new Set<string>();
  /** Characters of frame messages handed to the writer and not yet written. */
  let frameChars = 0;
  let settle!: { resolve: () => void; reject: (error: BackendStartError) => void };
  const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const timer = setTimeout(
    () =>
      settle.reject(
        new BackendStartError('BACKEND_HANDSHAKE_TIMEOUT', `The backend did not greet the host within ${deps.helloTimeoutMs} ms.`),
      ),
    deps.helloTimeoutMs,
  );
  void ready.catch(() => undefined).finally(() => clearTimeout(timer));
  void launched.exited.then(({ code, signal }) =>
    settle.reject(new BackendStartError('BACKEND_EXITED', `The backend exited before its handshake (${signal ?? `exit ${code}`}).`)),
  );

  connection.onRequest(BACKEND_METHODS.hello, (params: unknown) => {
    const parsed = backendHelloParamsSchema.safeParse(params);
    if (greeted || !parsed.success) {
      const error = new BackendStartError('BACKEND_HANDSHAKE_INVALID', 'The backend sent an invalid or repeated handshake.');
      settle.reject(error);
      return new ResponseError<unknown>(ErrorCodes.InvalidParams, error.message);
    }
    if (parsed.data.protocol !== BACKEND_PROTOCOL_VERSION) {
      const message = backendProtocolMismatchMessage(parsed.data.protocol, BACKEND_PROTOCOL_VERSION);
      settle.reject(new BackendStartError(BACKEND_PROTOCOL_MISMATCH, message));
      return new ResponseError<unknown>(BACKEND_PROTOCOL_MISMATCH_RPC_CODE, message, {
        code: BACKEND_PROTOCOL_MISMATCH,
        host: BACKEND_PROTOCOL_VERSION,
        backend: parsed.data.protocol,
      });
    }
    greeted = true;
    settle.resolve();
    return { protocol: BACKEND_PROTOCOL_VERSION, pluginId: deps.pluginId };
  });

  connection.onRequest(BACKEND_METHODS.request, async (params: unknown, token: CancellationToken) => {
    const parsed = requestParamsSchema.safeParse(params);
    const correlationId = correlationIdOf(parsed.success ? params : null);
    if (!greeted)
      return createPrivilegedActionErrorResponse(correlationId, 'PLUGIN_NOT_ACTIVE', 'The backend has not completed its handshake.');
    if (!parsed.success) return createPrivilegedActionErrorResponse(correlationId, 'VALIDATION_FAILED', 'A request must be an object.');
    if (open >= BACKEND_MAX_OPEN_REQUESTS)
      return createPrivilegedActionErrorResponse(correlationId, 'RATE_LIMITED', 'Too many open requests.');
    if (waiting.has(correlationId))
      return createPrivilegedActionErrorResponse(
        correlationId,
        'VALIDATION_FAILED',
        'A request with this correlation id is still waiting; use a new id.',
        {
          reason: 'correlation-id-in-use',
        },
      );
    open += 1;
    waiting.add(correlationId);
    // JSON-RPC's $/cancelRequest: the backend stopped waiting (an aborted signal), so what runs for it stops.
    const cancelled = token.onCancellationRequested(() => deps.cancel(correlationId));
    try {
      return await deps.handle(params);
    } finally {
      cancelled.dispose();
      waiting.delete(correlationId);
      open -= 1;
    }
  });

  connection.onNotification(BACKEND_METHODS.ack, (params: unknown) => {
    const parsed = actionAckMessageSchema.safeParse(params);
    if (greeted && parsed.success && waiting.has(parsed.data.correlationId)) deps.ack(parsed.data.correlationId, parsed.data.ack);
  });

  connection.onNotification(BACKEND_METHODS.toFrame, (params: unknown) => {
    if (!greeted) return;
    // One bounded copy first: a huge or hostile value is refused before the schema or the frame sees it.
    const door = snapshotMessage(params);
    if (!door.ok) return;
    const parsed = backendFrameMessageSchema.safeParse(door.value);
    if (parsed.success) deps.toFrame(parsed.data.data);
  });

  connection.listen();
  return {
    ready,
    fromFrame(data, chars) {
      // A backend that does not read its pipe would otherwise make the host keep every message for it.
      const backlog = launched.channel.writeBacklog();
      const { maxPendingWrites, maxPendingWriteBytes, maxPendingFrameChars } = deps.bounds;
      if (!greeted || backlog.messages >= maxPendingWrites || backlog.bytes > maxPendingWriteBytes) return false;
      if (frameChars + chars > maxPendingFrameChars) return false;
      frameChars += chars;
      void connection
        .sendNotification(BACKEND_METHODS.fromFrame, { data })
        .catch(() => undefined)
        .finally(() => (frameChars -= chars));
      return true;
    },
    event(correlationId, event) {
      if (waiting.has(correlationId))
        void connection.sendNotification(BACKEND_METHODS.event, { correlationId, event }).catch(() => undefined);
    },
    dispose() {
      clearTimeout(timer);
      // A backend that is gone waits for nothing: what still runs for it stops.
      for (const correlationId of waiting) deps.cancel(correlationId);
      connection.dispose();
    },
  };
}
