import { createPrivilegedActionErrorResponse, privilegedActionResponseSchema, type PrivilegedActionResponse } from '../envelope.js';
import { getDefaultPrivilegedActionTransport } from './default-transport.js';
import type { PluginPortMessage } from './protocol.js';
import { isValidTimeoutMs, MAX_TIMEOUT_MS } from './timeouts.js';
import { createTransportFailure, type PrivilegedActionTransport, type TransportSendOptions } from './transport.js';

export interface SendOptions {
  /** Transport to use instead of the default one. */
  transport?: PrivilegedActionTransport;
  /** How long to wait for the answer in total, connection included. */
  timeoutMs?: number;
  /** How long to wait for the host's port, when not yet connected. */
  connectTimeoutMs?: number;
  /**
   * Stops waiting when aborted; the result is TRANSPORT_FAILED (`details.reason: 'aborted'`). A process or
   * workflow still running for the request is stopped on the host (cancelled by the plugin, in the audit).
   */
  signal?: AbortSignal;
  /** Receives each event of a streamed request (`stream: true` in its payload), in order. */
  onEvent?: TransportSendOptions['onEvent'];
}

/** Checks send options; returns an error envelope naming the bad option, or null. */
export function checkSendOptions(correlationId: string, options: SendOptions): PrivilegedActionResponse<never> | null {
  for (const key of ['timeoutMs', 'connectTimeoutMs'] as const) {
    if (options[key] !== undefined && !isValidTimeoutMs(options[key])) {
      const message = `must be an integer number of milliseconds between 1 and ${MAX_TIMEOUT_MS}`;
      return createPrivilegedActionErrorResponse(correlationId, 'VALIDATION_FAILED', `Invalid options: options.${key}: ${message}`, {
        issues: [{ path: `options.${key}`, message }],
      });
    }
  }
  return null;
}

/** Sends one checked port message and waits at most `timeoutMs` for its answer; never rejects. */
export async function sendPortMessage<T>(
  message: PluginPortMessage,
  options: SendOptions,
  timeoutMs: number,
): Promise<PrivilegedActionResponse<T>> {
  const { correlationId } = message;
  const transport = options.transport ?? getDefaultPrivilegedActionTransport();
  if (!transport) {
    return createTransportFailure(
      correlationId,
      'no-transport',
      'No transport: this page is not inside a Gatehouse plugin frame and none was set.',
    );
  }
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onCallerAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (options.signal?.aborted) controller.abort();
  try {
    const stopped = new Promise<PrivilegedActionResponse<T>>((resolve) => {
      const stop = (reason: 'timeout' | 'aborted') => {
        resolve(
          reason === 'timeout'
            ? createTransportFailure(correlationId, 'timeout', `The host did not answer within ${timeoutMs} ms.`)
            : createTransportFailure(correlationId, 'aborted', 'The request was abandoned.'),
        );
        // Tell the transport to forget the request, after the outcome above is fixed.
        controller.abort();
      };
      timer = setTimeout(() => stop('timeout'), timeoutMs);
      if (controller.signal.aborted) stop('aborted');
      else controller.signal.addEventListener('abort', () => stop('aborted'), { once: true });
    });
    const answered = Promise.resolve()
      .then(() =>
        transport.send(message, {
          signal: controller.signal,
          ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
          ...(options.onEvent ? { onEvent: options.onEvent } : {}),
        }),
      )
      .then(
        (response) => checkResponse<T>(correlationId, response),
        () => createTransportFailure(correlationId, 'send-failed', 'The transport failed to deliver the request.'),
      );
    return await Promise.race([answered, stopped]);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
    controller.abort();
  }
}

// A replaceable transport is not trusted to keep the contract: check what it hands back.
function checkResponse<T>(correlationId: string, response: unknown): PrivilegedActionResponse<T> {
  const parsed = privilegedActionResponseSchema.safeParse(response);
  if (!parsed.success || parsed.data.correlationId !== correlationId) {
    return createTransportFailure(
      correlationId,
      'bad-response',
      'The transport answered with something that is not the response to this request.',
    );
  }
  return parsed.data as PrivilegedActionResponse<T>;
}
