// The stream's own rules, fed bytes directly: window, budget, coalescing, encodings and secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionEvent } from '@gatehouse/plugin-sdk';
import { createActionStream } from '../../../src/core/process/action-stream';

type Output = Extract<ActionEvent, { type: 'output' }>;
const outputs = (events: ActionEvent[]) => events.filter((e): e is Output => e.type === 'output');

test('with the window full, chunks wait and coalesce; an ack lets them go in order', () => {
  const events: ActionEvent[] = [];
  const stream = createActionStream({ emit: (e) => events.push(e), windowBytes: 100, budgetBytes: 10_000 });
  const sink = stream.process({ encoding: 'utf8', secrets: [] });
  sink.write('stdout', Buffer.alloc(80, 'a'));
  for (let i = 0; i < 10; i++) sink.write('stdout', Buffer.from(`line-${i}\n`));
  assert.equal(outputs(events).length, 1, 'only the first chunk fits the window');
  stream.ack(0);
  assert.equal(outputs(events).length, 2, 'the waiting lines went as one chunk');
  assert.equal(outputs(events)[1]?.data, Array.from({ length: 10 }, (_, i) => `line-${i}\n`).join(''));
  stream.finish();
  assert.deepEqual(
    events.map((e) => e.seq),
    [0, 1, 2],
  );
  assert.equal(events.at(-1)?.type, 'end');
});

test('past the budget output is dropped with one marker per gap, and the next kept byte starts a character', () => {
  const events: ActionEvent[] = [];
  const stream = createActionStream({ emit: (e) => events.push(e), windowBytes: 64, budgetBytes: 8 });
  const sink = stream.process({ encoding: 'utf8', secrets: [] });
  sink.write('stdout', Buffer.alloc(64, 'x')); // fills the window
  sink.write('stdout', Buffer.from('12345678')); // fills the budget
  const euro = Buffer.from('€'); // three bytes
  sink.write('stdout', Buffer.concat([Buffer.from('dropped'), euro.subarray(0, 1)]));
  sink.write('stdout', Buffer.from('more'));
  stream.ack(0);
  sink.write('stdout', Buffer.concat([euro.subarray(1), Buffer.from('kept')]));
  stream.ack(10);
  stream.finish();
  const kinds = events.map((e) => (e.type === 'output' ? e.data : e.type === 'skipped' ? `<skipped ${e.bytes}>` : e.type));
  assert.deepEqual(kinds, ['x'.repeat(64), '12345678', '<skipped 14>', 'kept', 'end']);
  assert.deepEqual(stream.stats(), { bytesSent: 76, chunks: 3, skippedBytes: 14, skippedMarkers: 1 });
});

test('base64 chunks are whole byte groups that join into the original bytes', () => {
  const events: ActionEvent[] = [];
  const stream = createActionStream({ emit: (e) => events.push(e) });
  const sink = stream.process({ encoding: 'base64', secrets: [] });
  const bytes = Buffer.from(Array.from({ length: 100 }, (_, i) => (i * 37) % 256));
  for (let at = 0; at < bytes.length; at += 7) sink.write('stdout', bytes.subarray(at, at + 7));
  sink.close();
  stream.finish();
  const chunks = outputs(events).map((e) => e.data);
  assert.ok(
    chunks.slice(0, -1).every((chunk) => !chunk.includes('=')),
    'padding only at the very end',
  );
  assert.deepEqual(Buffer.from(chunks.join(''), 'base64'), bytes);
});

test('a secret split across reads is redacted from the stream', () => {
  const events: ActionEvent[] = [];
  const stream = createActionStream({ emit: (e) => events.push(e) });
  const sink = stream.process({ encoding: 'utf8', secrets: ['hunter2-secret'] });
  for (const part of ['token=hun', 'ter2-se', 'cret done\n']) sink.write('stdout', Buffer.from(part));
  sink.close();
  stream.finish();
  const text = outputs(events)
    .map((e) => e.data)
    .join('');
  assert.equal(text, 'token=[redacted] done\n');
});

test('chunks are never larger than the scope cap', () => {
  const events: ActionEvent[] = [];
  const stream = createActionStream({ emit: (e) => events.push(e), windowBytes: 1 });
  const sink = stream.process({ encoding: 'utf8', secrets: [], maxOutputBytes: 1000 });
  sink.write('stdout', Buffer.alloc(4500, 'z'));
  for (let seq = 0; seq < 10; seq++) stream.ack(seq);
  stream.finish();
  const sizes = outputs(events).map((e) => e.data.length);
  assert.deepEqual(sizes, [1000, 1000, 1000, 1000, 500]);
});
