// Records the log writes about itself: a new file begun, a damaged tail cut away, records found missing.
import type { AuditRecordInput } from './audit-types';

/** The first record of every file after the first: the chain continues from the previous file. */
export function rotatedRecord(fromFile: string, toFile: string, fromLastSeq: number): AuditRecordInput {
  return {
    correlationId: null,
    pluginId: null,
    action: 'audit.rotated',
    phase: 'audit.rotated',
    summary: { fromFile, toFile, fromLastSeq },
  };
}

export type RepairKind = 'torn-tail' | 'records-missing' | 'checkpoint-mismatch' | 'checkpoint-missing' | 'checkpoint-unreadable';

/** What open found and did; only `torn-tail` (an unfinished write cut away) leaves the chain whole. */
export function repairedRecord(kind: RepairKind, detail: string, facts: Record<string, unknown>): AuditRecordInput {
  return {
    correlationId: null,
    pluginId: null,
    action: 'audit.repaired',
    phase: 'audit.repaired',
    summary: { kind, detail, ...facts },
  };
}
