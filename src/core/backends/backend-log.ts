// What a backend wrote to stdout and stderr, for the user to read on the plugin's page: a ring of lines per
// plugin, each line cut, so a chatty or hostile backend costs the host a fixed amount of memory.
import { stripUndisplayable } from '@gatehouse/plugin-sdk/node';

export interface BackendLogLine {
  at: number;
  stream: 'stdout' | 'stderr' | 'host';
  text: string;
}

export interface BackendLogLimits {
  lines: number;
  lineChars: number;
}

export const DEFAULT_BACKEND_LOG_LIMITS: BackendLogLimits = { lines: 500, lineChars: 2000 };

export interface BackendLog {
  /** Appends a chunk of output: split into lines, a partial last line kept until its end arrives. */
  write(stream: BackendLogLine['stream'], chunk: string): void;
  lines(): BackendLogLine[];
  /** Lines dropped off the front since the start. */
  dropped(): number;
}

// What the plugin's page must never render from a backend: the control and bidi characters the SDK's
// `isDisplayText` refuses (terminal escapes, the 8-bit CSI U+009B, overrides that reorder a line), and line
// and paragraph separators that would start a line the host did not split.
const SEPARATORS = /[\u2028\u2029]/g;
const clean = (text: string) => stripUndisplayable(text).replace(SEPARATORS, '');

/** At most `max` UTF-16 units, never ending inside a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

export function createBackendLog(now: () => number, limits: BackendLogLimits = DEFAULT_BACKEND_LOG_LIMITS): BackendLog {
  const ring: BackendLogLine[] = [];
  const partial = { stdout: '', stderr: '', host: '' };
  let dropped = 0;
  const push = (stream: BackendLogLine['stream'], text: string) => {
    ring.push({ at: now(), stream, text: cut(clean(text), limits.lineChars) });
    if (ring.length > limits.lines) {
      ring.shift();
      dropped += 1;
    }
  };
  return {
    write(stream, chunk) {
      const parts = (partial[stream] + chunk).split('\n');
      partial[stream] = parts.pop() ?? '';
      // A line that never ends is flushed at the cap instead of growing without bound.
      if (partial[stream].length > limits.lineChars) {
        parts.push(partial[stream]);
        partial[stream] = '';
      }
      for (const line of parts) push(stream, line);
    },
    lines: () => [...ring],
    dropped: () => dropped,
  };
}
