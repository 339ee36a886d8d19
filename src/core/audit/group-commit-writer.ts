// Appends records to the current file: every append that arrives while a write is in flight joins the
// next batch, and each batch is one positional O_DSYNC write, so it is durable when the write returns.
import { accessSync, constants, fstatSync, statSync } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordLocation } from './audit-index';
import { AuditUnavailableError } from './audit-errors';
import { DURABLE_WRITE_FLAGS, logFileName, syncDir, WRITES_SYNC_THEMSELVES } from './audit-files';
import type { AuditRecord } from './audit-types';
import { prepareRecord, type PreparedRecord, type RecordKeys } from './record-input';
import { composeLine, isoTime } from './record-line';
import { rotatedRecord } from './special-records';

const MAX_BATCH_RECORDS = 8192;
const MAX_BATCH_CHARS = 4 * 1024 * 1024;

export interface ChainState {
  fileNo: number;
  /** Bytes of the current file that hold committed records. */
  size: number;
  lastSeq: number;
  lastHash: string;
}

export interface CommittedRecord {
  record: AuditRecord;
  keys: RecordKeys;
  timeMs: number;
  location: RecordLocation;
}

export interface WriterOptions {
  dir: string;
  maxFileBytes: number;
  clock: { now(): number };
  /** Runs before each batch; throws when the log must not be written (the checkpoint cannot be kept). */
  beforeWrite(state: ChainState): Promise<void>;
  /** Runs after each durable batch, before its appends resolve. */
  onCommit(records: CommittedRecord[], state: ChainState): void;
}

interface Pending {
  prepared: PreparedRecord;
  resolve(record: AuditRecord): void;
  reject(error: unknown): void;
}

/** Writes all of buf at position, durably. */
async function writeAll(handle: FileHandle, buf: Buffer, position: number): Promise<void> {
  let written = 0;
  while (written < buf.length) {
    const { bytesWritten } = await handle.write(buf, written, buf.length - written, position + written);
    if (bytesWritten === 0) throw new Error('the audit file accepted no bytes');
    written += bytesWritten;
  }
  if (!WRITES_SYNC_THEMSELVES) await handle.datasync();
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${code}: ${(error as Error).message}` : String((error as Error).message ?? error);
}

export class GroupCommitWriter {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;
  /** A failed write may have left bytes past the committed size. */
  private dirty = false;

  constructor(
    private readonly options: WriterOptions,
    private state: ChainState,
    private handle: FileHandle,
    private identity: { dev: number; ino: number },
  ) {}

  get chain(): Readonly<ChainState> {
    return this.state;
  }

  /** Queues a prepared record; resolves once it is durable. */
  append(prepared: PreparedRecord): Promise<AuditRecord> {
    return new Promise<AuditRecord>((resolve, reject) => {
      this.queue.push({ prepared, resolve, reject });
      // Started on a microtask so appends made in the same tick share the first batch.
      if (this.running === null) this.running = Promise.resolve().then(() => this.drain());
    });
  }

  /** Resolves when every queued append has been written or refused. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  async close(): Promise<void> {
    await this.idle();
    await this.handle.close();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.take();
        try {
          const records = await this.writeBatch(batch.map((p) => p.prepared));
          for (let i = 0; i < batch.length; i++) batch[i]!.resolve(records[i]!);
        } catch (error) {
          const refusal =
            error instanceof AuditUnavailableError
              ? error
              : new AuditUnavailableError(`the audit log cannot be written: ${errorText(error)}`, { cause: error });
          for (const pending of batch) pending.reject(refusal);
        }
      }
    } finally {
      this.running = null;
    }
  }

  private take(): Pending[] {
    let chars = 0;
    let n = 0;
    while (n < this.queue.length && n < MAX_BATCH_RECORDS && chars < MAX_BATCH_CHARS) chars += this.queue[n++]!.prepared.fields.length;
    return this.queue.splice(0, n);
  }

  /** Checks that the current file is still ours and writable, and removes what a failed write left. */
  private async ensureWritable(): Promise<void> {
    const path = join(this.options.dir, logFileName(this.state.fileNo));
    try {
      accessSync(this.options.dir, constants.W_OK);
      const st = statSync(path);
      if (st.ino !== this.identity.ino || st.dev !== this.identity.dev) throw new Error(`${path} was replaced or removed`);
      accessSync(path, constants.W_OK);
      if (st.size < this.state.size) throw new Error(`${path} is shorter than the records written to it`);
      if (st.size > this.state.size) {
        if (!this.dirty) throw new Error(`${path} was written to by something else`);
        await this.handle.truncate(this.state.size);
      }
      this.dirty = false;
    } catch (error) {
      throw new AuditUnavailableError(`the audit log cannot be written: ${errorText(error)}`, { cause: error });
    }
    await this.options.beforeWrite(this.state);
  }

  private compose(prepared: PreparedRecord[], startSeq: number, prevHash: string, fileNo: number, startOffset: number) {
    const lines: string[] = [];
    const committed: CommittedRecord[] = [];
    let seq = startSeq;
    let prev = prevHash;
    let offset = startOffset;
    for (const item of prepared) {
      seq++;
      const timeMs = this.options.clock.now();
      const time = isoTime(timeMs);
      const { line, hash } = composeLine(seq, prev, time, item.fields);
      const length = Buffer.byteLength(line) - 1;
      lines.push(line);
      committed.push({
        record: { seq, prevHash: prev, time, ...item.stored, hash },
        keys: item.keys,
        timeMs,
        location: { file: fileNo, offset, length },
      });
      offset += length + 1;
      prev = hash;
    }
    return { bytes: Buffer.from(lines.join(''), 'utf8'), committed, lastSeq: seq, lastHash: prev, end: offset };
  }

  /**
   * Writes records at the committed end even though bytes follow it (a torn tail found at open), then cuts the
   * file right after them. The records land where the torn bytes were before anything is removed, so a process
   * killed at any moment leaves either the torn tail (found again next time) or the records describing its cut.
   */
  async replaceTail(prepared: PreparedRecord[]): Promise<AuditRecord[]> {
    const s = this.state;
    const batch = this.compose(prepared, s.lastSeq, s.lastHash, s.fileNo, s.size);
    await writeAll(this.handle, batch.bytes, s.size);
    await this.handle.truncate(batch.end);
    await this.handle.sync();
    this.state = { fileNo: s.fileNo, size: batch.end, lastSeq: batch.lastSeq, lastHash: batch.lastHash };
    this.options.onCommit(batch.committed, this.state);
    return batch.committed.map((c) => c.record);
  }

  private async writeBatch(prepared: PreparedRecord[]): Promise<AuditRecord[]> {
    await this.ensureWritable();
    const { dir, maxFileBytes } = this.options;
    const s = this.state;
    let batch = this.compose(prepared, s.lastSeq, s.lastHash, s.fileNo, s.size);
    const rotate = s.size > 0 && s.size + batch.bytes.length > maxFileBytes;
    if (rotate) {
      const marker = prepareRecord(rotatedRecord(logFileName(s.fileNo), logFileName(s.fileNo + 1), s.lastSeq));
      batch = this.compose([marker, ...prepared], s.lastSeq, s.lastHash, s.fileNo + 1, 0);
    }

    if (rotate) {
      const path = join(dir, logFileName(s.fileNo + 1));
      const next = await open(path, constants.O_CREAT | constants.O_TRUNC | DURABLE_WRITE_FLAGS, 0o600);
      try {
        await writeAll(next, batch.bytes, 0);
        await syncDir(dir);
        const st = fstatSync(next.fd);
        if (st.nlink === 0) throw new Error(`${path} was removed while it was written`);
        await this.handle.close().catch(() => undefined);
        this.handle = next;
        this.identity = { dev: st.dev, ino: st.ino };
      } catch (error) {
        await next.close().catch(() => undefined);
        await unlink(path).catch(() => undefined);
        throw error;
      }
    } else {
      try {
        await writeAll(this.handle, batch.bytes, s.size);
        if (fstatSync(this.handle.fd).nlink === 0) throw new Error('the audit file was removed while it was written');
      } catch (error) {
        this.dirty = true;
        await this.handle.truncate(s.size).then(
          () => void (this.dirty = false),
          () => undefined,
        );
        throw error;
      }
    }

    this.state = { fileNo: rotate ? s.fileNo + 1 : s.fileNo, size: batch.end, lastSeq: batch.lastSeq, lastHash: batch.lastHash };
    const records = batch.committed.map((c) => c.record);
    this.options.onCommit(batch.committed, this.state);
    return rotate ? records.slice(1) : records;
  }
}
