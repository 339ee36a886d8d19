// Turns streamed output chunks into display lines: per-stream partial lines, ANSI codes stripped, the host's
// "output skipped" marker as a line of its own, and a cap on how many lines are kept.
(() => {
  'use strict';

  /** CSI and OSC sequences (colours, cursor moves, titles): a page shows text, never a terminal. */
  // eslint-disable-next-line no-control-regex -- escape codes are exactly what this strips.
  const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
  /** A longer line is cut for display; the rest is counted, not drawn. */
  const MAX_LINE_CHARS = 2000;

  function clean(text) {
    return text.replace(ANSI, '');
  }

  function cut(text) {
    return text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}… (${text.length - MAX_LINE_CHARS} more characters)` : text;
  }

  /**
   * A bounded list of lines. `append(stream, text)` splits on \n, \r\n and a lone \r (progress output);
   * an unfinished line stays open and grows with the next chunk of the same stream. Past `maxLines` the
   * oldest lines are dropped (counted in `dropped`), so memory stays bounded however long a stream runs.
   */
  function createLineBuffer({ maxLines = 50_000 } = {}) {
    let lines = [];
    let dropped = 0;
    const open = { stdout: null, stderr: null };

    function push(line) {
      lines.push(line);
      if (lines.length > maxLines) {
        // Drop a tenth at once so trimming stays cheap per line.
        const excess = lines.length - maxLines + Math.ceil(maxLines / 10);
        lines = lines.slice(excess);
        dropped += excess;
        for (const key of Object.keys(open)) if (open[key] && !lines.includes(open[key])) open[key] = null;
      }
      return line;
    }

    function append(stream, text) {
      const key = stream === 'stderr' ? 'stderr' : 'stdout';
      const parts = clean(String(text)).split(/\r\n|\n|\r/);
      parts.forEach((part, index) => {
        const last = index === parts.length - 1;
        if (index === 0 && open[key]) {
          open[key].raw += part;
          open[key].text = cut(open[key].raw);
        } else if (!(last && part === '')) {
          open[key] = push({ kind: 'line', stream: key, raw: part, text: cut(part) });
        }
        if (!last) open[key] = null;
      });
      if (parts.length > 1 && parts[parts.length - 1] === '') open[key] = null;
    }

    /** The host dropped `bytes` of this stream because the page read too slowly: one line says so. */
    function skipped(stream, bytes) {
      const key = stream === 'stderr' ? 'stderr' : 'stdout';
      open[key] = null;
      const amount = Number.isFinite(bytes) && bytes > 0 ? `${bytes.toLocaleString('en')} bytes of ${key}` : `some ${key}`;
      push({
        kind: 'skipped',
        stream: key,
        raw: '',
        text: `… output skipped: ${amount} was not shown (the stream ran ahead of this page)`,
      });
    }

    /** A line of the page's own (a step title, a status), not output of the tool. */
    function note(text) {
      open.stdout = null;
      open.stderr = null;
      push({ kind: 'note', stream: 'none', raw: text, text: cut(text) });
    }

    return {
      append,
      skipped,
      note,
      clear() {
        lines = [];
        dropped = 0;
        open.stdout = null;
        open.stderr = null;
      },
      get length() {
        return lines.length;
      },
      get dropped() {
        return dropped;
      },
      at: (index) => lines[index],
    };
  }

  window.LogLines = { createLineBuffer, stripAnsi: clean, MAX_LINE_CHARS };
})();
