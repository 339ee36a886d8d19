// Keychain secrets of process scopes: stored with keytar, injected by the host, redacted from output.
export { createSecretStore, type SecretStore } from './secret-store';
export { redactSecretValues } from './redact-secrets';
export type { KeytarLike } from './load-keytar';
