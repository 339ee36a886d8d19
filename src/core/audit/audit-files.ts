// Names and locations of the log's files, and small file-system helpers they share.
import { constants } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** A file is rotated once it would grow past this size. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
const LOG_FILE = /^audit-(\d{6,})\.jsonl$/;
export const HEAD_FILE = 'audit-head.bin';
export const LOCK_FILE = 'audit.lock';
/** Whether writes through DURABLE_WRITE_FLAGS are synced by the OS itself (O_DSYNC); elsewhere callers sync. */
export const WRITES_SYNC_THEMSELVES = typeof constants.O_DSYNC === 'number';
/** Opens a log or head file for positional writes that are durable when they return (where O_DSYNC exists). */
export const DURABLE_WRITE_FLAGS = constants.O_RDWR | (constants.O_DSYNC ?? 0);

export function logFileName(fileNo: number): string {
  return `audit-${String(fileNo).padStart(6, '0')}.jsonl`;
}

export interface LogFile {
  no: number;
  name: string;
}

/** The log's files in chain order. */
export async function listLogFiles(dir: string): Promise<LogFile[]> {
  const files: LogFile[] = [];
  for (const name of await readdir(dir)) {
    const match = LOG_FILE.exec(name);
    if (match) files.push({ no: Number(match[1]), name });
  }
  return files.sort((a, b) => a.no - b.no);
}

/** Makes created, renamed or removed directory entries durable. */
export async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for syncing; its directory entries are durable with the file.
  if (process.platform === 'win32') return;
  const handle = await open(dir, constants.O_RDONLY | (constants.O_DIRECTORY ?? 0));
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads the stored bytes of each located record, coalescing neighbours into one read. */
export async function readRecordBytes(dir: string, locations: Array<{ file: number; offset: number; length: number }>): Promise<Buffer[]> {
  const out = new Array<Buffer>(locations.length);
  const order = locations
    .map((_, i) => i)
    .sort((a, b) => locations[a]!.file - locations[b]!.file || locations[a]!.offset - locations[b]!.offset);
  const MAX_GAP = 16 * 1024;
  const MAX_RUN = 1024 * 1024;
  let k = 0;
  while (k < order.length) {
    const file = locations[order[k]!]!.file;
    const handle = await open(join(dir, logFileName(file)), 'r');
    try {
      while (k < order.length && locations[order[k]!]!.file === file) {
        const runStart = locations[order[k]!]!.offset;
        let runEnd = runStart + locations[order[k]!]!.length;
        let j = k + 1;
        while (j < order.length) {
          const next = locations[order[j]!]!;
          if (next.file !== file || next.offset - runEnd > MAX_GAP || next.offset + next.length - runStart > MAX_RUN) break;
          runEnd = Math.max(runEnd, next.offset + next.length);
          j++;
        }
        const buf = Buffer.allocUnsafe(runEnd - runStart);
        let got = 0;
        while (got < buf.length) {
          const { bytesRead } = await handle.read(buf, got, buf.length - got, runStart + got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
        for (; k < j; k++) {
          const at = locations[order[k]!]!;
          const from = at.offset - runStart;
          out[order[k]!] = from + at.length <= got ? buf.subarray(from, from + at.length) : buf.subarray(Math.min(from, got), got);
        }
      }
    } finally {
      await handle.close();
    }
  }
  return out;
}
