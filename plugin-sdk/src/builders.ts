import type { ClipboardReadPayload, ClipboardWritePayload } from './actions/clipboard.js';
import type { FsMutatePayload } from './actions/fs-mutate.js';
import type { HostsWritePayload } from './actions/hosts.js';
import type { ProcessExecPayload } from './actions/process-exec.js';
import type { WorkflowRunPayload } from './actions/workflow.js';
import type { PrivilegedActionName, PrivilegedActionRequest, PrivilegedActionRequestOf } from './request.js';
import { normalizeScopeId } from './scope-id.js';
import { validateHostPrivilegedActionRequest } from './validate.js';
import { PrivilegedActionValidationError } from './validation-error.js';

// Only the scope id is normalized; everything else is left for the validator to accept or refuse.
function normalizePrivilegedActionRequest(input: unknown): unknown {
  if (!isPlainRecord(input) || !isPlainRecord(input.payload) || typeof input.payload.scope !== 'string') return input;
  return { ...input, payload: { ...input.payload, scope: normalizeScopeId(input.payload.scope) } };
}

/**
 * Normalizes (scope id) and validates any request; returns the checked copy or throws
 * a `PrivilegedActionValidationError` naming each failing field.
 * @example const request = createPrivilegedActionRequest({ action: 'system.clipboard.read', payload: {} });
 */
export function createPrivilegedActionRequest(input: unknown): PrivilegedActionRequest {
  const checked = validateHostPrivilegedActionRequest(normalizePrivilegedActionRequest(input));
  if (!checked.ok) throw new PrivilegedActionValidationError(checked);
  return checked.value;
}

function build<A extends PrivilegedActionName>(action: A, payload: unknown): PrivilegedActionRequestOf<A> {
  return createPrivilegedActionRequest({ action, payload }) as PrivilegedActionRequestOf<A>;
}

/**
 * Builds a checked `system.clipboard.read` request.
 * @example createClipboardReadActionRequest({ reason: 'Paste the token' })
 */
export function createClipboardReadActionRequest(payload: ClipboardReadPayload = {}): PrivilegedActionRequestOf<'system.clipboard.read'> {
  return build('system.clipboard.read', payload);
}

/**
 * Builds a checked `system.clipboard.write` request.
 * @example createClipboardWriteActionRequest({ text: 'kubectl get pods', reason: 'Copy the command' })
 */
export function createClipboardWriteActionRequest(payload: ClipboardWritePayload): PrivilegedActionRequestOf<'system.clipboard.write'> {
  return build('system.clipboard.write', payload);
}

/**
 * Builds a checked `system.hosts.write` request (replaces the plugin's tagged section of the hosts file).
 * @example createHostsWriteActionRequest({ records: [{ address: '127.0.0.1', hostname: 'api.local' }], tag: 'local-dns' })
 */
export function createHostsWriteActionRequest(payload: HostsWritePayload): PrivilegedActionRequestOf<'system.hosts.write'> {
  return build('system.hosts.write', payload);
}

/**
 * Builds a checked `system.fs.mutate` request; the scope id is normalized.
 * @example
 * createFilesystemMutateActionRequest({
 *   scope: 'Workspace',
 *   operations: [{ type: 'writeFile', path: '/home/me/project/.env', content: 'PORT=8080\n' }],
 * }) // payload.scope === 'workspace'
 */
export function createFilesystemMutateActionRequest(payload: FsMutatePayload): PrivilegedActionRequestOf<'system.fs.mutate'> {
  return build('system.fs.mutate', payload);
}

/**
 * Builds a checked `system.process.exec` request; the scope id is normalized.
 * @example createProcessExecActionRequest({ scope: 'git', command: '/usr/bin/git', args: ['status', '--short'] })
 */
export function createProcessExecActionRequest(payload: ProcessExecPayload): PrivilegedActionRequestOf<'system.process.exec'> {
  return build('system.process.exec', payload);
}

/**
 * Builds a checked `system.workflow.run` request; the scope id is normalized.
 * @example
 * createWorkflowRunActionRequest({
 *   scope: 'docker', kind: 'process-sequence', title: 'Restart stack',
 *   steps: [{ id: 'down', title: 'Stop', command: '/usr/bin/docker', args: ['compose', 'down'] }],
 * })
 */
export function createWorkflowRunActionRequest(payload: WorkflowRunPayload): PrivilegedActionRequestOf<'system.workflow.run'> {
  return build('system.workflow.run', payload);
}

/**
 * Shorthand for a clipboard read request.
 * @example createClipboardReadRequest('Paste the API token')
 */
export function createClipboardReadRequest(reason?: string): PrivilegedActionRequestOf<'system.clipboard.read'> {
  return createClipboardReadActionRequest(reason === undefined ? {} : { reason });
}

/**
 * Shorthand for a clipboard write request.
 * @example createClipboardWriteRequest('docker ps -a', 'Copy the command')
 */
export function createClipboardWriteRequest(text: string, reason?: string): PrivilegedActionRequestOf<'system.clipboard.write'> {
  return createClipboardWriteActionRequest(reason === undefined ? { text } : { text, reason });
}

/** The payload of a scoped exec: everything but the scope, which the first argument names. */
export type ScopedProcessExecPayload = Omit<ProcessExecPayload, 'scope'>;
/** The payload of a scoped workflow: everything but the scope; `kind` defaults to `process-sequence`. */
export type ScopedWorkflowPayload = Omit<WorkflowRunPayload, 'scope' | 'kind'> & { kind?: WorkflowRunPayload['kind'] };

/**
 * Builds a checked exec request in the named scope (normalized).
 * @example createScopedProcessExecActionRequest('Docker CLI', { command: '/usr/bin/docker', args: ['ps'] }) // scope 'docker-cli'
 */
export function createScopedProcessExecActionRequest(
  scopeId: string,
  payload: ScopedProcessExecPayload,
): PrivilegedActionRequestOf<'system.process.exec'> {
  return build('system.process.exec', withScope(scopeId, payload, {}));
}

/**
 * Builds a checked workflow request in the named scope (normalized); `kind` defaults to `process-sequence`.
 * @example
 * createScopedWorkflowRequest('helm', {
 *   title: 'Upgrade chart',
 *   steps: [{ id: 'upgrade', title: 'Upgrade', command: '/usr/local/bin/helm', args: ['upgrade', 'web', './chart'] }],
 * })
 */
export function createScopedWorkflowRequest(
  scopeId: string,
  payload: ScopedWorkflowPayload,
): PrivilegedActionRequestOf<'system.workflow.run'> {
  return build('system.workflow.run', withScope(scopeId, payload, { kind: 'process-sequence' }));
}

function withScope(scopeId: unknown, payload: unknown, defaults: Record<string, unknown>): unknown {
  if (typeof scopeId !== 'string') {
    throw new PrivilegedActionValidationError({
      error: 'Invalid privileged action request: scopeId: must be a string',
      issues: [{ path: 'scopeId', message: 'must be a string' }],
    });
  }
  if (!isPlainRecord(payload)) return payload;
  const scope = normalizeScopeId(scopeId);
  // A payload naming a different scope than the argument is ambiguous: refuse instead of picking one.
  if ('scope' in payload && (typeof payload.scope !== 'string' || normalizeScopeId(payload.scope) !== scope)) {
    throw new PrivilegedActionValidationError({
      error: 'Invalid privileged action request: payload.scope: conflicts with the scope id argument',
      issues: [{ path: 'payload.scope', message: 'conflicts with the scope id argument' }],
    });
  }
  return { ...defaults, ...payload, scope };
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
