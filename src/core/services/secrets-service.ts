// Keychain secrets of process scopes as Settings manages them: names are listed and audited, values never.
// Every call names a process scope that exists, so a secret never lands under a scope nobody can use.
import type { SecretsStatus } from '../../shared/ipc-contract';
import type { AuditedChange } from '../config-audit';
import { HostError } from '../host-error';
import type { SecretStore } from '../secrets';

export interface SecretsService {
  /** Whether the keychain works, and the names (never values) of this scope's secrets. */
  status(scopeId: string): Promise<SecretsStatus>;
  set(scopeId: string, name: string, value: string): Promise<SecretsStatus>;
  delete(scopeId: string, name: string): Promise<SecretsStatus & { deleted: boolean }>;
}

export function createSecretsService(
  store: SecretStore,
  audited: AuditedChange,
  processScopeExists: (scopeId: string) => boolean,
): SecretsService {
  const requireScope = (scopeId: string): void => {
    if (!processScopeExists(scopeId)) throw new HostError('SCOPE_NOT_FOUND', `No process scope "${scopeId}".`);
  };
  const names = async (scopeId: string): Promise<SecretsStatus> => ({ scopeId, available: true, names: await store.listKeys(scopeId) });
  return {
    async status(scopeId) {
      requireScope(scopeId);
      const available = await store.available();
      return available ? names(scopeId) : { scopeId, available, names: [] };
    },
    // Names only: the value never reaches the record (test/core/config/config-audit.test.ts greps the log for it).
    async set(scopeId, name, value) {
      requireScope(scopeId);
      const existed = await store.listKeys(scopeId).then(
        (list) => list.includes(name),
        () => null,
      );
      await audited({ action: 'secret.set', scope: scopeId, summary: { scopeId, name, replaced: existed } }, () =>
        store.set(scopeId, name, value),
      );
      return names(scopeId);
    },
    async delete(scopeId, name) {
      requireScope(scopeId);
      const deleted = await audited({ action: 'secret.deleted', scope: scopeId, summary: { scopeId, name } }, () =>
        store.delete(scopeId, name),
      );
      return { ...(await names(scopeId)), deleted };
    },
  };
}
