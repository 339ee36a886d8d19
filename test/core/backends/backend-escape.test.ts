// The escape suite: a hostile backend, run for real inside bubblewrap and Node's permission model, tries
// each way out. Every test looks at the effect (the disk, the listener, the other process), not only at
// the error the backend saw.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { defaultSandboxRuntime } from '../../../src/core/sandbox/sandbox-runtime';
import type { BackendStatus } from '../../../src/core/backends/backend-supervisor';
import { createBackendFixture, type BackendFixture } from './backend-fixture';
import { FLOOD_BACKEND } from './flood-backend';
import { PROBE_BACKEND } from './probe-backend';
import { unisolatedControlLauncher } from './unisolated-launcher';

interface ProbeResult {
  ok: boolean;
  value?: unknown;
  error?: string;
}

// A full collection on demand, so a measurement counts what the host holds, not garbage not yet collected.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const sandbox = defaultSandboxRuntime.status();
const skip = sandbox.available ? false : `no usable bubblewrap here (${sandbox.reason}); backends do not start without it`;
if (skip) console.log(`backend escape suite skipped: ${skip}`);

describe('plugin backend escape suite', { skip }, () => {
  runSuite(false);
});

// The control: the same backend without isolation gets out, so each probe above can see an escape.
describe('escape suite control run (no isolation)', () => {
  runSuite(true);
});

function runSuite(control: boolean) {
  // The control run proves each probe can see an escape: there every probe must succeed.
  const name = (title: string) => (control ? `without isolation the probe escapes where the sandbox stops it: ${title}` : title);
  const canaryEnv = `GATEHOUSE_CANARY_${randomBytes(6).toString('hex')}`;
  const canaryValue = randomBytes(16).toString('hex');
  const sshDir = join(homedir(), '.ssh');
  const sshKey = join(sshDir, `gatehouse-canary-${process.pid}`);
  const sshSecret = `-----BEGIN OPENSSH PRIVATE KEY-----\n${randomBytes(24).toString('base64')}\n`;
  let createdSshDir = false;
  let fx: BackendFixture;
  let listener: Server;
  let port = 0;
  let connections = 0;
  let victim: ChildProcess;
  const probe = (data: Record<string, unknown>) => fx.ask('probe', data) as Promise<ProbeResult>;

  before(async () => {
    // A secret in the host's environment before the backend starts: the backend's environment must not have it.
    process.env[canaryEnv] = canaryValue;
    createdSshDir = !existsSync(sshDir);
    await mkdir(sshDir, { recursive: true, mode: 0o700 });
    await writeFile(sshKey, sshSecret, { mode: 0o600 });
    listener = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as { port: number }).port;
    victim = spawn('/bin/sleep', ['300'], { stdio: 'ignore' });
    fx = await createBackendFixture([{ id: 'probe', source: PROBE_BACKEND }], {
      restart: { baseDelayMs: 50, maxRestarts: 5 },
      ...(control ? { launcher: unisolatedControlLauncher } : {}),
    });
    const status = await fx.waitFor('probe', ['running', 'unavailable']);
    assert.equal(status.state, 'running', JSON.stringify(status));
    assert.deepEqual(await probe({}), { ok: true, value: 'ready' });
  });

  after(async () => {
    delete process.env[canaryEnv];
    await rm(sshKey, { force: true });
    if (createdSshDir) await rm(sshDir, { recursive: true, force: true });
    victim?.kill('SIGKILL');
    listener?.close();
    await fx?.cleanup();
  });

  // Each probe says whether the backend got out; isolated it never does, the control always does.
  const expectEscaped = (escaped: boolean, what: string) => assert.equal(escaped, control, `${what}: escaped=${escaped}`);

  it(name('cannot read a key under ~/.ssh'), async () => {
    const result = await probe({ probe: 'read', path: sshKey });
    expectEscaped(JSON.stringify(result).includes(sshSecret.slice(40, 60)), 'read ~/.ssh key');
    const listing = await probe({ probe: 'list', path: sshDir });
    expectEscaped(listing.ok, 'list ~/.ssh');
  });

  it(name('cannot read a file outside its bundle (the host audit folder, the hosts file, /etc/passwd)'), async () => {
    for (const path of [join(fx.dir, 'hosts'), '/etc/passwd']) {
      const result = await probe({ probe: 'read', path });
      expectEscaped(result.ok, `read ${path}`);
    }
    const audit = await probe({ probe: 'list', path: join(fx.dir, 'data', 'audit') });
    expectEscaped(audit.ok, 'list the audit folder');
  });

  it('can read its own bundle (the one folder it is given)', async () => {
    const result = await probe({ probe: 'read', path: join(fx.dir, 'plugins', 'probe', 'manifest.json') });
    assert.equal(result.ok, true, JSON.stringify(result));
  });

  it(name('cannot write anywhere: its bundle, the host folder, the home folder, /tmp'), async () => {
    const targets = [
      join(fx.dir, 'plugins', 'probe', 'escaped.txt'),
      join(fx.dir, 'escaped.txt'),
      join(homedir(), `gatehouse-escaped-${process.pid}`),
      `/tmp/gatehouse-escaped-${process.pid}`,
    ];
    for (const path of targets) {
      await probe({ probe: 'write', path });
      expectEscaped(existsSync(path), `write ${path}`);
      await rm(path, { force: true });
    }
  });

  it(name('cannot start a process'), async () => {
    const marker = join(fx.dir, 'spawned-marker');
    await probe({ probe: 'spawn', file: '/usr/bin/touch', args: [marker] });
    expectEscaped(existsSync(marker), 'spawn touch');
  });

  it(name('cannot start a worker thread or load a native addon'), async () => {
    const marker = join(fx.dir, 'worker-marker');
    await probe({ probe: 'worker', path: marker });
    expectEscaped(existsSync(marker), 'worker thread');
    if (!control) {
      // Refused before the file is opened: by --no-addons, or the permission model outside the bundle.
      const addon = await probe({ probe: 'addon', path: join(fx.dir, 'plugins', 'probe', 'backend.mjs') });
      assert.match(addon.error ?? '', /ERR_DLOPEN_DISABLED|ERR_ACCESS_DENIED/);
    }
  });

  it(name('cannot connect to the network, loopback included'), async () => {
    const before = connections;
    await probe({ probe: 'connect', port });
    // HTTP too (the control skips it: undici retries a connection the listener drops at once).
    if (!control) assert.equal((await probe({ probe: 'fetch', url: `http://127.0.0.1:${port}/` })).ok, false);
    expectEscaped(connections > before, 'connect to the host loopback listener');
  });

  it(name("cannot read the host's environment"), async () => {
    const result = await probe({ probe: 'env' });
    const env = result.value as Record<string, string>;
    expectEscaped(JSON.stringify(env).includes(canaryValue), 'environment canary');
    if (!control) {
      // Built from nothing: no session bus, agent socket, token or NODE_OPTIONS of the host.
      for (const key of ['SSH_AUTH_SOCK', 'DBUS_SESSION_BUS_ADDRESS', 'NODE_OPTIONS', 'USER']) assert.equal(env[key], undefined, key);
    }
  });

  it(name('cannot signal or trace another process of the user, or the host'), async () => {
    const target = spawn('/bin/sleep', ['300'], { stdio: 'ignore' });
    const gone = new Promise<boolean>((resolve) => {
      target.once('exit', () => resolve(true));
      setTimeout(() => resolve(false), 500).unref();
    });
    await probe({ probe: 'kill', pid: target.pid });
    expectEscaped(await gone, 'SIGKILL another process');
    target.kill('SIGKILL');
    // The host's own pid: a kill that landed would end this test run; tracing goes through /proc/<pid>.
    if (!control) {
      assert.equal((await probe({ probe: 'kill', pid: process.pid })).ok, false);
      assert.equal(victim.exitCode, null);
      assert.doesNotThrow(() => process.kill(victim.pid as number, 0), 'the other process is still alive');
    }
    const environ = await probe({ probe: 'read', path: `/proc/${process.pid}/environ` });
    expectEscaped(environ.ok, "read the host's /proc environ");
  });

  it(
    'dies when it exhausts its memory; the host stays up and records the crash',
    { skip: control && 'the control run has no memory limit' },
    async () => {
      const pidBefore = fx.core.backends.processId('probe');
      fx.core.backends.fromFrame('probe', { probe: 'memory' });
      await fx.waitFor('probe', ['restarting', 'unavailable']);
      assert.ok(pidBefore !== null && !existsSync(`/proc/${pidBefore}`), 'the old process is gone');
      const records = await fx.core.audit.query({ pluginId: 'probe', action: 'plugin.backend' });
      assert.ok(records.records.some((record) => record.phase === 'crashed'));
      // The host still answers.
      const answer = await fx.core.handlePluginStorage({ pluginId: 'probe' }, { correlationId: 'st-000002', storage: { op: 'keys' } });
      assert.equal(answer.ok, true);
      await stat(fx.dir);
    },
  );
}

// The host's own memory: a backend writes on its channel and to stdout far more than the host may keep.
// Each test measures the host's resident memory while the attack runs (sampled, never timed) and looks
// at the process and the audit afterwards.
describe('plugin backend escape suite: the host memory a backend can take', { skip }, () => {
  const MIB = 1024 * 1024;
  let fx: BackendFixture;
  const attack = (data: Record<string, unknown>) => {
    const result = fx.core.backends.fromFrame('flood', data);
    assert.equal(result.delivered, true, JSON.stringify(result));
  };
  /** Runs `work`, sampling the host's RSS every 20 ms; resolves with the peak growth over the start, in MiB. */
  async function peakGrowth(work: () => Promise<unknown>): Promise<number> {
    collectGarbage();
    const start = process.memoryUsage.rss();
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    try {
      await work();
    } finally {
      clearInterval(sampler);
    }
    return (Math.max(peak, process.memoryUsage.rss()) - start) / MIB;
  }
  /** What the host still holds (heap and buffers, after a full collection) when `work` ends, over the start, in MiB. */
  async function retainedGrowth(work: () => Promise<unknown>): Promise<number> {
    // Two collections a turn apart: buffers of an earlier process are released only once their handles close.
    const held = async () => {
      collectGarbage();
      await new Promise((resolve) => setImmediate(resolve));
      collectGarbage();
      const usage = process.memoryUsage();
      return usage.heapUsed + usage.external;
    };
    const start = await held();
    await work();
    return ((await held()) - start) / MIB;
  }
  const running = async () => {
    const status = await fx.waitFor('flood', ['running', 'unavailable']);
    assert.equal(status.state, 'running', JSON.stringify(status));
    return backendPid();
  };
  const backendPid = () => fx.core.backends.processId('flood') as number;
  const crashRecord = async () => {
    const page = await fx.core.audit.query({ pluginId: 'flood', action: 'plugin.backend' });
    return page.records.find((record) => record.phase === 'crashed');
  };

  before(async () => {
    fx = await createBackendFixture([{ id: 'flood', source: FLOOD_BACKEND }], { restart: { baseDelayMs: 50, maxRestarts: 20 } });
  });
  after(async () => fx?.cleanup());

  // One fresh process per attack: the audit's newest crash record is this attack's.
  const fresh = async () => {
    await fx.core.plugins.setStatus('flood', 'disabled');
    await fx.core.plugins.setStatus('flood', 'active');
    return running();
  };

  it('a 200 MB message that never ends its header is cut at 1 KiB: the backend is killed, the reason audited', async (t) => {
    const pid = await fresh();
    let crashed: BackendStatus | null = null;
    const growth = await peakGrowth(async () => {
      attack({ attack: 'endless-header', bytes: 200 * MIB });
      crashed = await fx.waitFor('flood', ['restarting', 'unavailable']);
    });
    t.diagnostic(`memory: ${growth.toFixed(1)} MiB`);
    assert.ok(growth < 64, `the host grew by ${growth.toFixed(0)} MiB for a 200 MiB line`);
    assert.equal(existsSync(`/proc/${pid}`), false, 'the old process is gone');
    const record = await crashRecord();
    assert.equal(record?.code, 'BACKEND_FRAMING_INVALID');
    assert.match(record?.reason ?? '', /header longer than 1024 bytes/);
    // The state the plugin's page showed once it crashed (a restart follows soon after).
    assert.match((crashed as BackendStatus | null)?.reason ?? '', /killed for a message header longer than 1024 bytes/);
  });

  it('a message declaring 200 MB is refused at its header, before any of its body is kept', async (t) => {
    const pid = await fresh();
    let crashed: BackendStatus | null = null;
    const growth = await peakGrowth(async () => {
      attack({ attack: 'huge-length', bytes: 200 * MIB });
      crashed = await fx.waitFor('flood', ['restarting', 'unavailable']);
    });
    t.diagnostic(`memory: ${growth.toFixed(1)} MiB`);
    assert.ok(growth < 64, `the host grew by ${growth.toFixed(0)} MiB`);
    assert.equal(existsSync(`/proc/${pid}`), false);
    const record = await crashRecord();
    assert.equal(record?.code, 'BACKEND_MESSAGE_TOO_LARGE');
    assert.match(record?.reason ?? '', new RegExp(`a message of ${200 * MIB} bytes \\(the limit is ${64 * MIB}\\)`));
    assert.equal((crashed as BackendStatus | null)?.code, 'BACKEND_MESSAGE_TOO_LARGE');
  });

  it('a flood of tiny messages waits in the backend’s pipe, not in the host’s queue', async (t) => {
    await fresh();
    let delivered = 0;
    const off = fx.core.backends.onFrameMessage(() => (delivered += 1));
    const began = Date.now();
    const growth = await retainedGrowth(async () => {
      attack({ attack: 'tiny-flood', count: 300_000 });
      // The backend's log line comes on stdout, apart from the channel, once its last write went through.
      while (!fx.core.backends.logs('flood').lines.some((line) => line.text === 'flood written'))
        await new Promise((resolve) => setTimeout(resolve, 100));
    });
    off();
    // Unbounded, the host would hold most of the 300,000 parsed messages here (over 100 MiB).
    t.diagnostic(`memory: ${growth.toFixed(1)} MiB`);
    assert.ok(growth < 32, `the host holds ${growth.toFixed(0)} MiB more`);
    // The frame got no more than the plugin's rate allows for the time the flood lasted (a burst of 60, then 30 a second).
    const allowed = 60 + 30 * ((Date.now() - began) / 1000 + 1);
    assert.ok(delivered <= allowed, `${delivered} messages reached the frame, over the rate (${allowed.toFixed(0)})`);
  });

  it('many messages just under the cap, sent as fast as the pipe takes them, are never all held at once', async (t) => {
    await fresh();
    const count = 20;
    const size = 64 * MIB - 1024;
    const frames: unknown[] = [];
    const off = fx.core.backends.onFrameMessage((_id, data) => frames.push(data));
    const growth = await peakGrowth(async () => {
      const done = new Promise<void>((resolve) => {
        const stop = fx.core.backends.onFrameMessage((_id, data) => {
          if ((data as { done?: string }).done) {
            stop();
            resolve();
          }
        });
      });
      attack({ attack: 'under-cap', count, bytes: size });
      await done;
    });
    off();
    // 1.25 GiB went through; the host holds about one message being read, one being parsed and their copies
    // (the peak counts garbage not yet collected too, hence the generous bound).
    t.diagnostic(`memory: ${growth.toFixed(1)} MiB`);
    assert.ok(growth < 640, `the host grew by ${growth.toFixed(0)} MiB for ${count} messages of ${size} bytes`);
    // Each was over the frame's message bounds: none reached the frame, and the log says so.
    assert.deepEqual(frames, [{ done: 'under-cap' }]);
    assert.ok(fx.core.backends.logs('flood').lines.some((line) => /dropped \d+ message\(s\) to the frame/.test(line.text)));
    assert.equal(fx.core.backends.status('flood')?.state, 'running', 'legal messages do not end the backend');
  });

  it('gigabytes on stdout, in one line or many, cost the host a fixed log', async (t) => {
    await fresh();
    const growth = await retainedGrowth(async () => {
      for (const kind of ['stdout-line', 'stdout-lines']) {
        attack({ attack: kind, bytes: 256 * MIB });
        // Written until the pipe is drained: the log has seen it all when the backend answers the next ping.
        attack({ attack: 'ping' });
        await new Promise<void>((resolve) => {
          const stop = fx.core.backends.onFrameMessage((_id, data) => {
            if ((data as { pong?: boolean }).pong) {
              stop();
              resolve();
            }
          });
        });
      }
    });
    t.diagnostic(`memory: ${growth.toFixed(1)} MiB`);
    assert.ok(growth < 64, `the host holds ${growth.toFixed(0)} MiB more after 512 MiB of output`);
    const log = fx.core.backends.logs('flood');
    assert.ok(log.lines.length <= 500 && log.lines.every((line) => line.text.length <= 2001));
    assert.ok(log.dropped > 1000);
  });

  it('a backend that stops reading gets no more of its frame’s messages than the bound: RATE_LIMITED, and the host keeps little', async (t) => {
    await fresh();
    const reply = new Promise<unknown>((resolve) => {
      const stop = fx.core.backends.onFrameMessage((_id, data) => {
        stop();
        resolve(data);
      });
    });
    attack({ attack: 'deaf' });
    assert.deepEqual(await reply, { deaf: true });
    // Messages of control characters: 4 Mi characters each, 24 MiB once JSON-escaped.
    const heavy = '\u0001'.repeat(4 * MIB);
    const results: string[] = [];
    const growth = await retainedGrowth(async () => {
      for (let i = 0; i < 8; i++) {
        const result = fx.core.backends.fromFrame('flood', { heavy });
        results.push(result.delivered ? 'delivered' : result.code);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    assert.equal(results.filter((result) => result === 'delivered').length <= 4, true, results.join());
    assert.ok(results.includes('RATE_LIMITED'), results.join());
    // What was delivered waits in the pipe and the writer (at most the bound); the refused ones are not kept.
    t.diagnostic(`memory: ${growth.toFixed(1)} MiB`);
    assert.ok(growth < 160, `the host holds ${growth.toFixed(0)} MiB more`);
  });
});
