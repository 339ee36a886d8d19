// Streamed process execs through the real core: real node children under the sandbox, events as the
// plugin's port would get them, cancel from the plugin and from the user, the audit's account of both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActionEvent, ProcessExecResult } from '@gatehouse/plugin-sdk';
import { openAuditLog } from '../../../src/core/audit';
import { message } from '../../support/core-fixture';
import { goneSoon, livePidsWith, PLUGIN, SCOPE, sink, streamFixture, stubbornGrandchild } from './stream-fixture';

const exec = (script: string, extra: Record<string, unknown> = {}) =>
  message('system.process.exec', { scope: SCOPE, command: process.execPath, args: [script], stream: true, ...extra });

test('a child writing in bursts delivers ordered chunks as it writes, then the same final envelope', async (t) => {
  const f = await streamFixture(['bursts.cjs']);
  t.after(() => f.cleanup());
  const script = await f.script(
    'bursts.cjs',
    `let i = 0;
const tick = () => {
  i += 1;
  process.stdout.write('burst-' + i + '\\n');
  if (i % 2 === 0) process.stderr.write('warn-' + i + '\\n');
  if (i < 6) setTimeout(tick, 120); else process.exit(0);
};
tick();`,
  );
  const m = exec(script);
  const events = sink(f, m.correlationId);
  let chunksBeforeAnswer = -1;
  const answered = f.core.handlePrivilegedAction({ pluginId: PLUGIN }, m);
  await events.waitFor('burst-2');
  chunksBeforeAnswer = events.events.filter((e) => e.type === 'output').length;
  const response = await answered;
  events.stop();

  assert.equal(response.ok, true, JSON.stringify(response));
  assert.ok(chunksBeforeAnswer >= 2, 'the first bursts arrived while the child was still writing');
  const seqs = events.events.map((e) => e.seq);
  assert.deepEqual(
    seqs,
    seqs.map((_, i) => i),
    'seq counts 0, 1, 2… with no gap',
  );
  const first = events.events[0] as Extract<ActionEvent, { type: 'started' }>;
  assert.equal(first.type, 'started');
  assert.equal(first.command, process.execPath);
  assert.deepEqual(first.args, [script]);
  assert.equal(events.events.at(-1)?.type, 'end', 'end is the last event');
  const expected = [1, 2, 3, 4, 5, 6].map((i) => `burst-${i}\n`).join('');
  assert.equal(events.text('stdout'), expected);
  assert.equal(events.text('stderr'), 'warn-2\nwarn-4\nwarn-6\n');
  assert.ok(events.events.filter((e) => e.type === 'output' && e.stream === 'stdout').length >= 4, 'not one chunk at the end');
  const result = (response as { result: ProcessExecResult }).result;
  assert.equal(result.stdout, expected, 'the final envelope carries the output exactly as before');
  assert.equal(result.exitCode, 0);

  const records = await f.core.audit.query({ correlationId: m.correlationId, limit: 10 });
  const completed = records.records.find((r) => r.phase === 'completed');
  assert.deepEqual(completed?.outcome?.stream, {
    bytesSent: Buffer.byteLength(expected) + Buffer.byteLength('warn-2\nwarn-4\nwarn-6\n'),
    chunks: events.events.filter((e) => e.type === 'output').length,
    skippedBytes: 0,
  });
});

test('multi-byte characters written a byte at a time are never split across chunks', async (t) => {
  const f = await streamFixture(['bytes.cjs']);
  t.after(() => f.cleanup());
  const text = 'é€😀 — ok\n';
  const script = await f.script(
    'bytes.cjs',
    `const bytes = Buffer.from(${JSON.stringify(text)});
let i = 0;
const next = () => { if (i < bytes.length) process.stdout.write(bytes.subarray(i, ++i), () => setTimeout(next, 15)); };
next();`,
  );
  const m = exec(script);
  const events = sink(f, m.correlationId);
  const response = await f.core.handlePrivilegedAction({ pluginId: PLUGIN }, m);
  events.stop();
  assert.equal(response.ok, true, JSON.stringify(response));
  const chunks = events.events.filter((e): e is Extract<ActionEvent, { type: 'output' }> => e.type === 'output').map((e) => e.data);
  assert.ok(chunks.length > 3, `several chunks (${chunks.length})`);
  for (const chunk of chunks) assert.equal(chunk.includes('\uFFFD'), false, `no replacement character in ${JSON.stringify(chunk)}`);
  assert.equal(chunks.join(''), text);
});

for (const who of ['plugin', 'user'] as const) {
  test(`a cancel from the ${who} kills the whole process group and the audit says who`, async (t) => {
    const f = await streamFixture(['group.cjs']);
    t.after(() => f.cleanup());
    const marker = `gh-stream-${who}-${randomUUID()}`;
    const script = await f.script(
      'group.cjs',
      `process.on('SIGTERM', () => {});
${stubbornGrandchild(marker)}
setTimeout(() => process.stdout.write('ready\\n'), 300);
setInterval(() => process.stdout.write('tick\\n'), 200);`,
    );
    const m = exec(script);
    const events = sink(f, m.correlationId);
    const changes: number[] = [];
    const off = f.core.running.onChange((running) => changes.push(running.length));
    const answered = f.core.handlePrivilegedAction({ pluginId: PLUGIN }, m);
    await events.waitFor('ready');
    const listed = f.core.running.list();
    assert.equal(listed.length, 1);
    assert.equal(listed[0]?.pluginId, PLUGIN);
    assert.equal(listed[0]?.action, 'system.process.exec');
    assert.equal(listed[0]?.summary, `node ${script}`);
    assert.equal(listed[0]?.streaming, true);
    assert.ok(await waitUntil(() => livePids(marker) > 0), 'the grandchild runs');

    const stopped = who === 'plugin' ? f.core.running.cancel(PLUGIN, m.correlationId) : f.core.running.stop(PLUGIN, m.correlationId);
    assert.equal(stopped, true);
    const response = await answered;
    events.stop();
    off();
    assert.equal(response.ok, false);
    assert.equal((response as { code: string }).code, 'CANCELLED');
    assert.equal((response as { details?: { stoppedBy?: string } }).details?.stoppedBy, who);
    assert.equal(await goneSoon(marker), true, 'the grandchild that ignores SIGTERM is gone too');
    assert.deepEqual(f.core.running.list(), [], 'off the Running list');
    assert.deepEqual([changes[0], changes.at(-1)], [1, 0], 'the list was pushed when it started and when it ended');
    assert.equal(events.events.at(-1)?.type, 'end');

    const records = await f.core.audit.query({ correlationId: m.correlationId, limit: 10 });
    const failed = records.records.find((r) => r.phase === 'failed');
    assert.equal(failed?.code, 'CANCELLED');
    assert.equal(failed?.outcome?.stoppedBy, who);
    const sent = (failed?.outcome?.stream as { bytesSent: number } | undefined)?.bytesSent ?? 0;
    assert.ok(sent >= 'ready\n'.length, `bytes sent recorded: ${sent}`);
    assert.equal(f.core.running.cancel(PLUGIN, m.correlationId), false, 'a finished request cannot be cancelled again');
  });
}

test("closing the plugin's frame stops its stream, recorded as frame-closed", async (t) => {
  const f = await streamFixture(['forever.cjs']);
  t.after(() => f.cleanup());
  const marker = `gh-stream-frame-${randomUUID()}`;
  const script = await f.script('forever.cjs', `${stubbornGrandchild(marker)}\nsetInterval(() => process.stdout.write('tick\\n'), 100);`);
  const m = exec(script);
  const events = sink(f, m.correlationId);
  const answered = f.core.handlePrivilegedAction({ pluginId: PLUGIN }, m);
  await events.waitFor('tick');
  f.core.plugins.frameClosed(PLUGIN);
  const response = await answered;
  events.stop();
  assert.equal(response.ok, false);
  assert.equal(await goneSoon(marker), true);
  const records = await f.core.audit.query({ correlationId: m.correlationId, limit: 10 });
  assert.equal(records.records.find((r) => r.phase === 'failed')?.outcome?.stoppedBy, 'frame-closed');
});

test('a plugin may hold four streams at once; the fifth is refused and says so, an unstreamed exec still runs', async (t) => {
  const f = await streamFixture(['wait.cjs', 'quick.cjs']);
  t.after(() => f.cleanup());
  const wait = await f.script('wait.cjs', `process.stdout.write('up\\n'); setInterval(() => {}, 1000);`);
  const quick = await f.script('quick.cjs', `process.stdout.write('done\\n');`);
  const open = Array.from({ length: 4 }, () => exec(wait));
  const sinks = open.map((m) => sink(f, m.correlationId));
  const answers = open.map((m) => f.core.handlePrivilegedAction({ pluginId: PLUGIN }, m));
  await Promise.all(sinks.map((s) => s.waitFor('up')));

  const fifth = exec(quick);
  const refused = await f.core.handlePrivilegedAction({ pluginId: PLUGIN }, fifth);
  assert.equal(refused.ok, false);
  assert.equal((refused as { code: string }).code, 'RATE_LIMITED');
  assert.equal((refused as { details?: { reason?: string } }).details?.reason, 'too-many-streams');
  assert.match((refused as { error: string }).error, /already has 4 actions with live output open/);

  const unstreamed = await f.core.handlePrivilegedAction({ pluginId: PLUGIN }, exec(quick, { stream: false }));
  assert.equal(unstreamed.ok, true, 'the limit counts streams only');

  assert.equal(f.core.running.stop(PLUGIN, open[0]!.correlationId), true);
  await answers[0];
  const again = await f.core.handlePrivilegedAction({ pluginId: PLUGIN }, exec(quick));
  assert.equal(again.ok, true, 'a stopped stream frees its place');
  for (const m of open.slice(1)) f.core.running.stop(PLUGIN, m.correlationId);
  await Promise.all(answers);
  for (const s of sinks) s.stop();
});

test('a refused streamed request still ends its stream, so the frame is answered at once', async (t) => {
  const f = await streamFixture([]);
  t.after(() => f.cleanup());
  const m = message('system.process.exec', { scope: SCOPE, command: '/bin/false', stream: true });
  const events = sink(f, m.correlationId);
  const response = await f.core.handlePrivilegedAction({ pluginId: PLUGIN }, m);
  events.stop();
  assert.equal(response.ok, false);
  assert.deepEqual(events.events, [{ type: 'end', seq: 0 }]);
});

const livePids = (marker: string) => livePidsWith(marker).length;

async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<boolean> {
  for (let waited = 0; waited < timeoutMs; waited += 50) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

test('closing the host stops a running stream and its outcome is on record before the log closes', async (t) => {
  const f = await streamFixture(['forever.cjs']);
  t.after(() => Promise.all([rm(f.dir, { recursive: true, force: true }), rm(f.scripts, { recursive: true, force: true })]));
  const marker = `gh-stream-shutdown-${randomUUID()}`;
  const script = await f.script('forever.cjs', `${stubbornGrandchild(marker)}\nsetInterval(() => process.stdout.write('tick\\n'), 100);`);
  const m = exec(script);
  const events = sink(f, m.correlationId);
  const answered = f.core.handlePrivilegedAction({ pluginId: PLUGIN }, m);
  await events.waitFor('tick');
  await f.core.close();
  const response = await answered;
  events.stop();
  assert.equal(response.ok, false);
  assert.equal(await goneSoon(marker), true);
  const audit = await openAuditLog({ dir: join(f.dir, 'data', 'audit') });
  t.after(() => audit.close());
  const failed = (await audit.query({ correlationId: m.correlationId, limit: 10 })).records.find((r) => r.phase === 'failed');
  assert.equal(failed?.outcome?.stoppedBy, 'host-shutdown');
});
