import { createPrivilegedActionRequest } from './builders.js';
import { createPrivilegedActionCorrelationId } from './correlation-id.js';
import type { PrivilegedActionMessage, PrivilegedActionRequest } from './request.js';
import {
  summarizeValidationIssues,
  validateHostPrivilegedActionRequest,
  validatePrivilegedActionMessage,
  type ValidationResult,
} from './validate.js';
import { PrivilegedActionValidationError } from './validation-error.js';

export interface BackendRequestOptions {
  /** Use this correlation id instead of a new one; it must match `correlationIdSchema`. */
  correlationId?: string;
  /** Prefix of a new correlation id (default `pa`). */
  correlationIdPrefix?: string;
}

/**
 * Wraps a request for the wire as `{ correlationId, request }`, for code that talks to the host without
 * the frame transport (a plugin backend process). The request is normalized and validated like a builder's.
 * @example
 * const message = createPrivilegedActionBackendRequest(createClipboardReadRequest());
 * backendChannel.send(JSON.stringify(message));
 */
export function createPrivilegedActionBackendRequest(
  request: PrivilegedActionRequest,
  options: BackendRequestOptions = {},
): PrivilegedActionMessage {
  const correlationId = options.correlationId ?? createPrivilegedActionCorrelationId(options.correlationIdPrefix);
  const checked = validatePrivilegedActionMessage({ correlationId, request: createPrivilegedActionRequest(request) });
  if (!checked.ok) throw new PrivilegedActionValidationError(checked);
  return checked.value;
}

/** The outcome of {@link extractPrivilegedActionRequest}: the checked request, and its correlation id when one came with it. */
export type ExtractedPrivilegedActionRequest = ValidationResult<PrivilegedActionRequest> & { correlationId?: string };

/**
 * Finds and validates the request in `{ correlationId, request }`, in an envelope
 * `{ ok: true, result: { correlationId, request } }`, or in a bare `{ action, payload }`.
 * Validation is strict (scope ids must already be normal); issue paths name the field in `input`.
 * @example
 * const found = extractPrivilegedActionRequest(JSON.parse(line));
 * if (found.ok) handle(found.correlationId, found.value);
 * else reply({ ok: false, code: found.code, error: found.error });
 */
export function extractPrivilegedActionRequest(input: unknown): ExtractedPrivilegedActionRequest {
  if (isPlainRecord(input) && 'ok' in input && 'result' in input) {
    const extraKeys = Object.keys(input).filter((key) => key !== 'ok' && key !== 'result' && key !== 'correlationId');
    if (input.ok !== true || extraKeys.length > 0) {
      const issues =
        input.ok !== true
          ? [{ path: 'ok', message: 'must be true: an error envelope carries no request' }]
          : extraKeys.map((key) => ({ path: key, message: 'unknown field' }));
      return { ok: false, code: 'VALIDATION_FAILED', error: summarizeValidationIssues(issues), issues };
    }
    return prefixIssues(extractMessage(input.result), 'result.');
  }
  if (isPlainRecord(input) && ('request' in input || 'correlationId' in input)) return extractMessage(input);
  return validateHostPrivilegedActionRequest(input);
}

function extractMessage(input: unknown): ExtractedPrivilegedActionRequest {
  const checked = validatePrivilegedActionMessage(input);
  if (!checked.ok) return checked;
  return { ok: true, value: checked.value.request, correlationId: checked.value.correlationId };
}

function prefixIssues(result: ExtractedPrivilegedActionRequest, prefix: string): ExtractedPrivilegedActionRequest {
  if (result.ok) return result;
  const issues = result.issues.map((issue) => ({ ...issue, path: issue.path === '(root)' ? prefix.slice(0, -1) : prefix + issue.path }));
  return { ...result, issues, error: summarizeValidationIssues(issues, undefined, result.code) };
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
