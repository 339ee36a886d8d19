import type { HostsRecord } from '@gatehouse/plugin-sdk';
import { scopeViolation } from '../action-failure';

export const DEFAULT_HOSTS_TAG = 'default';

/** Marker lines of the section a plugin owns, without line ending. */
export function hostsSectionMarkers(pluginId: string, tag: string): { begin: string; end: string } {
  return { begin: `# >>> gatehouse ${pluginId} ${tag}`, end: `# <<< gatehouse ${pluginId} ${tag}` };
}

/** Anything that looks like a Gatehouse marker, however it is spaced or cased. */
const LOOSE_MARKER = /^[ \t]*#[ \t]*(>>>|<<<)[ \t]*gatehouse(?:[ \t]+(.*?))?[ \t]*$/i;

interface Line {
  /** Byte offset of the first byte of the line. */
  start: number;
  /** Byte offset just after the line's `\n` (or the end of the file). */
  end: number;
  /** The line without its `\r\n` or `\n`, one char per byte. */
  text: string;
  eol: '' | '\n' | '\r\n';
}

function splitLines(bytes: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf('\n', start);
    const end = newline === -1 ? bytes.length : newline + 1;
    let text = bytes.slice(start, newline === -1 ? end : newline);
    let eol: Line['eol'] = newline === -1 ? '' : '\n';
    if (eol === '\n' && text.endsWith('\r')) {
      text = text.slice(0, -1);
      eol = '\r\n';
    }
    lines.push({ start, end, text, eol });
    start = end;
  }
  return lines;
}

export interface HostsSectionLocation {
  /** Byte offsets: the section runs from the start of its begin marker to just after its end marker's line ending. */
  start: number;
  end: number;
  eol: '' | '\n' | '\r\n';
  beginEol: '\n' | '\r\n';
}

/**
 * Finds the section of `pluginId`/`tag`. Refuses (SCOPE_VIOLATION `hosts-markers-corrupt`) a marker for it that
 * is malformed, duplicated, unbalanced or out of order, or any other Gatehouse marker inside it, rather than guess.
 */
export function findHostsSection(content: Buffer, pluginId: string, tag: string): HostsSectionLocation | null {
  const { begin, end } = hostsSectionMarkers(pluginId, tag);
  const lines = splitLines(content.toString('latin1'));
  const begins: number[] = [];
  const ends: number[] = [];
  const markers: number[] = [];
  const corrupt = (why: string, line: number) =>
    scopeViolation(
      'hosts-markers-corrupt',
      `The hosts file has a ${why} marker for section "${tag}" of ${pluginId} (line ${line + 1}); fix it by hand first.`,
      {
        tag,
        line: line + 1,
      },
    );
  lines.forEach((line, index) => {
    const match = LOOSE_MARKER.exec(line.text);
    if (!match) return;
    markers.push(index);
    const [owner, markerTag = DEFAULT_HOSTS_TAG, ...extra] = (match[2] ?? '').split(/[ \t]+/).filter(Boolean);
    if (owner !== pluginId || markerTag !== tag) return;
    if (line.text === begin) begins.push(index);
    else if (line.text === end) ends.push(index);
    else throw corrupt(extra.length > 0 ? 'malformed (extra words)' : 'malformed', index);
  });
  if (begins.length === 0 && ends.length === 0) return null;
  if (begins.length > 1) throw corrupt('duplicated begin', begins[1]!);
  if (ends.length > 1) throw corrupt('duplicated end', ends[1]!);
  const first = begins[0];
  const last = ends[0];
  if (first === undefined) throw corrupt('lone end', last!);
  if (last === undefined) throw corrupt('unterminated begin', first);
  if (last < first) throw corrupt('misordered end', last);
  const nested = markers.find((index) => index > first && index < last);
  if (nested !== undefined) throw corrupt('nested', nested);
  const beginLine = lines[first]!;
  const endLine = lines[last]!;
  return { start: beginLine.start, end: endLine.end, eol: endLine.eol, beginEol: beginLine.eol === '\r\n' ? '\r\n' : '\n' };
}

/** One hosts line: `address<TAB>hostname`, then `  # comment` when there is one. */
export function formatHostsRecord(record: HostsRecord): string {
  const comment = record.comment?.trim();
  return `${record.address}\t${record.hostname}${comment ? `  # ${comment}` : ''}`;
}

function lineEndingOf(bytes: string): '\n' | '\r\n' {
  const newline = bytes.indexOf('\n');
  return newline > 0 && bytes[newline - 1] === '\r' ? '\r\n' : '\n';
}

export interface HostsSectionEdit {
  /** The whole new file. */
  content: Buffer;
  changed: boolean;
  hadSection: boolean;
}

/**
 * Replaces the section of `pluginId`/`tag` with `records` (an empty list removes it; a missing section is
 * appended at the end). Every byte outside the section is kept as it is, line endings included.
 */
export function replaceHostsSection(current: Buffer, pluginId: string, tag: string, records: readonly HostsRecord[]): HostsSectionEdit {
  const location = findHostsSection(current, pluginId, tag);
  const { begin, end } = hostsSectionMarkers(pluginId, tag);
  const bytes = current.toString('latin1');
  const eol = location?.beginEol ?? lineEndingOf(bytes);
  const sectionLines = records.length === 0 ? [] : [begin, ...records.map(formatHostsRecord), end];
  let content: Buffer;
  if (location) {
    const lastEol = location.eol;
    const section = sectionLines.length === 0 ? '' : sectionLines.join(eol) + lastEol;
    content = Buffer.concat([current.subarray(0, location.start), Buffer.from(section, 'utf8'), current.subarray(location.end)]);
  } else if (sectionLines.length === 0) {
    content = current;
  } else {
    const separator = bytes.length > 0 && !bytes.endsWith('\n') ? eol : '';
    content = Buffer.concat([current, Buffer.from(separator + sectionLines.join(eol) + eol, 'utf8')]);
  }
  return { content, changed: !content.equals(current), hadSection: location !== null };
}
