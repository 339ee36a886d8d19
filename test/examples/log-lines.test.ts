// The shared line buffer behind the examples' streamed output view, run as shipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { examplesDir } from './example-plugins';

interface Line {
  kind: 'line' | 'skipped' | 'note';
  stream: string;
  text: string;
}
interface LineBuffer {
  append(stream: string, text: string): void;
  skipped(stream: string, bytes: number): void;
  note(text: string): void;
  clear(): void;
  readonly length: number;
  readonly dropped: number;
  at(index: number): Line;
}

function loadLineBuffer(options?: { maxLines?: number }): LineBuffer {
  const file = join(examplesDir, 'shared', 'log-lines.js');
  const window: { LogLines?: { createLineBuffer(options?: { maxLines?: number }): LineBuffer } } = {};
  (runInThisContext(`(function (window) {\n${readFileSync(file, 'utf8')}\n})`, { filename: file }) as (w: unknown) => void)(window);
  return window.LogLines!.createLineBuffer(options);
}

const texts = (buffer: LineBuffer) => Array.from({ length: buffer.length }, (_, i) => buffer.at(i).text);

test('chunks split anywhere become whole lines, each stream keeping its own unfinished line', () => {
  const buffer = loadLineBuffer();
  buffer.append('stdout', 'line 1\nli');
  buffer.append('stderr', 'warn');
  buffer.append('stdout', 'ne 2\r\nline 3\n');
  buffer.append('stderr', 'ing\n');
  assert.deepEqual(texts(buffer), ['line 1', 'line 2', 'warning', 'line 3']);
  assert.deepEqual(
    Array.from({ length: buffer.length }, (_, i) => buffer.at(i).stream),
    ['stdout', 'stdout', 'stderr', 'stdout'],
  );
});

test('a lone carriage return starts a new line, blank lines stay, colour codes are stripped', () => {
  const buffer = loadLineBuffer();
  buffer.append('stdout', 'Downloading 10%\rDownloading 50%\r\n\n\u001b[32mdone\u001b[0m\n');
  assert.deepEqual(texts(buffer), ['Downloading 10%', 'Downloading 50%', '', 'done']);
});

test('skipped output is one distinct line and closes the unfinished line before it', () => {
  const buffer = loadLineBuffer();
  buffer.append('stdout', 'partial');
  buffer.skipped('stdout', 1048576);
  buffer.append('stdout', 'after\n');
  assert.equal(buffer.length, 3);
  assert.equal(buffer.at(1).kind, 'skipped');
  assert.match(buffer.at(1).text, /output skipped: 1,048,576 bytes of stdout/);
  assert.equal(buffer.at(2).text, 'after');
});

test('past the cap the oldest lines go and are counted, so memory stays bounded', () => {
  const buffer = loadLineBuffer({ maxLines: 100 });
  for (let i = 0; i < 1000; i++) buffer.append('stdout', `line ${i}\n`);
  assert.ok(buffer.length <= 100, `kept ${buffer.length}`);
  assert.equal(buffer.length + buffer.dropped, 1000);
  assert.equal(buffer.at(buffer.length - 1).text, 'line 999');
});

test('a very long line is cut for display and says by how much', () => {
  const buffer = loadLineBuffer();
  buffer.append('stdout', `${'x'.repeat(5000)}\n`);
  assert.match(buffer.at(0).text, /… \(3000 more characters\)$/);
});
