// Filesystem and process scopes as Settings edits them: every save and removal is audited with a
// field-level before → after, and refused when its record cannot be written.
import type { ScopeListing } from '../../shared/ipc-contract';
import type { AuditedChange } from '../config-audit';
import { fieldChanges } from '../config-changes';
import type { ScopeStore } from '../policy/scope-store';

export interface ScopesService {
  list(): ScopeListing;
  /** Audited with a field-level before → after; refused when the record cannot be written. */
  save(kind: 'fs' | 'process', scope: unknown): Promise<ScopeListing>;
  remove(kind: 'fs' | 'process', id: string): Promise<ScopeListing>;
}

export function createScopesService(scopes: ScopeStore, audited: AuditedChange): ScopesService {
  return {
    list: () => scopes.list(),
    async save(kind, raw) {
      const scope = scopes.parse(kind, raw);
      const before = scopes.current(kind, scope.id);
      const { changes, more } = fieldChanges(before, scope);
      // Saving what is already in force changes nothing and is not a configuration change.
      if (before && changes.length === 0) return scopes.list();
      const summary = { kind, scopeId: scope.id, created: before === null, changes, ...(more ? { moreChanges: more } : {}) };
      return audited({ action: 'scope.saved', scope: scope.id, summary }, () => scopes.save(kind, scope));
    },
    async remove(kind, id) {
      const before = scopes.current(kind, id);
      const after = scopes.fallback(kind, id);
      const { changes, more } = fieldChanges(before, after);
      const summary = { kind, scopeId: id, fallsBackToPreset: after !== null, changes, ...(more ? { moreChanges: more } : {}) };
      return audited({ action: 'scope.removed', scope: id, summary }, () => scopes.remove(kind, id));
    },
  };
}
