import type { ClipboardPort } from '../../src/core/ports';

/**
 * A named fake at the one edge the browser suite cannot reach: Chromium's system clipboard is not the
 * Electron clipboard the app uses. It counts reads and writes and never logs the text.
 */
export function createFakeClipboard(initial = '') {
  let text = initial;
  const counts = { reads: 0, writes: 0 };
  const port: ClipboardPort = {
    readText() {
      counts.reads++;
      return text;
    },
    writeText(value) {
      counts.writes++;
      text = value;
    },
  };
  return { port, counts, peek: () => text, set: (value: string) => void (text = value) };
}
export type FakeClipboard = ReturnType<typeof createFakeClipboard>;
