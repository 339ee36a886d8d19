import { createPrivilegedActionCorrelationId } from './correlation-id.js';
import { createPrivilegedActionErrorResponse, type PrivilegedActionResponse } from './envelope.js';
import type { PrivilegedActionRequest, PrivilegedActionResultOf } from './request.js';
import { checkSendOptions, sendPortMessage, type SendOptions } from './transport/send-port-message.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, MAX_TIMEOUT_MS } from './transport/timeouts.js';
import { createTransportFailure } from './transport/transport.js';
import { correlationIdSchema } from './primitives.js';
import { parseWithEnglishMessages } from './english-messages.js';
import { summarizeValidationIssues, toValidationIssues, validateHostPrivilegedActionRequest } from './validate.js';
import { PrivilegedActionValidationError } from './validation-error.js';

export interface RequestPrivilegedActionOptions extends SendOptions {
  /**
   * How long to wait for the answer, connection and the user's confirmation included. Default 120000 ms
   * plus the `timeoutMs` the request declares for its process or steps.
   */
  timeoutMs?: number;
  /** Use this correlation id instead of a new one. */
  correlationId?: string;
  /** Prefix of a new correlation id (default `pa`). */
  correlationIdPrefix?: string;
}

/** The envelope a request of action `A` resolves with. */
export type PrivilegedActionResponseFor<R extends PrivilegedActionRequest> = PrivilegedActionResponse<
  PrivilegedActionResultOf<R['action']>
>;

/**
 * Validates a request, sends it to the host as `{ correlationId, request }` and resolves with the
 * response of that correlation id. Never throws: an invalid request resolves with VALIDATION_FAILED (or
 * ACTION_NOT_SUPPORTED) without being sent; no port, a closed port or no answer in time resolve with
 * TRANSPORT_FAILED. Scope ids must already be normal; the builders normalize them.
 * @example
 * const response = await requestPrivilegedAction(
 *   createProcessExecActionRequest({ scope: 'docker', command: '/usr/bin/docker', args: ['ps'] }),
 * );
 * if (response.ok) console.log(response.result.stdout);
 * else console.error(formatPrivilegedActionError(response));
 */
export async function requestPrivilegedAction<R extends PrivilegedActionRequest>(
  request: R,
  options: RequestPrivilegedActionOptions = {},
): Promise<PrivilegedActionResponseFor<R>> {
  const opts: RequestPrivilegedActionOptions = typeof options === 'object' && options !== null ? options : {};
  let correlationId = typeof opts.correlationId === 'string' ? opts.correlationId : 'unknown';
  try {
    correlationId = opts.correlationId ?? createPrivilegedActionCorrelationId(opts.correlationIdPrefix);
    const badOptions = checkCorrelationIdOption(correlationId) ?? checkSendOptions(correlationId, opts);
    if (badOptions) return badOptions;
    const checked = validateHostPrivilegedActionRequest(request);
    if (!checked.ok) {
      return createPrivilegedActionErrorResponse(correlationId, checked.code, checked.error, { issues: checked.issues });
    }
    const message = { correlationId, request: checked.value };
    return await sendPortMessage(message, opts, opts.timeoutMs ?? defaultTimeoutMs(checked.value));
  } catch (error) {
    if (error instanceof PrivilegedActionValidationError) {
      return createPrivilegedActionErrorResponse(correlationId, error.code, error.message, { issues: error.issues });
    }
    return createTransportFailure(correlationId, 'send-failed', 'The request could not be sent.');
  }
}

function checkCorrelationIdOption(correlationId: string): PrivilegedActionResponse<never> | null {
  const parsed = parseWithEnglishMessages(correlationIdSchema, correlationId);
  if (parsed.success) return null;
  const issues = toValidationIssues(parsed.error).map((issue) => ({ ...issue, path: 'options.correlationId' }));
  return createPrivilegedActionErrorResponse(correlationId, 'VALIDATION_FAILED', summarizeValidationIssues(issues, 'options'), { issues });
}

function defaultTimeoutMs(request: PrivilegedActionRequest): number {
  let declared = 0;
  if (request.action === 'system.process.exec') declared = request.payload.timeoutMs ?? 0;
  if (request.action === 'system.workflow.run') declared = request.payload.steps.reduce((sum, step) => sum + (step.timeoutMs ?? 0), 0);
  return Math.min(DEFAULT_REQUEST_TIMEOUT_MS + declared, MAX_TIMEOUT_MS);
}
