// Re-reads every file and checks each record's hash, its seq and its link to the record before,
// then the checkpoint; reports the first seq where the chain is not what was written.
import { hash as digest } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogFile } from './audit-files';
import type { HeadReading } from './audit-head';
import { frameLine, GENESIS_HASH, HASH_HEX_LENGTH, hexAt } from './record-line';

const CHUNK_BYTES = 8 * 1024 * 1024;
const REPAIRED_PHASE = Buffer.from('"audit.repaired"');
/** From the first prevHash digit to the phase value: 64 digits, `","time":"`, 24 time characters, `","phase":`. */
const PHASE_OFFSET = HASH_HEX_LENGTH + 10 + 24 + 10;

export interface VerifyScope {
  files: LogFile[];
  lastFileNo: number;
  /** The last file is read up to the size its committed records fill, so appends in flight are not seen. */
  lastFileSize: number;
  lastSeq: number;
  head: HeadReading;
}

export interface ChainReport {
  ok: boolean;
  records: number;
  files: number;
  firstBadSeq: number | null;
  problem: string | null;
}

class ChainChecker {
  expected = 1;
  prevHash: string | null = GENESIS_HASH;
  records = 0;
  firstBadSeq: number | null = null;
  problem: string | null = null;
  checkpointHashSeen: string | null = null;

  constructor(private readonly checkpointSeq: number) {}

  note(seq: number | null, problem: string): void {
    if (this.problem !== null) return;
    this.problem = problem;
    this.firstBadSeq = seq;
  }

  line(buf: Buffer, start: number, end: number, fileName: string): void {
    this.records++;
    const expected = this.expected;
    const frame = frameLine(buf, start, end);
    if (frame === null) {
      this.note(expected, `record ${expected} (in ${fileName}) is not a well-formed audit record`);
      this.expected++;
      this.prevHash = null;
      return;
    }
    const hash = hexAt(buf, frame.hashStart);
    if (digest('sha256', buf.subarray(start, frame.bodyEnd), 'hex') !== hash) {
      this.note(expected, `record ${expected} (in ${fileName}) was altered: its hash does not match its content`);
    }
    const phaseAt = frame.prevHashStart + PHASE_OFFSET;
    // Only the log's own phases start with "a"; the full comparison runs for those alone.
    if (
      buf[phaseAt + 1] === 0x61 &&
      phaseAt + REPAIRED_PHASE.length <= frame.bodyEnd &&
      buf.compare(REPAIRED_PHASE, 0, REPAIRED_PHASE.length, phaseAt, phaseAt + REPAIRED_PHASE.length) === 0
    ) {
      this.repairedRecord(buf.toString('utf8', start, end), frame.seq);
    }
    if (frame.seq > expected)
      this.note(expected, `expected record ${expected} but found ${frame.seq} (in ${fileName}): records are missing or out of order`);
    else if (frame.seq < expected)
      this.note(expected, `expected record ${expected} but found ${frame.seq} (in ${fileName}): records are duplicated or out of order`);
    else if (this.prevHash !== null && hexAt(buf, frame.prevHashStart) !== this.prevHash) {
      this.note(expected, `record ${expected} (in ${fileName}) does not link to the record before it`);
    }
    if (frame.seq === this.checkpointSeq) this.checkpointHashSeen = hash;
    this.expected = frame.seq + 1;
    this.prevHash = hash;
  }

  /** A repair at open that found records gone is itself a finding. */
  private repairedRecord(line: string, seq: number): void {
    try {
      const summary = (JSON.parse(line) as { summary?: { kind?: unknown; detail?: unknown; firstMissingSeq?: unknown } }).summary;
      if (summary?.kind === 'torn-tail') return;
      const first = typeof summary?.firstMissingSeq === 'number' ? summary.firstMissingSeq : seq;
      this.note(first, `record ${seq} says: ${typeof summary?.detail === 'string' ? summary.detail : 'the log was found damaged at open'}`);
    } catch {
      this.note(seq, `record ${seq} is not valid JSON`);
    }
  }
}

async function checkFile(dir: string, file: LogFile, limit: number, checker: ChainChecker): Promise<void> {
  const handle = await open(join(dir, file.name), 'r');
  try {
    let buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let carried = 0;
    let position = 0;
    for (;;) {
      // An unfinished line carries over to the front of the next read; a line longer than the buffer grows it.
      if (carried === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]);
      const want = Math.min(buf.length - carried, limit - position);
      const { bytesRead } = want > 0 ? await handle.read(buf, carried, want, position) : { bytesRead: 0 };
      position += bytesRead;
      const filled = carried + bytesRead;
      let p = 0;
      for (let nl = buf.indexOf(10, p); nl >= 0 && nl < filled; nl = buf.indexOf(10, p)) {
        checker.line(buf, p, nl, file.name);
        p = nl + 1;
      }
      carried = filled - p;
      if (bytesRead === 0) break;
      buf.copy(buf, 0, p, filled);
    }
    if (carried > 0) {
      checker.records++;
      checker.note(checker.expected, `the last line of ${file.name} is cut off (record ${checker.expected})`);
    }
  } finally {
    await handle.close();
  }
}

/** Verifies the files in `scope`. */
export async function verifyChain(dir: string, scope: VerifyScope): Promise<ChainReport> {
  const checkpoint = scope.head.status === 'ok' ? scope.head.checkpoint : null;
  const checker = new ChainChecker(checkpoint?.seq ?? -1);
  for (const file of scope.files) {
    try {
      await checkFile(dir, file, file.no === scope.lastFileNo ? scope.lastFileSize : Infinity, checker);
    } catch (error) {
      checker.note(checker.expected, `${file.name} cannot be read: ${(error as Error).message}`);
    }
  }
  const lastSeen = checker.expected - 1;
  if (lastSeen < scope.lastSeq)
    checker.note(lastSeen + 1, `the log ends at record ${lastSeen} but records up to ${scope.lastSeq} were written`);
  if (scope.head.status === 'missing' && checker.records > 0) checker.note(null, 'the checkpoint file is missing');
  if (scope.head.status === 'unreadable') checker.note(null, 'the checkpoint file is unreadable');
  if (checkpoint !== null && checkpoint.seq > 0) {
    if (checkpoint.seq > lastSeen)
      checker.note(
        lastSeen + 1,
        `the checkpoint records seq ${checkpoint.seq} but the log ends at record ${lastSeen}: records were removed`,
      );
    else if (checker.checkpointHashSeen !== checkpoint.hash)
      checker.note(checkpoint.seq, `record ${checkpoint.seq} differs from the checkpoint`);
  }
  return {
    ok: checker.problem === null,
    records: checker.records,
    files: scope.files.length,
    firstBadSeq: checker.firstBadSeq,
    problem: checker.problem,
  };
}
