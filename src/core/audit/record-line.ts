// The stored line: `{"seq":N,"prevHash":"…","time":"…",<fields>,"hash":"…"}` where hash = sha256 of
// every byte before `,"hash":"`. Fixed positions let verification skip JSON parsing.
import { hash as digest } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);
export const HASH_HEX_LENGTH = 64;
/** `,"hash":"` + 64 hex digits + `"}`. */
export const HASH_SUFFIX_LENGTH = 75;
const LINE_PREFIX = '{"seq":';
const PREV_HASH_KEY = ',"prevHash":"';
const HASH_KEY = ',"hash":"';
/** Latest time whose ISO form keeps its fixed 24-character width. */
export const MAX_TIME_MS = 253402300799999;

/** Builds one stored line (with its newline) and its hash. */
export function composeLine(seq: number, prevHash: string, timeIso: string, fields: string): { line: string; hash: string } {
  const body = `${LINE_PREFIX}${seq}${PREV_HASH_KEY}${prevHash}","time":"${timeIso}",${fields}`;
  const hash = digest('sha256', body, 'hex');
  return { line: `${body}${HASH_KEY}${hash}"}\n`, hash };
}

/** The ISO time of a clock reading, refusing readings that would break the fixed line layout. */
export function isoTime(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_TIME_MS) throw new RangeError(`clock reading ${ms} is not a usable time`);
  return new Date(ms).toISOString();
}

export interface LineFrame {
  seq: number;
  prevHashStart: number;
  /** Where the record's own hash digits start. */
  hashStart: number;
  /** End of the hashed bytes. */
  bodyEnd: number;
}

const PREFIX_BYTES = Buffer.from(LINE_PREFIX);
const PREV_HASH_BYTES = Buffer.from(PREV_HASH_KEY);
const HASH_KEY_BYTES = Buffer.from(HASH_KEY);

function bytesAt(buf: Buffer, at: number, expected: Buffer): boolean {
  if (at < 0 || at + expected.length > buf.length) return false;
  for (let i = 0; i < expected.length; i++) if (buf[at + i] !== expected[i]) return false;
  return true;
}

/** Reads the fixed parts of the line in buf[start, end) (no newline), or null when the layout is wrong. */
export function frameLine(buf: Buffer, start: number, end: number): LineFrame | null {
  const minimum = PREFIX_BYTES.length + 1 + PREV_HASH_BYTES.length + HASH_HEX_LENGTH + HASH_SUFFIX_LENGTH;
  if (end - start < minimum || !bytesAt(buf, start, PREFIX_BYTES)) return null;
  let p = start + PREFIX_BYTES.length;
  let seq = 0;
  const digitsStart = p;
  while (p < end && buf[p]! >= 48 && buf[p]! <= 57 && p - digitsStart < 15) seq = seq * 10 + (buf[p++]! - 48);
  if (p === digitsStart || (buf[digitsStart] === 48 && p - digitsStart > 1)) return null;
  if (!bytesAt(buf, p, PREV_HASH_BYTES)) return null;
  const prevHashStart = p + PREV_HASH_BYTES.length;
  const bodyEnd = end - HASH_SUFFIX_LENGTH;
  const hashStart = bodyEnd + HASH_KEY_BYTES.length;
  if (bodyEnd < prevHashStart + HASH_HEX_LENGTH || !bytesAt(buf, bodyEnd, HASH_KEY_BYTES)) return null;
  // Hash digits are not checked here: a non-hex digest never equals a computed one.
  if (buf[end - 2] !== 0x22 || buf[end - 1] !== 0x7d) return null;
  return { seq, prevHashStart, hashStart, bodyEnd };
}

/** Whether the stored hash of a framed line matches its bytes. */
export function lineHashMatches(buf: Buffer, start: number, frame: LineFrame): boolean {
  const actual = digest('sha256', buf.subarray(start, frame.bodyEnd), 'hex');
  return actual === buf.toString('latin1', frame.hashStart, frame.hashStart + HASH_HEX_LENGTH);
}

/** The 64 hex digits at `at`, as a string. */
export function hexAt(buf: Buffer, at: number): string {
  return buf.toString('latin1', at, at + HASH_HEX_LENGTH);
}
