// The guard in front of a backend's channel reader, on an in-memory stream: what passes, what ends the
// channel and why, and when it stops reading. The escape suite runs the same guard against a real process.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { DEFAULT_BACKEND_CHANNEL_BOUNDS, type BackendChannelViolation } from '../../../src/core/backends/backend-channel-bounds';
import { guardFrames } from '../../../src/core/backends/bounded-frame-guard';
import { structuredMessageSize } from '../../../src/core/backends/structured-message-size';

const bounds = { ...DEFAULT_BACKEND_CHANNEL_BOUNDS, maxMessageBytes: 1000, maxQueuedMessages: 4, maxQueuedBytes: 10_000 };
const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

function guarded() {
  const source = new PassThrough();
  const violations: BackendChannelViolation[] = [];
  const guard = guardFrames(source, bounds, (violation) => violations.push(violation));
  const passed: Buffer[] = [];
  guard.readable.on('data', (chunk: Buffer) => passed.push(chunk));
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return { source, guard, violations, passed: () => Buffer.concat(passed).toString(), flush };
}

describe('backend channel guard', () => {
  it('passes well-framed messages through unchanged, split anywhere', async () => {
    const g = guarded();
    const text = frame('{"a":1}') + 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n' + frame('{"b":2}');
    for (const piece of text.match(/.{1,3}/gs) ?? []) g.source.write(piece);
    await g.flush();
    assert.equal(g.passed(), text);
    assert.deepEqual(g.violations, []);
  });

  it('ends the channel at a header over the bound, passing nothing of it', async () => {
    const g = guarded();
    g.source.write('x'.repeat(5000));
    await g.flush();
    assert.equal(g.violations[0]?.code, 'BACKEND_FRAMING_INVALID');
    assert.equal(g.passed(), '');
    assert.equal(g.source.destroyed, true);
  });

  it('ends the channel at a declared length over the cap, before any body byte', async () => {
    const g = guarded();
    g.source.write(frame('{}') + 'Content-Length: 1001\r\n\r\n{"x":"');
    await g.flush();
    assert.deepEqual(g.violations, [{ code: 'BACKEND_MESSAGE_TOO_LARGE', reason: 'a message of 1001 bytes (the limit is 1000)' }]);
    assert.equal(g.passed(), '', 'the chunk holding the refused header is not passed on');
  });

  it('refuses what the reader would read differently: a second length, a non-number, another header', async () => {
    for (const header of [
      'Content-Length: 2\r\nContent-Length: 9',
      'Content-Length: 2x',
      'X-Other: 1\r\nContent-Length: 2',
      'Content-Length : 2',
    ]) {
      const g = guarded();
      g.source.write(`${header}\r\n\r\n{}`);
      await g.flush();
      assert.equal(g.violations[0]?.code, 'BACKEND_FRAMING_INVALID', header);
    }
  });

  it('stops reading past the queued messages and reads on once the session took half', async () => {
    const g = guarded();
    g.source.write(Array.from({ length: 5 }, () => frame('{}')).join(''));
    await g.flush();
    assert.equal(g.source.isPaused(), true);
    g.guard.taken();
    assert.equal(g.source.isPaused(), true, 'four still wait');
    g.guard.taken();
    g.guard.taken();
    assert.equal(g.source.isPaused(), false);
  });
});

describe('structured message size', () => {
  it('counts a plain message and gives up at the limit or at what is not plain data', () => {
    assert.ok((structuredMessageSize({ jsonrpc: '2.0', params: { data: 'x'.repeat(100) } }, 1000) ?? 0) > 300);
    assert.equal(structuredMessageSize({ data: 'x'.repeat(1000) }, 1000), null);
    assert.equal(structuredMessageSize({ data: new Map() }, 1000), null);
    assert.equal(structuredMessageSize([Array.from({ length: 2000 }, () => 1)], 1000), null);
  });
});
