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
import { defaultSandboxRuntime } from '../../../src/core/sandbox/sandbox-runtime';
import { createBackendFixture, type BackendFixture } from './backend-fixture';
import { PROBE_BACKEND } from './probe-backend';
import { unisolatedControlLauncher } from './unisolated-launcher';

interface ProbeResult {
  ok: boolean;
  value?: unknown;
  error?: string;
}

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
