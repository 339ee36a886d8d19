// The codes are the keys of their descriptions, written once: a second list of the names would add 0.1 KB
// (gzipped) to the browser file for nothing.
const DESCRIPTIONS = {
  VALIDATION_FAILED: 'The request does not match the contract; details.issues names each field.',
  ACTION_NOT_SUPPORTED: 'The host does not know this action.',
  PLUGIN_NOT_ACTIVE: 'The calling plugin is not active.',
  SETUP_NEEDED: 'Setup needed on this machine.',
  CAPABILITY_DENIED: 'A capability the action needs is not declared or not granted.',
  SCOPE_NOT_CONFIGURED: 'The named scope does not exist on this host.',
  SCOPE_VIOLATION: 'The request breaks a scope rule; details.reason says which.',
  CANCELLED: 'The user declined.',
  CONFIRMATION_TIMEOUT: 'The user did not answer in time.',
  RATE_LIMITED: 'Too many requests from this plugin; try again later.',
  AUDIT_UNAVAILABLE: 'The audit record could not be written, so the action was refused.',
  TIMEOUT: 'The action took longer than its timeout.',
  OS_ERROR: 'The operating system refused the operation.',
  PROCESS_SPAWN_ENOENT: 'The executable does not exist.',
  PROCESS_SPAWN_PERMISSION_DENIED: 'The executable may not be run.',
  PROCESS_EXIT_NON_ZERO: 'The process exited with a non-zero code.',
  SANDBOX_UNAVAILABLE: 'No OS sandbox is available and the scope requires one; nothing ran.',
  CLIPBOARD_UNSUPPORTED: 'The clipboard is not available on this host.',
  CLIPBOARD_READ_FAILED: 'Reading the clipboard failed.',
  CLIPBOARD_WRITE_FAILED: 'Writing the clipboard failed.',
  STEP_FAILED: 'A workflow step failed; details name the step.',
  STEP_TIMEOUT: 'A workflow step timed out; details name the step.',
  STEP_SCOPE_VIOLATION: 'A workflow step breaks a scope rule; nothing ran.',
  TRANSPORT_FAILED: 'The host did not answer: no port, a closed port, or no answer in time.',
  PROTOCOL_MISMATCH: 'Host and SDK speak different frame protocols; details name both.',
  PLUGIN_UNAVAILABLE: 'The plugin bundle is missing or does not verify.',
  STORAGE_QUOTA_EXCEEDED: 'The plugin storage quota would be exceeded.',
  SECRET_STORE_UNAVAILABLE: 'The OS keychain is unavailable, so a secret could not be read.',
  INTERNAL_ERROR: 'The host failed unexpectedly; nothing was done.',
};

/** An error code the host may return. */
export type PrivilegedActionErrorCode = keyof typeof DESCRIPTIONS;

/** The one list of error codes. The host returns only these; plugins can switch on them. */
export const PRIVILEGED_ACTION_ERROR_CODES = Object.keys(DESCRIPTIONS) as readonly PrivilegedActionErrorCode[];

/** Human descriptions, one per code, for docs and UIs. */
export const PRIVILEGED_ACTION_ERROR_DESCRIPTIONS: Record<PrivilegedActionErrorCode, string> = DESCRIPTIONS;

const codeSet: ReadonlySet<string> = new Set(PRIVILEGED_ACTION_ERROR_CODES);

/**
 * True when `value` is one of the exported error codes.
 * @example isPrivilegedActionErrorCode('TIMEOUT') // true
 */
export function isPrivilegedActionErrorCode(value: unknown): value is PrivilegedActionErrorCode {
  return typeof value === 'string' && codeSet.has(value);
}
