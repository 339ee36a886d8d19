// A backend's life: started while the plugin may act, restarted with growing delays after kill -9 and
// audited, unavailable after the cap, stopped on disable and revoke (a backend that ignores SIGTERM too),
// started again from the new bundle on an update, and refused with its message when it speaks another
// protocol version.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultSandboxRuntime } from '../../../src/core/sandbox/sandbox-runtime';
import { createBackendFixture, writeBackendPlugin, type BackendFixture } from './backend-fixture';
import { alive, backendNodePid } from './backend-processes';

const sandbox = defaultSandboxRuntime.status();
const skip = sandbox.available ? false : `no usable bubblewrap here (${sandbox.reason}); backends do not start without it`;
if (skip) console.log(`backend lifecycle tests skipped: ${skip}`);

const QUIET = `
import { connectBackend } from '@gatehouse/plugin-sdk/backend';
const host = await connectBackend();
host.onFrameMessage((data) => host.postToFrame({ pid: process.pid, data }));
`;
const STUBBORN = `
import { connectBackend } from '@gatehouse/plugin-sdk/backend';
process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
const host = await connectBackend();
host.onFrameMessage((data) => host.postToFrame(data));
setInterval(() => undefined, 1000);
`;
/** A backend that says which build it is. */
const BUILD = (build: string) => `
import { connectBackend } from '@gatehouse/plugin-sdk/backend';
const host = await connectBackend();
host.onFrameMessage(() => host.postToFrame({ build: '${build}' }));
`;
const FUTURE = `
import { connectBackend, BackendProtocolMismatchError } from '@gatehouse/plugin-sdk/backend';
try {
  await connectBackend({ protocol: 99 });
} catch (error) {
  console.log(error instanceof BackendProtocolMismatchError ? 'mismatch: ' + error.code : 'other: ' + String(error));
}
setInterval(() => undefined, 1000);
`;

async function backendRecords(fx: BackendFixture, pluginId: string) {
  const page = await fx.core.audit.query({ pluginId, action: 'plugin.backend' });
  return page.records.slice().reverse();
}

describe('plugin backend lifecycle', { skip }, () => {
  const fixtures: BackendFixture[] = [];
  after(async () => Promise.all(fixtures.map((fx) => fx.cleanup())));
  const open = async (...args: Parameters<typeof createBackendFixture>) => {
    const fx = await createBackendFixture(...args);
    fixtures.push(fx);
    return fx;
  };

  it('a slow crash loop still ends unavailable; a backend that stays up between crashes is restarted each time', async () => {
    // The host's clock is the test's: each run "lasts" as long as the test says before it is killed.
    let now = 1_000_000;
    const clock = { now: () => now };
    const fx = await open(
      [
        { id: 'flaky', source: QUIET },
        { id: 'steady', source: QUIET },
      ],
      { restart: { baseDelayMs: 20, maxDelayMs: 100, maxRestarts: 3, windowMs: 60_000 }, core: { clock } },
    );
    const crashAfter = async (pluginId: string, upMs: number) => {
      await fx.waitFor(pluginId, ['running']);
      now += upMs;
      process.kill(backendNodePid(fx.core.backends.processId(pluginId) as number), 'SIGKILL');
      return fx.waitFor(pluginId, ['restarting', 'unavailable']);
    };
    // Up 20 s each time: under the old count per 60 s window this restarted forever.
    const flaky = [];
    for (let round = 0; round < 4; round++) flaky.push((await crashAfter('flaky', 20_000)).state);
    assert.deepEqual(flaky, ['restarting', 'restarting', 'restarting', 'unavailable']);
    assert.match(fx.core.backends.status('flaky')?.reason ?? '', /crashed 4 times without staying up for 60 s/);
    // Up 61 s each time: every crash starts the count over, so six crashes in a row still restart.
    const steady = [];
    for (let round = 0; round < 6; round++) steady.push((await crashAfter('steady', 61_000)).state);
    assert.deepEqual(
      steady,
      Array.from({ length: 6 }, () => 'restarting'),
    );
    const restarts = (await backendRecords(fx, 'steady')).filter((record) => record.phase === 'restarting');
    assert.deepEqual(
      restarts.map((record) => (record.summary as { attempt: number }).attempt),
      [1, 1, 1, 1, 1, 1],
    );
  });

  it('kill -9 restarts it with growing delays, each step audited, then it is unavailable with the reason', async () => {
    const fx = await open([{ id: 'quiet', source: QUIET }], { restart: { baseDelayMs: 40, maxDelayMs: 1000, maxRestarts: 2 } });
    for (let round = 0; round < 3; round++) {
      await fx.waitFor('quiet', ['running']);
      const root = fx.core.backends.processId('quiet') as number;
      const node = backendNodePid(root);
      process.kill(node, 'SIGKILL');
      await fx.waitFor('quiet', round < 2 ? ['restarting'] : ['unavailable']);
      assert.equal(alive(node), false);
    }
    const status = fx.core.backends.status('quiet');
    assert.equal(status?.state, 'unavailable');
    assert.equal(status?.code, 'BACKEND_CRASHED');
    assert.match(status?.reason ?? '', /crashed 3 times/);
    const records = await backendRecords(fx, 'quiet');
    const phases = records.map((record) => record.phase);
    assert.deepEqual(phases, ['started', 'crashed', 'restarting', 'started', 'crashed', 'restarting', 'started', 'crashed', 'unavailable']);
    const delays = records
      .filter((record) => record.phase === 'restarting')
      .map((record) => (record.summary as { delayMs: number }).delayMs);
    assert.deepEqual(delays, [40, 80], 'each restart waits twice as long as the one before');
    // Re-enabling the plugin gives it a fresh start.
    await fx.core.plugins.setStatus('quiet', 'disabled');
    await fx.core.plugins.setStatus('quiet', 'active');
    assert.equal((await fx.waitFor('quiet', ['running', 'unavailable'])).state, 'running');
  });

  it('disable stops the process before the change returns, a SIGTERM-ignoring one included', async () => {
    const fx = await open([
      { id: 'quiet', source: QUIET },
      { id: 'stubborn', source: STUBBORN },
    ]);
    for (const id of ['quiet', 'stubborn']) {
      await fx.waitFor(id, ['running']);
      const reply = await fx.ask(id, 'ping');
      assert.deepEqual(id === 'quiet' ? (reply as { data: unknown }).data : reply, 'ping');
      const node = backendNodePid(fx.core.backends.processId(id) as number);
      await fx.core.plugins.setStatus(id, 'disabled');
      assert.equal(alive(node), false, `${id}'s process is gone once disable returns`);
      assert.equal(fx.core.backends.status(id)?.state, 'stopped');
      const last = (await backendRecords(fx, id)).at(-1);
      assert.equal(last?.phase, 'stopped');
      assert.equal((last?.summary as { reason: string }).reason, 'plugin disabled');
    }
    assert.ok(fx.core.backends.logs('stubborn').lines.some((line) => line.text === 'ignoring SIGTERM'));
  });

  it('revoking a capability stops the process and a fresh one starts with what is left', async () => {
    const fx = await open([{ id: 'granted', source: QUIET, capabilities: ['system.clipboard.write', 'system.clipboard.read'] }]);
    await fx.waitFor('granted', ['running']);
    const node = backendNodePid(fx.core.backends.processId('granted') as number);
    await fx.core.plugins.setGrants('granted', ['system.clipboard.write']);
    assert.equal(alive(node), false);
    await fx.waitFor('granted', ['running']);
    assert.notEqual(backendNodePid(fx.core.backends.processId('granted') as number), node);
    const phases = (await backendRecords(fx, 'granted')).map((record) => record.phase);
    assert.deepEqual(phases, ['started', 'stopped', 'started']);
  });

  it('an update stops the process running the old script and starts one from the new bundle', async (t) => {
    const fx = await open([{ id: 'updated', source: BUILD('one') }]);
    await fx.waitFor('updated', ['running']);
    assert.deepEqual(await fx.ask('updated', 'which'), { build: 'one' });
    const node = backendNodePid(fx.core.backends.processId('updated') as number);
    // The same version again, as the development host installs it on every change.
    const staging = await mkdtemp(join(tmpdir(), 'gatehouse-backend-update-'));
    t.after(() => rm(staging, { recursive: true, force: true }));
    await fx.core.plugins.install(await writeBackendPlugin(staging, { id: 'updated', source: BUILD('two') }));
    assert.equal(alive(node), false, 'the old process is gone once the update returns');
    await fx.waitFor('updated', ['running']);
    assert.deepEqual(await fx.ask('updated', 'which'), { build: 'two' });
    const records = await backendRecords(fx, 'updated');
    assert.deepEqual(
      records.map((record) => record.phase),
      ['started', 'stopped', 'started'],
    );
    assert.equal((records[1]?.summary as { reason: string }).reason, 'plugin updated');
  });

  it('host shutdown stops every backend', async () => {
    const fx = await createBackendFixture([{ id: 'quiet', source: QUIET }]);
    await fx.waitFor('quiet', ['running']);
    const node = backendNodePid(fx.core.backends.processId('quiet') as number);
    await fx.cleanup();
    assert.equal(alive(node), false);
  });

  it('a backend of another protocol version is refused with a message that says what to do', async () => {
    const fx = await open([{ id: 'future', source: FUTURE }]);
    const status = await fx.waitFor('future', ['unavailable', 'running']);
    assert.equal(status.state, 'unavailable');
    assert.equal(status.code, 'BACKEND_PROTOCOL_MISMATCH');
    assert.equal(status.reason, "The plugin's backend speaks protocol 99; this Gatehouse speaks protocol 2. Update Gatehouse.");
    assert.equal(fx.core.backends.processId('future'), null, 'its process was stopped');
    const last = (await backendRecords(fx, 'future')).at(-1);
    assert.equal(last?.phase, 'unavailable');
    assert.equal(last?.code, 'BACKEND_PROTOCOL_MISMATCH');
  });
});
