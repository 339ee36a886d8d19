import type { AuditRecordView } from '../../shared/audit-types';

/**
 * The outcome word of a record: its code when it failed or was refused (with "×n" when the record counts n
 * repeated refusals of a plugin), else what its phase says.
 */
export function outcomeText(record: AuditRecordView): { text: string; tone: 'ok' | 'bad' | 'none' } {
  const repeated = record.summary?.repeated;
  if (record.code) return { text: typeof repeated === 'number' ? `${record.code} ×${repeated}` : record.code, tone: 'bad' };
  if (record.phase === 'completed') return { text: 'success', tone: 'ok' };
  return { text: '—', tone: 'none' };
}
