// Keychain secrets of process scopes as Settings manages them: names are listed and audited, values never.
import type { AuditedChange } from '../config-audit';
import type { SecretStore } from '../secrets';

export interface SecretsService {
  available(): Promise<boolean>;
  /** Names of the secrets kept for a process scope; values are never returned. */
  list(scopeId: string): Promise<string[]>;
  set(scopeId: string, name: string, value: string): Promise<void>;
  delete(scopeId: string, name: string): Promise<boolean>;
}

export function createSecretsService(store: SecretStore, audited: AuditedChange): SecretsService {
  return {
    available: () => store.available(),
    list: (scopeId) => store.listKeys(scopeId),
    // Names only: the value never reaches the record (test/core/config/config-audit.test.ts greps the log for it).
    async set(scopeId, name, value) {
      const existed = await store.listKeys(scopeId).then(
        (names) => names.includes(name),
        () => null,
      );
      await audited({ action: 'secret.set', scope: scopeId, summary: { scopeId, name, replaced: existed } }, () =>
        store.set(scopeId, name, value),
      );
    },
    delete: (scopeId, name) =>
      audited({ action: 'secret.deleted', scope: scopeId, summary: { scopeId, name } }, () => store.delete(scopeId, name)),
  };
}
