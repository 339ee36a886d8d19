import { createFilesystemCapabilityBundle, createProcessCapabilityBundle } from '../../capabilities.js';
import { BACKEND_METHODS } from '../../backend/protocol.js';
import { isPrivilegedActionName, type PrivilegedActionName } from '../../request.js';

/** SDK functions that send or build a request of one action. */
const SDK_FUNCTION_ACTIONS: Record<string, PrivilegedActionName> = {
  requestClipboardRead: 'system.clipboard.read',
  createClipboardReadRequest: 'system.clipboard.read',
  createClipboardReadActionRequest: 'system.clipboard.read',
  requestClipboardWrite: 'system.clipboard.write',
  createClipboardWriteRequest: 'system.clipboard.write',
  createClipboardWriteActionRequest: 'system.clipboard.write',
  createHostsWriteActionRequest: 'system.hosts.write',
  createFilesystemMutateActionRequest: 'system.fs.mutate',
  createProcessExecActionRequest: 'system.process.exec',
  createScopedProcessExecActionRequest: 'system.process.exec',
  requestScopedProcessExec: 'system.process.exec',
  createWorkflowRunActionRequest: 'system.workflow.run',
  createScopedWorkflowRequest: 'system.workflow.run',
  requestScopedWorkflow: 'system.workflow.run',
};

export interface CapabilityScan {
  actions: PrivilegedActionName[];
  /** Scope ids named by `..._SCOPE = '<id>'` constants. */
  scopes: string[];
  /** What the actions need with those scopes. */
  required: string[];
  /** Why the scan cannot decide (a plugin mixing filesystem and process scopes), or null. */
  ambiguity: string | null;
}

/**
 * Finds, by reading the source text, which privileged actions a plugin's scripts use and which scope ids
 * they name, and so which capabilities the manifest must declare.
 */
export function scanRequiredCapabilities(sources: readonly string[]): CapabilityScan {
  const text = sources.join('\n');
  const actions = new Set<PrivilegedActionName>();
  for (const [fn, action] of Object.entries(SDK_FUNCTION_ACTIONS)) {
    if (new RegExp(`\\b${fn}\\s*\\(`).test(text)) actions.add(action);
  }
  for (const match of text.matchAll(/['"`](system\.[a-z]+\.[a-z]+)['"`]/g)) {
    if (match[1] && isPrivilegedActionName(match[1])) actions.add(match[1]);
  }
  const named = [
    ...text.matchAll(/\b[A-Z_]*SCOPE\s*=\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(
      /\b(?:requestScopedProcessExec|requestScopedWorkflow|createScopedProcessExecActionRequest|createScopedWorkflowRequest)\s*\(\s*['"]([^'"]+)['"]/g,
    ),
  ];
  const scopes = [...new Set(named.map((match) => match[1] ?? ''))].filter(Boolean).sort();
  const usesFs = actions.has('system.fs.mutate');
  const usesProcess = actions.has('system.process.exec') || actions.has('system.workflow.run');
  const required = new Set<string>();
  for (const action of actions) {
    if (action === 'system.clipboard.read' || action === 'system.clipboard.write' || action === 'system.hosts.write') required.add(action);
  }
  for (const scope of scopes) {
    if (usesFs && !usesProcess) createFilesystemCapabilityBundle(scope).forEach((capability) => required.add(capability));
    if (usesProcess && !usesFs) createProcessCapabilityBundle(scope).forEach((capability) => required.add(capability));
  }
  if (usesFs && scopes.length === 0) required.add('system.fs.mutate');
  if (usesProcess && scopes.length === 0) required.add('system.process.exec');
  const ambiguity = usesFs && usesProcess ? 'uses filesystem and process actions: the scope constants cannot be told apart' : null;
  return { actions: [...actions].sort(), scopes, required: [...required].sort(), ambiguity };
}

/**
 * True for a script that carries the SDK's backend code, as a bundled backend does: the handshake's method
 * name is a string only the SDK writes, and a backend cannot run without it.
 */
export function embedsSdkBackend(source: string): boolean {
  return [`'${BACKEND_METHODS.hello}'`, `"${BACKEND_METHODS.hello}"`, `\`${BACKEND_METHODS.hello}\``].some((quoted) =>
    source.includes(quoted),
  );
}
