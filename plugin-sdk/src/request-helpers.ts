import {
  createClipboardReadRequest,
  createClipboardWriteRequest,
  createScopedProcessExecActionRequest,
  createScopedWorkflowRequest,
  type ScopedProcessExecPayload,
  type ScopedWorkflowPayload,
} from './builders.js';
import { createPrivilegedActionCorrelationId } from './correlation-id.js';
import { createPrivilegedActionErrorResponse } from './envelope.js';
import type { PrivilegedActionRequest } from './request.js';
import {
  requestPrivilegedAction,
  type PrivilegedActionResponseFor,
  type RequestPrivilegedActionOptions,
} from './request-privileged-action.js';
import { PrivilegedActionValidationError } from './validation-error.js';

/**
 * Asks the host to read the clipboard. Never throws; see `requestPrivilegedAction`.
 * @example
 * const response = await requestClipboardRead('Paste the token');
 * if (response.ok) input.value = response.result.text;
 */
export function requestClipboardRead(
  reasonOrOptions?: string | RequestPrivilegedActionOptions,
  options?: RequestPrivilegedActionOptions,
): Promise<PrivilegedActionResponseFor<ReturnType<typeof createClipboardReadRequest>>> {
  const [reason, opts] = splitReason(reasonOrOptions, options);
  return buildAndRequest(() => createClipboardReadRequest(reason), opts);
}

/**
 * Asks the host to write text to the clipboard. Never throws; see `requestPrivilegedAction`.
 * @example await requestClipboardWrite('kubectl get pods -A', 'Copy the command');
 */
export function requestClipboardWrite(
  text: string,
  reasonOrOptions?: string | RequestPrivilegedActionOptions,
  options?: RequestPrivilegedActionOptions,
): Promise<PrivilegedActionResponseFor<ReturnType<typeof createClipboardWriteRequest>>> {
  const [reason, opts] = splitReason(reasonOrOptions, options);
  return buildAndRequest(() => createClipboardWriteRequest(text, reason), opts);
}

/**
 * Asks the host to run one process in the named scope (normalized). Never throws; see `requestPrivilegedAction`.
 * @example
 * const response = await requestScopedProcessExec('docker', { command: '/usr/bin/docker', args: ['ps', '--format', 'json'] });
 */
export function requestScopedProcessExec(
  scopeId: string,
  payload: ScopedProcessExecPayload,
  options?: RequestPrivilegedActionOptions,
): Promise<PrivilegedActionResponseFor<ReturnType<typeof createScopedProcessExecActionRequest>>> {
  return buildAndRequest(() => createScopedProcessExecActionRequest(scopeId, payload), options);
}

/**
 * Asks the host to run a workflow in the named scope (normalized). Never throws; see `requestPrivilegedAction`.
 * @example
 * const response = await requestScopedWorkflow('kubernetes', {
 *   title: 'Roll out',
 *   steps: [{ id: 'apply', title: 'Apply', command: '/usr/local/bin/kubectl', args: ['apply', '-f', '/srv/app.yaml'] }],
 * });
 */
export function requestScopedWorkflow(
  scopeId: string,
  payload: ScopedWorkflowPayload,
  options?: RequestPrivilegedActionOptions,
): Promise<PrivilegedActionResponseFor<ReturnType<typeof createScopedWorkflowRequest>>> {
  return buildAndRequest(() => createScopedWorkflowRequest(scopeId, payload), options);
}

function splitReason(
  reasonOrOptions: string | RequestPrivilegedActionOptions | undefined,
  options: RequestPrivilegedActionOptions | undefined,
): [string | undefined, RequestPrivilegedActionOptions | undefined] {
  if (typeof reasonOrOptions === 'string') return [reasonOrOptions, options];
  return [undefined, reasonOrOptions ?? options];
}

async function buildAndRequest<R extends PrivilegedActionRequest>(
  build: () => R,
  options: RequestPrivilegedActionOptions | undefined,
): Promise<PrivilegedActionResponseFor<R>> {
  let request: R;
  try {
    request = build();
  } catch (error) {
    let correlationId = 'unknown';
    try {
      correlationId = options?.correlationId ?? createPrivilegedActionCorrelationId(options?.correlationIdPrefix);
    } catch {
      // Keep 'unknown': the request is refused either way.
    }
    if (error instanceof PrivilegedActionValidationError) {
      return createPrivilegedActionErrorResponse(correlationId, error.code, error.message, { issues: error.issues });
    }
    return createPrivilegedActionErrorResponse(correlationId, 'VALIDATION_FAILED', 'The request could not be built.');
  }
  return requestPrivilegedAction(request, options);
}
