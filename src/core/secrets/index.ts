// Keychain secrets of process scopes: stored with keytar, injected by the host, redacted from output.
export { createSecretStore, type SecretStore, type SecretStoreOptions } from './secret-store';
export { redactSecretValues, REDACTED } from './redact-secrets';
export type { KeytarLike } from './load-keytar';
