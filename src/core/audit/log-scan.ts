// Reads the log at open: indexes every record and finds where an unfinished last write begins.
import { isAscii } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditIndex } from './audit-index';
import type { LogFile } from './audit-files';
import type { Checkpoint } from './audit-head';
import { readLineFields, type LineFields } from './line-fields';
import { frameLine, GENESIS_HASH, hexAt, lineHashMatches } from './record-line';

export interface TornTail {
  file: LogFile;
  /** Where the cut begins; everything from here to the end of the file goes. */
  offset: number;
  bytes: Buffer;
  /** Lines (complete or not) in the cut. */
  lines: number;
  cause: string;
}

export interface ScanResult {
  lastFile: LogFile | null;
  /** Size of the last file once the torn tail is cut. */
  lastFileSize: number;
  lastSeq: number;
  lastHash: string;
  torn: TornTail | null;
  /** Whether a kept record carries the checkpoint's seq and hash. */
  checkpointFound: boolean;
}

interface LineSpan {
  start: number;
  end: number;
  /** Whether a newline ends it. */
  complete: boolean;
}

function splitLines(buf: Buffer, from: number): LineSpan[] {
  const spans: LineSpan[] = [];
  let p = from;
  while (p < buf.length) {
    const nl = buf.indexOf(10, p);
    if (nl < 0) {
      spans.push({ start: p, end: buf.length, complete: false });
      break;
    }
    spans.push({ start: p, end: nl, complete: true });
    p = nl + 1;
  }
  return spans;
}

function placeholder(seq: number): LineFields {
  return {
    seq,
    timeMs: NaN,
    phase: '',
    correlationId: null,
    pluginId: null,
    action: '',
    scope: null,
    decision: null,
    code: null,
    workflowId: null,
    text: '',
  };
}

/**
 * How many leading lines of the last file to keep. A line passes when it is whole, hashes right and links
 * to the line before it; only what follows the last passing line can be an unfinished write, and the
 * checkpointed record is never given up.
 */
function linesToKeep(
  buf: Buffer,
  spans: LineSpan[],
  seq: number,
  hash: string,
  checkpoint: Checkpoint | null,
): { keep: number; cause: string } {
  const failures: string[] = [];
  let anchor = -1;
  let lastPass = -1;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    const frame = span.complete ? frameLine(buf, span.start, span.end) : null;
    let failure = '';
    if (!span.complete) failure = 'an unfinished line (no newline)';
    else if (frame === null) failure = 'a line that is not a whole record';
    else if (!lineHashMatches(buf, span.start, frame)) failure = 'a line whose hash does not match';
    else if (frame.seq !== seq + 1 || hexAt(buf, frame.prevHashStart) !== hash) failure = 'a line that does not continue the chain';
    failures.push(failure);
    if (failure === '') lastPass = i;
    if (frame !== null) {
      seq = frame.seq;
      hash = hexAt(buf, frame.hashStart);
      if (checkpoint !== null && frame.seq === checkpoint.seq && hash === checkpoint.hash) anchor = i;
    } else {
      seq++;
      hash = '';
    }
  }
  const keep = Math.max(lastPass, anchor) + 1;
  return { keep, cause: failures[keep] ?? '' };
}

/** Where a scan begins when a snapshot already indexed everything before it. */
export interface ScanStart {
  fileNo: number;
  size: number;
  lastSeq: number;
  lastHash: string;
}

/**
 * Scans the files (from `start`, when given), indexing kept records into `index`.
 * Reads only; the caller cuts the torn tail.
 */
export async function scanLog(
  dir: string,
  files: LogFile[],
  checkpoint: Checkpoint | null,
  index: AuditIndex,
  start: ScanStart | null = null,
): Promise<ScanResult> {
  let lastSeq = start?.lastSeq ?? 0;
  let lastHash = start?.lastHash ?? GENESIS_HASH;
  let checkpointFound = checkpoint === null || checkpoint.seq === 0 || (checkpoint.seq === lastSeq && checkpoint.hash === lastHash);
  let torn: TornTail | null = null;
  let lastFileSize = 0;

  for (let k = 0; k < files.length; k++) {
    const file = files[k]!;
    if (start !== null && file.no < start.fileNo) continue;
    const buf = await readFile(join(dir, file.name));
    const spans = splitLines(buf, start !== null && file.no === start.fileNo ? start.size : 0);
    const isLast = k === files.length - 1;
    let keep = spans.length;

    if (isLast) {
      const { keep: kept, cause } = linesToKeep(buf, spans, lastSeq, lastHash, checkpoint);
      keep = kept;
      if (keep < spans.length) {
        const offset = spans[keep]!.start;
        torn = { file, offset, bytes: Buffer.from(buf.subarray(offset)), lines: spans.length - keep, cause };
      }
      lastFileSize = keep < spans.length ? spans[keep]!.start : buf.length;
    }

    const ascii = isAscii(buf);
    const text = ascii ? buf.toString('latin1') : '';
    const storedHash = (span: LineSpan): string | null => {
      const frame = span.complete ? frameLine(buf, span.start, span.end) : null;
      return frame === null ? null : hexAt(buf, frame.hashStart);
    };
    for (let i = 0; i < keep; i++) {
      const span = spans[i]!;
      const line = ascii ? text.slice(span.start, span.end) : buf.toString('utf8', span.start, span.end);
      let fields = span.complete ? readLineFields(line) : null;
      if (fields === null) fields = placeholder(frameLine(buf, span.start, span.end)?.seq ?? lastSeq + 1);
      index.add(fields, { file: file.no, offset: span.start, length: span.end - span.start });
      lastSeq = fields.seq;
      if (!checkpointFound && checkpoint !== null && fields.seq === checkpoint.seq && storedHash(span) === checkpoint.hash)
        checkpointFound = true;
    }
    if (keep > 0) lastHash = storedHash(spans[keep - 1]!) ?? lastHash;
  }

  return { lastFile: files[files.length - 1] ?? null, lastFileSize, lastSeq, lastHash, torn, checkpointFound };
}
