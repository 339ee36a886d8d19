// What a backend wrote to stdout and stderr, for the user to read on the plugin's page: a ring of lines per
// plugin, each line cut, so a chatty or hostile backend costs the host a fixed amount of memory.

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

// eslint-disable-next-line no-control-regex -- control characters other than tab are what is removed
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u001b]/g;

export function createBackendLog(now: () => number, limits: BackendLogLimits = DEFAULT_BACKEND_LOG_LIMITS): BackendLog {
  const ring: BackendLogLine[] = [];
  const partial = { stdout: '', stderr: '', host: '' };
  let dropped = 0;
  const push = (stream: BackendLogLine['stream'], text: string) => {
    const clean = text.replace(CONTROL, '');
    ring.push({ at: now(), stream, text: clean.length > limits.lineChars ? `${clean.slice(0, limits.lineChars)}…` : clean });
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
