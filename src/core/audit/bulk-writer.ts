// Fills a new log quickly with generated records (benchmarks, large fixtures): the same lines, chain,
// rotation and checkpoint that appends produce, synced once at the end instead of per batch.
import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditUnavailableError } from './audit-errors';
import { DEFAULT_MAX_FILE_BYTES, listLogFiles, logFileName, syncDir } from './audit-files';
import { HeadWriter, readHead } from './audit-head';
import type { AuditRecordInput } from './audit-types';
import { lockAuditDir } from './dir-lock';
import { prepareRecord } from './record-input';
import { composeLine, GENESIS_HASH, isoTime } from './record-line';
import { rotatedRecord } from './special-records';

const FLUSH_CHARS = 4 * 1024 * 1024;

export interface BulkWriteOptions {
  /** A directory without a log in it. */
  dir: string;
  count: number;
  record(i: number): AuditRecordInput;
  clock?: { now(): number };
  maxFileBytes?: number;
}

/** Writes `count` records to a new log in `dir`. Not for a log that is open. */
export async function writeAuditRecordsForBenchmark(options: BulkWriteOptions): Promise<{ records: number; files: number; bytes: number }> {
  const { dir, count } = options;
  const clock = options.clock ?? { now: () => Date.now() };
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const unlock = await lockAuditDir(dir);
  try {
    if ((await listLogFiles(dir)).length > 0 || (await readHead(dir)).status !== 'missing') {
      throw new AuditUnavailableError(`${dir} already holds an audit log`);
    }
    let fileNo = 1;
    let handle: FileHandle = await open(join(dir, logFileName(fileNo)), 'wx', 0o600);
    let size = 0;
    let total = 0;
    let seq = 0;
    let hash = GENESIS_HASH;
    let pending: string[] = [];
    let pendingChars = 0;
    const flush = async () => {
      const buf = Buffer.from(pending.join(''), 'utf8');
      let done = 0;
      while (done < buf.length) done += (await handle.write(buf, done, buf.length - done)).bytesWritten;
      pending = [];
      pendingChars = 0;
    };
    const push = (composed: { line: string; hash: string }) => {
      const bytes = Buffer.byteLength(composed.line);
      seq++;
      hash = composed.hash;
      pending.push(composed.line);
      pendingChars += composed.line.length;
      size += bytes;
      total += bytes;
    };
    const compose = (input: AuditRecordInput) => composeLine(seq + 1, hash, isoTime(clock.now()), prepareRecord(input).fields);
    for (let i = 0; i < count; i++) {
      const input = options.record(i);
      let composed = compose(input);
      if (size > 0 && size + Buffer.byteLength(composed.line) > maxFileBytes) {
        await flush();
        await handle.sync();
        await handle.close();
        fileNo++;
        handle = await open(join(dir, logFileName(fileNo)), 'wx', 0o600);
        size = 0;
        push(compose(rotatedRecord(logFileName(fileNo - 1), logFileName(fileNo), seq)));
        composed = compose(input);
      }
      push(composed);
      if (pendingChars >= FLUSH_CHARS) await flush();
    }
    await flush();
    await handle.sync();
    await handle.close();
    await syncDir(dir);
    const head = await HeadWriter.open(dir, { status: 'missing' }, { seq, hash, file: logFileName(fileNo), end: size });
    await head.close();
    return { records: seq, files: fileNo, bytes: total };
  } finally {
    await unlock();
  }
}
