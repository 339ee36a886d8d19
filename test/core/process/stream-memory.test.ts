// Host memory while a real child floods its stream: a plugin that keeps up, and one that never reads.
// The bounds are generous on purpose (a loaded 2-core machine, GC timing); what they rule out is memory that
// grows with the output, which would be hundreds of megabytes here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ProcessExecResult } from '@gatehouse/plugin-sdk';
import { message } from '../../support/core-fixture';
import { STREAM_BUDGET_BYTES, STREAM_CHUNK_BYTES, STREAM_WINDOW_BYTES } from '../../../src/core/process/action-stream';
import { PLUGIN, SCOPE, sink, streamFixture } from './stream-fixture';

const MIB = 1024 * 1024;
const GROWTH_BOUND = 64 * MIB;

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** A script that writes `mib` MiB of 'a' to stdout as fast as the pipe takes it. */
const flood = (mib: number) => `const chunk = Buffer.alloc(1 << 20, 'a');
let left = ${mib};
const go = () => { while (left > 0) { left -= 1; if (!process.stdout.write(chunk)) return process.stdout.once('drain', go); } };
go();`;

async function measure<T>(run: () => Promise<T>): Promise<{ value: T; growth: number }> {
  collectGarbage();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const value = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

test('a child writing 1 GiB to a plugin that keeps up: all of it is forwarded and host memory stays bounded', async (t) => {
  const f = await streamFixture(['gigabyte.cjs']);
  t.after(() => f.cleanup());
  const script = await f.script('gigabyte.cjs', flood(1024));
  const m = message('system.process.exec', { scope: SCOPE, command: process.execPath, args: [script], stream: true, timeoutMs: 110_000 });
  const events = sink(f, m.correlationId, { ack: true });
  const { value: response, growth } = await measure(() => f.core.handlePrivilegedAction({ pluginId: PLUGIN }, m));
  events.stop();
  assert.equal(response.ok, true, JSON.stringify(response).slice(0, 500));
  const result = (response as { result: ProcessExecResult }).result;
  assert.equal(result.stdout.length, 65_536, 'the final result keeps the scope cap');
  assert.equal(result.truncated, true);
  const records = await f.core.audit.query({ correlationId: m.correlationId, limit: 10 });
  const stream = records.records.find((r) => r.phase === 'completed')?.outcome?.stream as { bytesSent: number; skippedBytes: number };
  assert.equal(stream.bytesSent, 1024 * MIB, 'every byte reached the plugin');
  assert.equal(stream.skippedBytes, 0);
  assert.ok(growth < GROWTH_BOUND, `peak rss grew ${(growth / MIB).toFixed(1)} MiB while 1 GiB went through`);
});

test('a plugin that never acknowledges: output waits, then is dropped with a marker, and host memory stays bounded', async (t) => {
  const f = await streamFixture(['stuck.cjs']);
  t.after(() => f.cleanup());
  const script = await f.script('stuck.cjs', flood(256));
  const m = message('system.process.exec', { scope: SCOPE, command: process.execPath, args: [script], stream: true, timeoutMs: 110_000 });
  const events = sink(f, m.correlationId, { ack: false });
  const { value: response, growth } = await measure(() => f.core.handlePrivilegedAction({ pluginId: PLUGIN }, m));
  events.stop();
  assert.equal(response.ok, true, JSON.stringify(response).slice(0, 500));
  const sent = events.events.filter((e) => e.type === 'output').length;
  const skipped = events.events.filter((e): e is Extract<typeof e, { type: 'skipped' }> => e.type === 'skipped');
  assert.ok(skipped.length >= 1, 'the plugin is told output was skipped');
  const records = await f.core.audit.query({ correlationId: m.correlationId, limit: 10 });
  const stream = records.records.find((r) => r.phase === 'completed')?.outcome?.stream as { bytesSent: number; skippedBytes: number };
  // The window while it ran, then what waited in the budget, flushed once at the end.
  assert.ok(
    stream.bytesSent <= STREAM_WINDOW_BYTES + STREAM_BUDGET_BYTES + STREAM_CHUNK_BYTES,
    `sent ${stream.bytesSent} bytes in ${sent} chunks to a frame that took none`,
  );
  assert.equal(stream.bytesSent + stream.skippedBytes, 256 * MIB, 'every byte is either sent or counted as skipped');
  assert.equal(
    skipped.reduce((sum, e) => sum + e.bytes, 0),
    stream.skippedBytes,
    'the markers add up to what was dropped',
  );
  assert.ok(growth < GROWTH_BOUND, `peak rss grew ${(growth / MIB).toFixed(1)} MiB while 256 MiB went unread`);
});
