// The audit log as the app reads it: query, verify with what opening it repaired, and export under a
// timestamped name. Read-only: the host's own records are appended by the services, never through this.
import type { AuditVerifyView } from '../../shared/audit-types';
import type { AuditLog } from '../audit';
import type { Clock } from '../ports';

/** Asks where to save an export, offering a name; null when the user cancels. */
export type ChooseSavePath = (defaultName: string) => Promise<string | null>;

export interface AuditService extends Pick<AuditLog, 'query' | 'get' | 'onAppend'> {
  /** The hash chain checked end to end, with what the log repaired when it was opened. */
  verify(): Promise<AuditVerifyView>;
  /** Writes the records a filter matches where the user chooses; null when cancelled. */
  export(
    format: 'jsonl' | 'csv',
    filter: Parameters<AuditLog['exportTo']>[1],
    choosePath: ChooseSavePath,
  ): Promise<{ path: string; records: number; bytes: number } | null>;
}

/** `gatehouse-audit-<ISO time with - for : and .>.<format>`: sortable and valid on every file system. */
export function auditExportName(format: 'jsonl' | 'csv', now: Date): string {
  return `gatehouse-audit-${now.toISOString().replace(/[:.]/g, '-')}.${format}`;
}

export function createAuditService(audit: AuditLog, clock: Clock): AuditService {
  return {
    query: (query) => audit.query(query),
    get: (seq) => audit.get(seq),
    onAppend: (listener) => audit.onAppend(listener),
    verify: async () => ({ ...(await audit.verify()), startup: audit.startupReport }),
    async export(format, filter, choosePath) {
      const path = await choosePath(auditExportName(format, new Date(clock.now())));
      if (path === null) return null;
      const written = await audit.exportTo(format, filter, path);
      return { path, records: written.records, bytes: written.bytes };
    },
  };
}
