/** Stable codes of failures while signing, packing, unpacking or loading keys. */
export type PluginBundleErrorCode =
  | 'not-a-directory'
  | 'symlink-present'
  | 'unsupported-file'
  | 'unsafe-path'
  | 'limit-exceeded'
  | 'manifest-invalid'
  | 'key-invalid'
  | 'key-mismatch'
  | 'key-not-found'
  | 'key-file-permissions'
  | 'archive-malformed'
  | 'path-escape'
  | 'digest-mismatch'
  | 'destination-not-empty'
  | 'output-inside-bundle'
  | 'bundle-unverified'
  | 'index-entry-invalid';

/** An expected failure with a stable `code`; messages never contain key material. */
export class PluginBundleError extends Error {
  readonly code: PluginBundleErrorCode;
  readonly detail: Record<string, unknown>;
  constructor(code: PluginBundleErrorCode, message: string, detail: Record<string, unknown> = {}) {
    super(message);
    this.name = 'PluginBundleError';
    this.code = code;
    this.detail = detail;
  }
}

/** True when `error` is a PluginBundleError, optionally with the given code. */
export function isPluginBundleError(error: unknown, code?: PluginBundleErrorCode): error is PluginBundleError {
  return error instanceof PluginBundleError && (code === undefined || error.code === code);
}
