// Stable codes of host management calls (plugins, scopes, settings), distinct from privileged action codes.
export const HOST_ERROR_CODES = [
  'INVALID_INPUT',
  'PLUGIN_NOT_FOUND',
  'PLUGIN_ALREADY_INSTALLED',
  'INVALID_MANIFEST',
  'INVALID_TRANSITION',
  'PLUGIN_UNAVAILABLE',
  'CAPABILITY_NOT_DECLARED',
  'CONSENT_REQUIRED',
  'PUBLISHER_UNTRUSTED',
  'BUNDLE_INVALID',
  'SCOPE_INVALID',
  'SCOPE_NOT_FOUND',
  'AUDIT_UNAVAILABLE',
  'SECRET_STORE_UNAVAILABLE',
  'NOT_SUPPORTED',
  'INTERNAL_ERROR',
] as const;
export type HostErrorCode = (typeof HOST_ERROR_CODES)[number];
