// The Docker panel's backend as shipped (examples/docker-panel/backend), connected to the SDK's backend test
// host: what it asks Gatehouse to run, what it tells the frame, and when it stops asking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  connectBackend,
  createBackendTestHost,
  type BackendHost,
  type BackendTestHost,
  type BackendTestRequest,
} from '@gatehouse/plugin-sdk/backend';
import { createPrivilegedActionErrorResponse, type PrivilegedActionErrorCode, type PluginPortMessage } from '@gatehouse/plugin-sdk';
import { EVENTS_ARGS, LIST_ARGS, READ_SCOPE, startContainerWatch } from '../../examples/docker-panel/backend/container-watch';
import { getExamplePlugin, runPluginScript } from './example-plugins';

const DOCKER = '/usr/bin/docker';
/** A 64-digit container id derived from a name, as docker events carries it; `docker ps` prints its first 12. */
const hexId = (name: string) => Buffer.from(name).toString('hex').padEnd(64, '0');
const row = (name: string, state: string) =>
  JSON.stringify({ ID: hexId(name).slice(0, 12), Names: name, Image: 'img', State: state, Status: state });
const summary = (message: Record<string, unknown> | undefined) =>
  (message?.rows as Array<{ Names: string; State: string }>).map((r) => `${r.Names}:${r.State}`);

interface Exec {
  scope: string;
  command: string;
  args: string[];
  stream?: boolean;
}
const execOf = (message: PluginPortMessage): Exec => {
  const request = (message as { request: { action: string; payload: Exec } }).request;
  assert.equal(request.action, 'system.process.exec');
  return request.payload;
};
const ok = (message: PluginPortMessage, stdout: string) => ({
  ok: true as const,
  correlationId: message.correlationId,
  result: { exitCode: 0, stdout, stderr: '', durationMs: 1 },
});
const fail = (message: PluginPortMessage, code: PrivilegedActionErrorCode, details: Record<string, unknown> = {}) =>
  createPrivilegedActionErrorResponse(message.correlationId, code, `failed with ${code}`, details);

type Respond = (
  message: PluginPortMessage,
  request: BackendTestRequest,
) => ReturnType<typeof ok> | ReturnType<typeof fail> | Promise<unknown>;

async function watchWith(
  respond: Respond,
  options: { retryBaseMs?: number; maxRetries?: number } = {},
): Promise<{ host: BackendTestHost; backend: BackendHost; stop(): void }> {
  const host = createBackendTestHost({ pluginId: 'docker-panel', respond: respond as never });
  const backend = await connectBackend({ channel: host.channel });
  const off = startContainerWatch(backend, { retryBaseMs: 5, maxRetries: 2, settleMs: 10, ...options });
  return {
    host,
    backend,
    stop() {
      off();
      backend.close();
      host.close();
    },
  };
}

/** Resolves with the frame messages up to and including the first one `done` accepts. */
async function framesUntil(host: BackendTestHost, done: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>[]> {
  const seen: Record<string, unknown>[] = [];
  for (;;) {
    const message = (await host.nextFrameMessage()) as Record<string, unknown>;
    seen.push(message);
    if (done(message)) return seen;
  }
}

test('docker-panel backend: lists, follows docker events, applies a change to the list, and stops when asked', async (t) => {
  let listings = 0;
  let eventsSignal: AbortSignal | null = null;
  const w = await watchWith(async (message, request) => {
    const exec = execOf(message);
    assert.equal(exec.scope, READ_SCOPE);
    assert.equal(exec.command, DOCKER);
    if (exec.args[0] === 'ps') {
      listings += 1;
      return ok(message, `${row('web', 'running')}\n${row('db', 'exited')}\n`);
    }
    assert.equal(exec.stream, true, 'docker events is streamed');
    eventsSignal = request.signal;
    request.emit({ type: 'started', startedAt: Date.now(), command: DOCKER, args: exec.args });
    // An event the list does not show (exec_start) changes nothing; die (split across chunks) then stop do.
    request.emit({
      type: 'output',
      stream: 'stdout',
      data: `{"Type":"container","Action":"exec_start: sh","Actor":{"ID":"${hexId('web')}"}}\n{"Type":"con`,
    });
    request.emit({
      type: 'output',
      stream: 'stdout',
      data: `tainer","Action":"die","Actor":{"ID":"${hexId('web')}","Attributes":{"exitCode":"137"}}}\n`,
    });
    request.emit({ type: 'output', stream: 'stdout', data: `{"Type":"container","Action":"stop","Actor":{"ID":"${hexId('web')}"}}\n` });
    await new Promise((resolve) => request.signal.addEventListener('abort', resolve, { once: true }));
    return fail(message, 'CANCELLED', { stoppedBy: 'plugin' });
  });
  t.after(() => w.stop());

  w.host.sendFromFrame({ type: 'watch', executable: DOCKER });
  const first = await framesUntil(w.host, (m) => m.type === 'containers');
  assert.deepEqual(first[0], { type: 'watch', state: 'starting' });
  assert.deepEqual(summary(first.at(-1)), ['web:running', 'db:exited']);
  assert.equal(first.at(-1)?.cause, 'start');

  const changed = await framesUntil(w.host, (m) => m.type === 'containers');
  assert.ok(
    changed.some((m) => m.type === 'watch' && m.state === 'watching'),
    'watching once docker events started',
  );
  assert.equal(changed.at(-1)?.cause, 'event');
  assert.deepEqual(summary(changed.at(-1)), ['web:exited', 'db:exited']);
  assert.equal((changed.at(-1)?.rows as Array<{ Status: string }>)[0]?.Status, 'Exited (137) Less than a second ago');
  assert.equal(listings, 1, 'the events are applied to the list: docker ps does not run (or ask) again');
  assert.deepEqual(
    w.host.requests.map((m) => execOf(m).args),
    [LIST_ARGS, EVENTS_ARGS],
  );
  assert.ok(w.host.acks.length >= 3, 'each streamed event is acknowledged');

  w.host.sendFromFrame({ type: 'stop' });
  assert.deepEqual(await w.host.nextFrameMessage(), { type: 'watch', state: 'stopped' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal((eventsSignal as AbortSignal | null)?.aborted, true, 'the host was told to stop docker events');
  assert.equal(w.host.requests.length, 2, 'nothing more is asked after stop');
});

test('docker-panel backend: an event about a container the list does not have lists again', async (t) => {
  let listings = 0;
  const w = await watchWith(async (message, request) => {
    const exec = execOf(message);
    if (exec.args[0] === 'ps') {
      listings += 1;
      return ok(message, listings === 1 ? `${row('web', 'running')}\n` : `${row('web', 'running')}\n${row('cache', 'running')}\n`);
    }
    request.emit({ type: 'started', startedAt: Date.now(), command: DOCKER, args: exec.args });
    // A start for a container created before docker events began: the list cannot take it for sure.
    request.emit({ type: 'output', stream: 'stdout', data: `{"Type":"container","Action":"start","Actor":{"ID":"${hexId('cache')}"}}\n` });
    await new Promise((resolve) => request.signal.addEventListener('abort', resolve, { once: true }));
    return fail(message, 'CANCELLED', { stoppedBy: 'plugin' });
  });
  t.after(() => w.stop());
  w.host.sendFromFrame({ type: 'watch', executable: DOCKER });
  await framesUntil(w.host, (m) => m.type === 'containers');
  const changed = await framesUntil(w.host, (m) => m.type === 'containers');
  assert.deepEqual(summary(changed.at(-1)), ['web:running', 'cache:running']);
  assert.deepEqual(
    w.host.requests.map((m) => execOf(m).args),
    [LIST_ARGS, EVENTS_ARGS, LIST_ARGS],
  );
  w.host.sendFromFrame({ type: 'stop' });
  assert.deepEqual(await w.host.nextFrameMessage(), { type: 'watch', state: 'stopped' });
  await new Promise((resolve) => setTimeout(resolve, 50));
});

test('docker-panel backend: a declined request pauses the watch without asking again', async (t) => {
  const w = await watchWith((message) => fail(message, 'CANCELLED'));
  t.after(() => w.stop());
  w.host.sendFromFrame({ type: 'watch', executable: DOCKER });
  const seen = await framesUntil(w.host, (m) => m.state === 'paused');
  assert.equal(seen.at(-1)?.code, 'CANCELLED');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(w.host.requests.length, 1, 'one prompt, then nothing until the frame asks again');

  w.host.sendFromFrame({ type: 'watch', executable: DOCKER });
  await framesUntil(w.host, (m) => m.state === 'paused');
  assert.equal(w.host.requests.length, 2);
});

test('docker-panel backend: a failing docker events retries with growing delays, then pauses', async (t) => {
  const w = await watchWith((message) => {
    const exec = execOf(message);
    if (exec.args[0] === 'ps') return ok(message, `${row('web', 'running')}\n`);
    return fail(message, 'PROCESS_EXIT_NON_ZERO', { stderr: 'Cannot connect to the Docker daemon\n' });
  });
  t.after(() => w.stop());
  w.host.sendFromFrame({ type: 'watch', executable: DOCKER });
  const seen = await framesUntil(w.host, (m) => m.state === 'paused');
  const retries = seen.filter((m) => m.state === 'retrying');
  assert.deepEqual(
    retries.map((m) => m.retryInMs),
    [5, 10],
  );
  assert.equal(retries[0]?.reason, 'Cannot connect to the Docker daemon');
  assert.equal(seen.at(-1)?.code, 'PROCESS_EXIT_NON_ZERO');
  assert.equal(w.host.requests.length, 6, 'three rounds of listing and events, then no more');
});

test('docker-panel backend: docker events ended by the scope timeout starts again without counting a failure', async (t) => {
  let rounds = 0;
  const w = await watchWith((message) => {
    const exec = execOf(message);
    if (exec.args[0] === 'ps') return ok(message, '');
    rounds += 1;
    return fail(message, rounds < 4 ? 'TIMEOUT' : 'CANCELLED', rounds < 4 ? {} : { stoppedBy: 'user' });
  });
  t.after(() => w.stop());
  w.host.sendFromFrame({ type: 'watch', executable: DOCKER });
  const seen = await framesUntil(w.host, (m) => m.state === 'paused');
  assert.equal(rounds, 4);
  assert.equal(seen.filter((m) => m.state === 'retrying').length, 0, 'a timeout is the watch going round, not a failure');
  assert.equal(seen.at(-1)?.code, 'CANCELLED', 'stopped by the user: paused until the frame asks');
});

test('docker-panel backend: an executable that is not an absolute path is refused without a request', async (t) => {
  const w = await watchWith((message) => ok(message, ''));
  t.after(() => w.stop());
  w.host.sendFromFrame({ type: 'watch', executable: 'docker' });
  const [message] = await framesUntil(w.host, () => true);
  assert.deepEqual(message, {
    type: 'watch',
    state: 'paused',
    code: 'VALIDATION_FAILED',
    reason: 'The docker executable must be an absolute path.',
  });
  assert.equal(w.host.requests.length, 0);
});

test('docker-panel backend: runs the same argv the panel shows and lists with', () => {
  const docker = runPluginScript(getExamplePlugin('docker-panel'), 'docker.js').Docker as {
    READ_SCOPE: string;
    commands: Record<string, () => string[]>;
  };
  assert.equal(READ_SCOPE, docker.READ_SCOPE);
  assert.deepEqual(LIST_ARGS, docker.commands.listContainers?.());
  assert.deepEqual(EVENTS_ARGS, docker.commands.watchEvents?.());
});
