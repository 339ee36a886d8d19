// Writes matching records to a file: the stored lines verbatim (jsonl) or flat columns (csv),
// streamed in chunks to a temporary file that is renamed into place once complete.
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { AuditIndex } from './audit-index';
import { readRecordBytes } from './audit-files';
import type { AuditRecord } from './audit-types';

const CHUNK_RECORDS = 2000;

export const CSV_COLUMNS = [
  'seq',
  'time',
  'correlationId',
  'pluginId',
  'pluginVersion',
  'action',
  'scope',
  'phase',
  'decision',
  'code',
  'reason',
  'summary',
  'outcome',
  'workflowId',
  'stepId',
  'stepStatus',
  'prevHash',
  'hash',
] as const;

function csvRow(line: string): string[] {
  let r: Partial<AuditRecord>;
  try {
    r = JSON.parse(line) as Partial<AuditRecord>;
  } catch {
    r = { reason: 'unreadable record: run verify' };
  }
  const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
  const json = (value: unknown) => (value === undefined || value === null ? '' : JSON.stringify(value));
  return [
    text(r.seq),
    text(r.time),
    text(r.correlationId),
    text(r.pluginId),
    text(r.pluginVersion),
    text(r.action),
    text(r.scope),
    text(r.phase),
    text(r.decision),
    text(r.code),
    text(r.reason),
    json(r.summary),
    json(r.outcome),
    text(r.workflow?.workflowId),
    text(r.workflow?.stepId),
    text(r.workflow?.stepStatus),
    text(r.prevHash),
    text(r.hash),
  ];
}

/** Exports the records at `positions` (oldest first) to `destinationPath`. */
export async function exportRecords(
  dir: string,
  index: AuditIndex,
  positions: number[],
  format: 'jsonl' | 'csv',
  destinationPath: string,
): Promise<{ records: number; bytes: number }> {
  const temporary = join(dirname(destinationPath), `.${basename(destinationPath)}.${process.pid}.partial`);
  const handle = await open(temporary, 'wx', 0o600);
  let bytes = 0;
  try {
    const write = async (buf: Buffer) => {
      let done = 0;
      while (done < buf.length) done += (await handle.write(buf, done, buf.length - done)).bytesWritten;
      bytes += buf.length;
    };
    // Spreadsheet programs run cells that start with = + - @ as formulas; plugin text must not.
    if (format === 'csv') await write(Buffer.from(stringify([[...CSV_COLUMNS]], { escape_formulas: true })));
    for (let k = 0; k < positions.length; k += CHUNK_RECORDS) {
      const slice = positions.slice(k, k + CHUNK_RECORDS);
      const lines = await readRecordBytes(
        dir,
        slice.map((p) => index.locationOf(p)),
      );
      if (format === 'jsonl') {
        const parts: Buffer[] = [];
        for (const line of lines) parts.push(line, NEWLINE);
        await write(Buffer.concat(parts));
      } else {
        await write(
          Buffer.from(
            stringify(
              lines.map((line) => csvRow(line.toString('utf8'))),
              { escape_formulas: true },
            ),
          ),
        );
      }
    }
    await handle.sync();
    await handle.close();
    await rename(temporary, destinationPath);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return { records: positions.length, bytes };
}

const NEWLINE = Buffer.from('\n');
