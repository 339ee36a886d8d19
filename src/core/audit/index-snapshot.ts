// The index saved to disk, so opening a large log reads it instead of parsing every record.
// It names the last record it covers (file, end offset, seq, hash); open uses it only when that record
// is still in place, and indexes what follows it from the files. The files stay the only truth:
// verify never reads the snapshot.
import { endianness } from 'node:os';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditIndex, COLUMNS, TABLES, isFloatColumn, type IndexState } from './audit-index';
import { logFileName, type LogFile } from './audit-files';
import { frameLine, hexAt, lineHashMatches } from './record-line';
import { MAX_RECORD_BYTES } from './record-input';

export const SNAPSHOT_FILE = 'audit-index.bin';
/** Smaller logs are scanned in full at open: a snapshot would not save time worth its disk space. */
export const SNAPSHOT_MIN_RECORDS = 10_000;
const MAGIC = Buffer.from('GHAIDX01');
const ALIGN = 8;

export interface SnapshotPosition {
  fileNo: number;
  /** End offset of the last covered record in its file. */
  size: number;
  lastSeq: number;
  lastHash: string;
}

interface Header {
  endianness: string;
  count: number;
  position: SnapshotPosition;
  textCount: number;
  chunkLengths: number[];
  tablesBytes: number;
}

function padding(length: number): number {
  return (ALIGN - (length % ALIGN)) % ALIGN;
}

function bytesOf(array: Float64Array | Uint32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** Writes the snapshot of `state` atomically (temporary file, sync, rename). */
export async function writeIndexSnapshot(dir: string, state: IndexState, position: SnapshotPosition): Promise<void> {
  const tables = Buffer.from(JSON.stringify(TABLES.map((name) => state.tables[name])));
  const header: Header = {
    endianness: endianness(),
    count: state.count,
    position,
    textCount: state.text.count,
    chunkLengths: state.text.chunks.map((c) => c.length),
    tablesBytes: tables.length,
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const lead = Buffer.alloc(12);
  MAGIC.copy(lead);
  lead.writeUInt32LE(headerBytes.length, 8);
  const parts: Buffer[] = [lead, headerBytes, Buffer.alloc(padding(12 + headerBytes.length))];
  for (const name of COLUMNS) {
    const column = bytesOf(state.columns[name]);
    parts.push(column, Buffer.alloc(padding(column.length)));
  }
  parts.push(bytesOf(state.text.starts));
  for (const chunk of state.text.chunks) parts.push(chunk, Buffer.alloc(padding(chunk.length)));
  parts.push(tables);

  const temporary = join(dir, `${SNAPSHOT_FILE}.${process.pid}.tmp`);
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writev(parts);
    await handle.sync();
    await handle.close();
    await rename(temporary, join(dir, SNAPSHOT_FILE));
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Reads and checks a snapshot; null when there is none or it does not hold together. */
export async function readIndexSnapshot(dir: string): Promise<{ index: AuditIndex; position: SnapshotPosition } | null> {
  let file: Buffer;
  try {
    file = await readFile(join(dir, SNAPSHOT_FILE));
  } catch {
    return null;
  }
  try {
    if (file.length < 12 || !file.subarray(0, 8).equals(MAGIC)) return null;
    // Typed views need aligned offsets; a pooled buffer may not start on one.
    const buf = file.byteOffset % ALIGN === 0 ? file : Buffer.from(file);
    const headerLength = buf.readUInt32LE(8);
    const header = JSON.parse(buf.toString('utf8', 12, 12 + headerLength)) as Header;
    if (header.endianness !== endianness() || !Number.isSafeInteger(header.count) || header.count < 1) return null;
    let at = 12 + headerLength;
    at += padding(at);
    const take = (bytes: number) => {
      if (at + bytes > buf.length) throw new Error('snapshot is cut short');
      const start = at;
      at += bytes + padding(bytes);
      return start;
    };
    const columns = {} as IndexState['columns'];
    for (const name of COLUMNS) {
      const start = take(header.count * (isFloatColumn(name) ? 8 : 4));
      columns[name] = isFloatColumn(name)
        ? new Float64Array(buf.buffer, buf.byteOffset + start, header.count)
        : new Uint32Array(buf.buffer, buf.byteOffset + start, header.count);
    }
    const startsAt = take(header.textCount * 8);
    const starts = new Float64Array(buf.buffer, buf.byteOffset + startsAt, header.textCount);
    const chunks = header.chunkLengths.map((length) => {
      const start = take(length);
      return buf.subarray(start, start + length);
    });
    const tablesAt = take(header.tablesBytes);
    if (at - padding(header.tablesBytes) !== buf.length) return null;
    const tableValues = JSON.parse(buf.toString('utf8', tablesAt, tablesAt + header.tablesBytes)) as string[][];
    const tables = {} as IndexState['tables'];
    TABLES.forEach((name, i) => (tables[name] = tableValues[i]!));
    const index = AuditIndex.from({ count: header.count, columns, tables, text: { count: header.textCount, starts, chunks } });
    if (index.seq[header.count - 1] !== header.position.lastSeq) return null;
    return { index, position: header.position };
  } catch {
    return null;
  }
}

/** Whether the record a snapshot ends with is still where it says, unchanged, with every earlier file present. */
export async function snapshotFitsLog(dir: string, files: LogFile[], index: AuditIndex, position: SnapshotPosition): Promise<boolean> {
  const numbers = new Set(files.map((f) => f.no));
  for (let no = index.file[0]!; no <= position.fileNo; no++) if (!numbers.has(no)) return false;
  let handle;
  try {
    handle = await open(join(dir, logFileName(position.fileNo)), 'r');
  } catch {
    return false;
  }
  try {
    const window = Math.min(position.size, MAX_RECORD_BYTES * 2);
    const buf = Buffer.alloc(window);
    const { bytesRead } = await handle.read(buf, 0, window, position.size - window);
    if (bytesRead !== window || buf[window - 1] !== 10) return false;
    const start = buf.lastIndexOf(10, window - 2) + 1;
    const frame = frameLine(buf, start, window - 1);
    return (
      frame !== null &&
      frame.seq === position.lastSeq &&
      hexAt(buf, frame.hashStart) === position.lastHash &&
      lineHashMatches(buf, start, frame)
    );
  } finally {
    await handle.close();
  }
}
