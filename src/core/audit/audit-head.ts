// The checkpoint: the seq and hash of the last durable record, so a log cut short is noticed.
// Two fixed slots written alternately, each with its own checksum, so a torn write leaves the other one.
import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { DURABLE_WRITE_FLAGS, HEAD_FILE, syncDir, WRITES_SYNC_THEMSELVES } from './audit-files';

const SLOT_BYTES = 256;

export interface Checkpoint {
  seq: number;
  hash: string;
  /** The log file holding that record and where the record ends in it. */
  file: string;
  end: number;
}

export type HeadReading = { status: 'missing' } | { status: 'unreadable' } | { status: 'ok'; checkpoint: Checkpoint; generation: number };

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function encodeSlot(checkpoint: Checkpoint, generation: number): Buffer {
  const core = JSON.stringify({ gen: generation, seq: checkpoint.seq, hash: checkpoint.hash, file: checkpoint.file, end: checkpoint.end });
  const text = sha256(core) + core;
  if (text.length > SLOT_BYTES - 1) throw new RangeError('checkpoint does not fit its slot');
  return Buffer.from(text.padEnd(SLOT_BYTES - 1, ' ') + '\n', 'latin1');
}

function decodeSlot(slot: Buffer): { checkpoint: Checkpoint; generation: number } | null {
  if (slot.length !== SLOT_BYTES) return null;
  const text = slot.toString('latin1').trimEnd();
  const core = text.slice(64);
  if (sha256(core) !== text.slice(0, 64)) return null;
  try {
    const value = JSON.parse(core) as { gen: number; seq: number; hash: string; file: string; end: number };
    if (![value.gen, value.seq, value.end].every(Number.isSafeInteger) || typeof value.hash !== 'string' || typeof value.file !== 'string')
      return null;
    return { checkpoint: { seq: value.seq, hash: value.hash, file: value.file, end: value.end }, generation: value.gen };
  } catch {
    return null;
  }
}

/** Reads the newest intact slot. */
export async function readHead(dir: string): Promise<HeadReading> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, HEAD_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    throw error;
  }
  const slots = [decodeSlot(bytes.subarray(0, SLOT_BYTES)), decodeSlot(bytes.subarray(SLOT_BYTES, 2 * SLOT_BYTES))];
  const best = slots.reduce((a, b) => (b !== null && (a === null || b.generation > a.generation) ? b : a), null);
  return best === null ? { status: 'unreadable' } : { status: 'ok', ...best };
}

/** Keeps the checkpoint file current; writes are serialized and coalesced, the newest state wins. */
export class HeadWriter {
  private pending: Checkpoint | null = null;
  private writing: Promise<void> | null = null;
  private failure: unknown = null;

  private constructor(
    private readonly handle: FileHandle,
    private generation: number,
  ) {}

  /** Opens the checkpoint file, creating it with `initial` when missing or unreadable. */
  static async open(dir: string, reading: HeadReading, initial: Checkpoint): Promise<HeadWriter> {
    const path = join(dir, HEAD_FILE);
    if (reading.status === 'ok') return new HeadWriter(await open(path, DURABLE_WRITE_FLAGS), reading.generation);
    const handle = await open(path, 'w', 0o600);
    await handle.close();
    const writer = new HeadWriter(await open(path, DURABLE_WRITE_FLAGS), 0);
    await writer.writeNow(initial);
    await writer.writeNow(initial);
    await syncDir(dir);
    return writer;
  }

  /** The error of the last failed write, cleared by a later successful one. */
  get error(): unknown {
    return this.failure;
  }

  /** Records a new checkpoint in the background. */
  schedule(checkpoint: Checkpoint): void {
    this.pending = checkpoint;
    if (this.writing === null) this.writing = this.drain();
  }

  /** Waits for scheduled writes; rejects with the last failure if the newest state is not on disk. */
  async flush(): Promise<void> {
    while (this.writing !== null) await this.writing;
    if (this.failure !== null) throw this.failure;
  }

  /** Writes `checkpoint` now (used to retry after a failure). */
  async writeNow(checkpoint: Checkpoint): Promise<void> {
    await this.flush().catch(() => undefined);
    this.pending = checkpoint;
    this.writing = this.drain();
    await this.flush();
  }

  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    await this.handle.close();
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending !== null) {
        const checkpoint = this.pending;
        this.pending = null;
        const generation = this.generation + 1;
        try {
          await this.handle.write(encodeSlot(checkpoint, generation), 0, SLOT_BYTES, (generation % 2) * SLOT_BYTES);
          if (!WRITES_SYNC_THEMSELVES) await this.handle.datasync();
          this.generation = generation;
          this.failure = null;
        } catch (error) {
          this.failure = error;
        }
      }
    } finally {
      this.writing = null;
    }
  }
}
