// Reads records back from disk by index position and parses them.
import type { AuditIndex } from './audit-index';
import { readRecordBytes } from './audit-files';
import type { AuditRecord } from './audit-types';

function parseStored(bytes: Buffer, seq: number): AuditRecord {
  try {
    const record = JSON.parse(bytes.toString('utf8')) as AuditRecord;
    if (typeof record === 'object' && record !== null && typeof record.seq === 'number') return record;
  } catch {
    // An altered line stays visible, flagged, rather than hiding the page around it.
  }
  return {
    seq,
    time: '',
    prevHash: '',
    hash: '',
    correlationId: null,
    pluginId: null,
    action: 'audit.unreadable',
    phase: 'unreadable',
    reason: 'the stored line is not a readable record; run verify',
  };
}

/** The records at `positions`, in that order. */
export async function readStoredRecords(dir: string, index: AuditIndex, positions: number[]): Promise<AuditRecord[]> {
  const bytes = await readRecordBytes(
    dir,
    positions.map((p) => index.locationOf(p)),
  );
  return bytes.map((b, i) => parseStored(b, index.seq[positions[i]!]!));
}
