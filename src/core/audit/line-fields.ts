// Reads the indexed values of a stored line.
import type { RecordKeys } from './record-input';
import { buildSearchText } from './search-text';

export interface LineFields extends RecordKeys {
  seq: number;
  timeMs: number;
  phase: string;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The indexed values of one stored line (without its newline), or null when it is not a record at all. */
export function readLineFields(line: string): LineFields | null {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof record !== 'object' || record === null || typeof record.seq !== 'number') return null;
  const workflow = record.workflow as { workflowId?: unknown } | null | undefined;
  return {
    seq: record.seq,
    timeMs: typeof record.time === 'string' ? Date.parse(record.time) : NaN,
    phase: str(record.phase) ?? '',
    correlationId: str(record.correlationId),
    pluginId: str(record.pluginId),
    action: str(record.action) ?? '',
    scope: str(record.scope),
    decision: str(record.decision),
    code: str(record.code),
    workflowId: workflow && typeof workflow === 'object' ? str(workflow.workflowId) : null,
    text: buildSearchText(str(record.reason), record.summary),
  };
}
