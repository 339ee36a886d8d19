import { createPrivilegedActionErrorResponse, type PrivilegedActionErrorResponse, type PrivilegedActionResponse } from '../envelope.js';
import type { ActionEvent } from '../actions/action-events.js';
import type { PluginPortMessage } from './protocol.js';

export interface TransportSendOptions {
  /** Aborted when the caller stops waiting (its timeout ran out); the transport should forget the request. */
  signal?: AbortSignal;
  /** How long a transport that is still waiting for its connection may wait for it. */
  connectTimeoutMs?: number;
  /**
   * Called with each event of a streamed request (`stream: true`), in order, before the response; the
   * transport acknowledges each one to the host after this returns.
   */
  onEvent?: (event: ActionEvent) => void;
}

/**
 * Carries one port message to the host and resolves with the response of the same correlation id.
 * The frame transport is one implementation; a plugin backend process can plug in its own
 * with `setDefaultPrivilegedActionTransport`.
 */
export interface PrivilegedActionTransport {
  send(message: PluginPortMessage, options?: TransportSendOptions): Promise<PrivilegedActionResponse<unknown>>;
}

/** Why a request ended in TRANSPORT_FAILED, in `details.reason`. */
export type TransportFailureReason =
  'no-transport' | 'not-connected' | 'timeout' | 'closed' | 'send-failed' | 'aborted' | 'bad-response' | 'duplicate-id';

/**
 * A TRANSPORT_FAILED envelope.
 * @example createTransportFailure('pa-1234abcd', 'timeout', 'The host did not answer within 120000 ms.')
 */
export function createTransportFailure(
  correlationId: string,
  reason: TransportFailureReason,
  error: string,
): PrivilegedActionErrorResponse<never> {
  return createPrivilegedActionErrorResponse(correlationId, 'TRANSPORT_FAILED', error, { reason });
}
