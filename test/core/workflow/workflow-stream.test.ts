// A streamed workflow through the real core: step transitions and output in order, and a stop that kills
// the running step and runs nothing after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActionEvent } from '@gatehouse/plugin-sdk';
import { message } from '../../support/core-fixture';
import { PLUGIN, SCOPE, sink, streamFixture } from '../process/stream-fixture';

const step = (id: string, command: string, args: string[]) => ({ id, title: `Step ${id}`, command, args });
const steps = (events: ActionEvent[]) =>
  events.filter((e): e is Extract<ActionEvent, { type: 'step' }> => e.type === 'step').map((e) => `${e.id}:${e.status}`);

test('a streamed workflow reports each step as it starts and ends, with its output in between', async (t) => {
  const f = await streamFixture(['say-one.cjs', 'say-two.cjs']);
  t.after(() => f.cleanup());
  const one = await f.script('say-one.cjs', `process.stdout.write('one\\n');`);
  const two = await f.script('say-two.cjs', `process.stdout.write('two\\n');`);
  const m = message('system.workflow.run', {
    scope: SCOPE,
    kind: 'process-sequence',
    title: 'Say two things',
    stream: true,
    steps: [step('one', process.execPath, [one]), step('two', process.execPath, [two])],
  });
  const events = sink(f, m.correlationId);
  const response = await f.core.handlePrivilegedAction({ pluginId: PLUGIN }, m);
  events.stop();
  assert.equal(response.ok, true, JSON.stringify(response));
  assert.deepEqual(events.events[0], {
    type: 'started',
    seq: 0,
    startedAt: (events.events[0] as { startedAt: number }).startedAt,
    steps: ['one', 'two'],
  });
  const order = events.events.map((e) => (e.type === 'step' ? `${e.id}:${e.status}` : e.type === 'output' ? `out:${e.data}` : e.type));
  assert.deepEqual(order, ['started', 'one:running', 'out:one\n', 'one:ok', 'two:running', 'out:two\n', 'two:ok', 'end']);
});

test('stopping a workflow kills its running step and runs nothing after it', async (t) => {
  const f = await streamFixture(['quick.cjs', 'slow.cjs']);
  t.after(() => f.cleanup());
  const quick = await f.script('quick.cjs', `process.stdout.write('quick\\n');`);
  const slow = await f.script('slow.cjs', `process.stdout.write('slow started\\n'); setInterval(() => {}, 1000);`);
  const made = join(f.scripts, 'made-file');
  const m = message('system.workflow.run', {
    scope: SCOPE,
    kind: 'process-sequence',
    title: 'Build, wait, then touch',
    stream: true,
    steps: [step('build', process.execPath, [quick]), step('wait', process.execPath, [slow]), step('touch', '/usr/bin/touch', [made])],
  });
  const events = sink(f, m.correlationId);
  const answered = f.core.handlePrivilegedAction({ pluginId: PLUGIN }, m);
  await events.waitFor('slow started');
  assert.equal(f.core.running.list()[0]?.summary, 'Build, wait, then touch');
  assert.equal(f.core.running.stop(PLUGIN, m.correlationId), true);
  const response = await answered;
  events.stop();
  assert.equal(response.ok, false);
  assert.equal((response as { code: string }).code, 'CANCELLED');
  assert.deepEqual(steps(events.events), ['build:running', 'build:ok', 'wait:running', 'wait:cancelled', 'touch:skipped']);
  await assert.rejects(access(made), 'the step after the stop never ran: its file does not exist');
  const records = await f.core.audit.query({ correlationId: m.correlationId, limit: 20 });
  assert.equal(records.records.find((r) => r.phase === 'failed')?.outcome?.stoppedBy, 'user');
});
