import {
  createClipboardReadRequest,
  createClipboardWriteRequest,
  createScopedProcessExecActionRequest,
  createScopedWorkflowRequest,
  type ScopedProcessExecPayload,
  type ScopedWorkflowPayload,
} from './builders.js';
import type { ActionEvent, ActionStepEvent } from './actions/action-events.js';
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

/** Live output of a process exec or workflow; any callback asks the host for `stream: true`. */
export interface ActionStreamOptions extends RequestPrivilegedActionOptions {
  /**
   * Each chunk of output as the tool writes it, stdout and stderr in the order the host read them: whole
   * characters (whole bytes as base64 with `encoding: 'base64'`), ANSI codes as the tool wrote them. The
   * final response still carries the capped `stdout` and `stderr`.
   */
  onOutput?: (data: string, stream: 'stdout' | 'stderr') => void;
  /** The host dropped `bytes` of output at this point because the frame did not take it in time. */
  onSkipped?: (bytes: number, stream: 'stdout' | 'stderr') => void;
}

/** Live progress of a workflow: step transitions besides the output. */
export interface WorkflowStreamOptions extends ActionStreamOptions {
  /** Each step's transition: `running`, then `ok`, `failed`, `skipped` or `cancelled`. */
  onStep?: (step: ActionStepEvent) => void;
}

/**
 * Asks the host to run one process in the named scope (normalized). Never throws; see `requestPrivilegedAction`.
 * With `onOutput` the output arrives while the process runs; aborting `signal` stops the process (its whole
 * process group) and resolves with TRANSPORT_FAILED.
 * @example
 * const response = await requestScopedProcessExec('docker', { command: '/usr/bin/docker', args: ['ps', '--format', 'json'] });
 * @example
 * const stop = new AbortController();
 * await requestScopedProcessExec('docker', { command: '/usr/bin/docker', args: ['logs', '-f', 'web'] }, {
 *   onOutput: (data) => view.append(data),
 *   signal: stop.signal,
 * });
 */
export function requestScopedProcessExec(
  scopeId: string,
  payload: ScopedProcessExecPayload,
  options?: ActionStreamOptions,
): Promise<PrivilegedActionResponseFor<ReturnType<typeof createScopedProcessExecActionRequest>>> {
  const [streamed, opts] = withStream(payload, options);
  return buildAndRequest(() => createScopedProcessExecActionRequest(scopeId, streamed), opts);
}

/**
 * Asks the host to run a workflow in the named scope (normalized). Never throws; see `requestPrivilegedAction`.
 * With `onStep` or `onOutput` each step's progress arrives while it runs; aborting `signal` stops the running
 * step and skips the rest.
 * @example
 * const response = await requestScopedWorkflow('kubernetes', {
 *   title: 'Roll out',
 *   steps: [{ id: 'apply', title: 'Apply', command: '/usr/local/bin/kubectl', args: ['apply', '-f', '/srv/app.yaml'] }],
 * }, { onStep: (step) => markStep(step.id, step.status) });
 */
export function requestScopedWorkflow(
  scopeId: string,
  payload: ScopedWorkflowPayload,
  options?: WorkflowStreamOptions,
): Promise<PrivilegedActionResponseFor<ReturnType<typeof createScopedWorkflowRequest>>> {
  const [streamed, opts] = withStream(payload, options);
  return buildAndRequest(() => createScopedWorkflowRequest(scopeId, streamed), opts);
}

/** With any stream callback, the payload asks for `stream: true` and the events reach the callbacks. */
function withStream<P>(payload: P, options: WorkflowStreamOptions | undefined): [P, RequestPrivilegedActionOptions | undefined] {
  const { onOutput, onSkipped, onStep, onEvent } = options ?? {};
  if (!onOutput && !onSkipped && !onStep && !onEvent) return [payload, options];
  const dispatch = (event: ActionEvent) => {
    onEvent?.(event);
    if (event.type === 'output') onOutput?.(event.data, event.stream);
    if (event.type === 'skipped') onSkipped?.(event.bytes, event.stream);
    if (event.type === 'step') onStep?.(event);
  };
  return [
    { ...payload, stream: true },
    { ...options, onEvent: dispatch },
  ];
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
