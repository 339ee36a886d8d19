// The attacker's side of backends: a hostile backend that speaks raw JSON-RPC (any method, any params) and
// runs whatever its "frame" sends, inside the real sandbox. Each test names one way to act as someone else,
// to see or touch what is outside, or to outlive a stop, and looks at the effect (files on disk, the process
// table, what reached a frame), not only at the answer the backend got.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { open, readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { pluginRelativePathSchema } from '@gatehouse/plugin-sdk';
import type { BackendLauncher, LaunchedBackend } from '../../../src/core/backends/backend-launcher';
import { nodePermissionArgs } from '../../../src/core/backends/node-permission-args';
import { createNodeBackendLauncher } from '../../../src/core/backends/node-backend-launcher';
import { defaultSandboxRuntime } from '../../../src/core/sandbox/sandbox-runtime';
import { message } from '../../support/core-fixture';
import { ATTACK_BACKEND } from './attack-backend';
import { createBackendFixture, type BackendFixture } from './backend-fixture';
import { alive, backendNodePid, processTree } from './backend-processes';

const sandbox = defaultSandboxRuntime.status();
const skip = sandbox.available ? false : `no usable bubblewrap here (${sandbox.reason}); backends do not start without it`;
if (skip) console.log(`backend attack suite skipped: ${skip}`);

interface Outcome {
  ok: boolean;
  value?: unknown;
  error?: string;
  message?: string;
}

const NEVER_GREETS = `setInterval(() => undefined, 1000);`;

const storageFile = (fx: BackendFixture, pluginId: string) => join(fx.dir, 'data', 'plugin-storage', `plugin-${pluginId}.json`);

/** Resolves once the plugin's backend log has a line matching `pattern` (logs change without an event). */
async function logLine(fx: BackendFixture, pluginId: string, pattern: RegExp): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (fx.core.backends.logs(pluginId).lines.some((line) => pattern.test(line.text))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${pluginId}'s log never had a line matching ${pattern}`);
}

async function backendRecords(fx: BackendFixture, pluginId: string) {
  const page = await fx.core.audit.query({ pluginId, action: 'plugin.backend' });
  return page.records.slice().reverse();
}

describe('plugin backend attacks', { skip }, () => {
  let fx: BackendFixture;
  /** Every message any backend sent to a frame, with the plugin the host delivered it for. */
  const delivered: { from: string; data: unknown }[] = [];
  let nonces = 0;
  /** Runs `code` in the plugin's backend and resolves with its outcome (told apart by a nonce from what the code sends). */
  const run = (pluginId: string, code: string) =>
    new Promise<Outcome>((resolve, reject) => {
      const nonce = `n${(nonces += 1)}`;
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`${pluginId}'s backend did not answer ${code}`));
      }, 10_000);
      const stop = fx.core.backends.onFrameMessage((from, data) => {
        if (from !== pluginId || (data as { nonce?: unknown }).nonce !== nonce) return;
        stop();
        clearTimeout(timer);
        resolve(data as Outcome);
      });
      if (!fx.core.backends.fromFrame(pluginId, { code, nonce })) {
        stop();
        clearTimeout(timer);
        reject(new Error(`no backend runs for ${pluginId}`));
      }
    });
  const rpc = (method: string, params: unknown) =>
    run('attacker', `return await rpc.sendRequest(${JSON.stringify(method)}, ${JSON.stringify(params)});`);

  before(async () => {
    fx = await createBackendFixture(
      [
        { id: 'attacker', source: ATTACK_BACKEND },
        { id: 'victim', source: ATTACK_BACKEND },
        {
          id: 'linked',
          source: ATTACK_BACKEND,
          // What a developer-mode folder can hold: links out of the bundle, kept as links by the install.
          setup: async (dir) => {
            await symlink('/etc/passwd', join(dir, 'passwd'));
            await symlink('/etc', join(dir, 'etc'));
          },
        },
        { id: 'silent', source: NEVER_GREETS },
      ],
      { restart: { baseDelayMs: 50, maxRestarts: 20 } },
    );
    fx.core.backends.onFrameMessage((from, data) => delivered.push({ from, data }));
    for (const id of ['attacker', 'victim']) assert.equal((await fx.waitFor(id, ['running', 'unavailable'])).state, 'running', id);
  });
  after(async () => fx?.cleanup());

  // First: the silent backend's handshake timeout (10 s) runs from the fixture's start.
  describe('handshake', () => {
    it('a stop during a handshake that never comes does not wait for the handshake timeout', async () => {
      // On a slow machine an earlier handshake may already have timed out; this looks at a launched start that
      // waits for its handshake now, and at what the audit says from the disable on.
      let root: number | undefined;
      for (let waited = 0; waited < 20_000 && root === undefined; waited += 20) {
        const status = await fx.waitFor('silent', ['starting', 'running', 'unavailable']);
        assert.equal(status.state, 'starting');
        root = fx.core.backends.processId('silent') ?? undefined;
        if (root === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.ok(root !== undefined, 'a launched backend waits for its handshake');
      const tree = processTree(root);
      const earlier = (await backendRecords(fx, 'silent')).length;
      await fx.core.plugins.setStatus('silent', 'disabled');
      for (const pid of tree) assert.equal(alive(pid), false, `process ${pid} of its sandbox is gone`);
      const records = (await backendRecords(fx, 'silent')).slice(earlier);
      assert.deepEqual(
        records.map((record) => [record.phase, record.code]),
        [['stopped', null]],
        'stopped by the disable, not timed out first',
      );
    });
  });

  describe('identity', () => {
    it("cannot name another plugin in a request: the other plugin's storage file is never written", async () => {
      const spoofs = [
        { pluginId: 'victim', correlationId: 'st-000101', storage: { op: 'set', key: 'k', value: 'pwned' } },
        { caller: { pluginId: 'victim' }, correlationId: 'st-000102', storage: { op: 'set', key: 'k', value: 'pwned' } },
        { correlationId: 'st-000103', storage: { op: 'set', key: 'k', value: 'pwned', pluginId: 'victim' } },
        { correlationId: 'st-000104', storage: { op: 'set', key: 'k', value: 'pwned', namespace: 'plugin:victim' } },
      ];
      for (const params of spoofs) {
        const answer = await rpc('gatehouse/request', params);
        assert.equal((answer.value as { ok: boolean }).ok, false, JSON.stringify(answer));
      }
      // Its own write lands in its own file, whatever it claims.
      const own = await rpc('gatehouse/request', { correlationId: 'st-000105', storage: { op: 'set', key: 'k', value: 'mine' } });
      assert.equal((own.value as { ok: boolean }).ok, true, JSON.stringify(own));
      assert.equal(existsSync(storageFile(fx, 'victim')), false, "the victim's storage file was written");
      assert.deepEqual(JSON.parse(await readFile(storageFile(fx, 'attacker'), 'utf8')), { k: 'mine' });
    });

    it('methods outside the surface are MethodNotFound, prototype names and host-to-backend ones included', async () => {
      const methods = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'gatehouse/fromFrame', 'gatehouse/Request'];
      for (const method of [...methods, 'gatehouse/toFrame', '$/setTrace', 'gatehouse/storage', 'gatehouse/action']) {
        const answer = await rpc(method, { data: 1 });
        assert.equal(answer.ok, false, `${method}: ${JSON.stringify(answer)}`);
        assert.equal(answer.error, '-32601', `${method}: ${JSON.stringify(answer)}`);
      }
      // As notifications they are dropped: nothing reached any frame.
      const before = delivered.length;
      await run('attacker', `for (const m of ${JSON.stringify(methods)}) rpc.sendNotification(m, { data: { forged: true } });`);
      assert.equal(delivered.slice(before).filter((message) => JSON.stringify(message.data).includes('forged')).length, 0);
    });

    it('prototype keys in its params pollute nothing in the host and are stored as plain data, if at all', async () => {
      await run(
        'attacker',
        `return await rpc.sendRequest('gatehouse/request', JSON.parse('{"__proto__": {"polluted": 1}, "correlationId": "st-000106", "storage": {"op": "keys"}}'));`,
      );
      const stored = await run(
        'attacker',
        `return await rpc.sendRequest('gatehouse/request', JSON.parse('{"correlationId": "st-000107", "storage": {"op": "set", "key": "__proto__", "value": {"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}}}'));`,
      );
      await run('attacker', `frame(JSON.parse('{"__proto__": {"polluted": 1}}')); return 'sent';`);
      await rpc('gatehouse/hello', JSON.parse('{"__proto__": {"polluted": 1}, "protocol": 1, "sdkVersion": "x"}'));
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted in the host');
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
      if ((stored.value as { ok: boolean }).ok) {
        const onDisk = JSON.parse(await readFile(storageFile(fx, 'attacker'), 'utf8')) as Record<string, unknown>;
        assert.ok(Object.hasOwn(onDisk, '__proto__'), 'a stored "__proto__" key is an own key on disk');
      }
    });

    it('a second handshake cannot rename it or reset its state', async () => {
      const again = await rpc('gatehouse/hello', { protocol: 1, sdkVersion: 'x' });
      assert.equal(again.ok, false);
      const renamed = await rpc('gatehouse/hello', { protocol: 1, sdkVersion: 'x', pluginId: 'victim' });
      assert.equal(renamed.ok, false);
      assert.equal(fx.core.backends.status('attacker')?.state, 'running');
      const own = await rpc('gatehouse/request', { correlationId: 'st-000108', storage: { op: 'set', key: 'after-hello', value: 1 } });
      assert.equal((own.value as { ok: boolean }).ok, true);
      assert.equal(existsSync(storageFile(fx, 'victim')), false);
    });

    it('a request waiting for the user when its right is revoked never brings the clipboard back', async () => {
      const own = await createBackendFixture([
        { id: 'reader', source: ATTACK_BACKEND, capabilities: ['system.clipboard.read', 'system.clipboard.write'] },
      ]);
      try {
        await own.waitFor('reader', ['running']);
        const seen: unknown[] = [];
        own.core.backends.onFrameMessage((from, data) => from === 'reader' && seen.push(data));
        const prompted = new Promise((resolve) => own.prompter.onEvent((event) => event.type === 'request' && resolve(undefined)));
        const request = message('system.clipboard.read', {});
        own.core.backends.fromFrame('reader', { code: `return await rpc.sendRequest('gatehouse/request', ${JSON.stringify(request)});` });
        await prompted;
        await own.core.plugins.setGrants('reader', ['system.clipboard.write']);
        assert.deepEqual(own.prompter.openRequests(), [], 'the prompt was withdrawn');
        const records = await own.core.audit.query({ pluginId: 'reader', action: 'system.clipboard.read' } as never);
        assert.equal(
          records.records.some((record) => record.phase === 'completed'),
          false,
          'the read never ran',
        );
        assert.equal(JSON.stringify(seen).includes(own.clipboard.current()), false, 'the clipboard text reached the backend');
        // The process that asked is gone; a fresh one runs with what is left.
        assert.equal((await own.waitFor('reader', ['running', 'unavailable'])).state, 'running');
      } finally {
        await own.cleanup();
      }
    });

    it("its messages reach its own plugin's frame only, whatever the message names", async () => {
      const before = delivered.length;
      await run(
        'attacker',
        `rpc.sendNotification('gatehouse/toFrame', { data: { tag: 'x1' }, pluginId: 'victim' });
         rpc.sendNotification('gatehouse/toFrame', { data: { tag: 'x2', pluginId: 'victim' } });
         return 'sent';`,
      );
      const tagged = delivered.slice(before).filter((message) => JSON.stringify(message.data).includes('"tag"'));
      // The first has a field the channel does not know and is dropped; the second, naming the victim in its
      // data, reaches the attacker's own frame.
      assert.deepEqual(
        tagged.map((message) => message.from),
        ['attacker'],
      );
      assert.equal(
        delivered.some((message) => message.from === 'victim'),
        false,
        "nothing was delivered as the victim's",
      );
    });
  });

  describe('sandbox', () => {
    it('an entry name cannot become a Node option or leave the bundle', () => {
      for (const entry of ['../victim/backend.mjs', '/etc/x.mjs', 'a/../../x.mjs', '--require=/etc/x.js', 'x.mjs --inspect']) {
        assert.equal(pluginRelativePathSchema.safeParse(entry).success, false, entry);
      }
      // A name the manifest allows that looks like an option is still a path below the bundle, after every option.
      const args = nodePermissionArgs('/plugins/p', '--inspect-brk.mjs', { memoryMb: 64, cpuSeconds: 10 });
      assert.equal(pluginRelativePathSchema.safeParse('--inspect-brk.mjs').success, true);
      assert.equal(args.at(-1), '/plugins/p/--inspect-brk.mjs');
      assert.equal(args.filter((arg) => arg.startsWith('--inspect')).length, 0);
    });

    it('a symbolic link in its bundle does not open the disk to it: the backend does not start at all', async () => {
      const status = await fx.waitFor('linked', ['unavailable', 'running']);
      assert.equal(status.state, 'unavailable', JSON.stringify(status));
      assert.equal(status.code, 'BACKEND_BUNDLE_UNSAFE');
      assert.match(status.reason ?? '', /symlink/);
      assert.equal(fx.core.backends.processId('linked'), null, 'no process runs for it');
      const phases = (await backendRecords(fx, 'linked')).map((record) => record.phase);
      assert.deepEqual(phases, ['unavailable'], 'it was never started');
      assert.equal(
        delivered.some((message) => message.from === 'linked'),
        false,
      );
    });

    it("a V8 flag set at run time cannot hand it V8's internal runtime: the process ends instead", async () => {
      const pid = backendNodePid(fx.core.backends.processId('attacker') as number);
      const outcome = await Promise.race([
        fx.waitFor('attacker', ['restarting', 'unavailable']).then(() => 'the process ended'),
        run(
          'attacker',
          `require('node:v8').setFlagsFromString('--allow-natives-syntax'); return new Function('return %GetOptimizationStatus(function () {})')();`,
        ),
      ]);
      assert.equal(outcome, 'the process ended', `the natives call answered: ${JSON.stringify(outcome)}`);
      assert.equal(alive(pid), false);
      assert.equal((await fx.waitFor('attacker', ['running', 'unavailable'])).state, 'running');
    });

    it("Node's other doors stay shut: process.binding, WASI, the inspector, report and trace files, module hooks", async () => {
      const doors: Record<string, string> = {
        binding: `return Object.keys(process.binding('fs'));`,
        wasi: `const { WASI } = require('node:wasi'); return new WASI({ version: 'preview1', preopens: { '/': '/' } }) && 'made';`,
        inspector: `const inspector = require('node:inspector'); inspector.open(0, '127.0.0.1'); return inspector.url();`,
        report: `return process.report.writeReport(process.argv[1] + '.report.json');`,
        hooks: `require('node:module').register('data:text/javascript,export {}'); return 'registered';`,
        environ: `return require('node:fs').readFileSync('/proc/self/environ', 'utf8');`,
        loadEnv: `process.loadEnvFile('/proc/1/environ'); return process.env;`,
        traversal: `return require('node:fs').readFileSync(process.argv[1] + '/../../../../../../etc/passwd', 'utf8');`,
        bufferPath: `return require('node:fs').readFileSync(Buffer.from(process.argv[1] + '/../../../../../../etc/passwd'), 'utf8');`,
        chmodBundle: `const fs = require('node:fs'); fs.fchmodSync(fs.openSync(process.argv[1], 'r'), 0o777); return 'chmod';`,
        tmpfs: `require('node:fs').writeFileSync('/dev/shm/fill', Buffer.alloc(1 << 20)); return 'wrote';`,
      };
      const entry = join(fx.dir, 'plugins', 'attacker', 'backend.mjs');
      const modeBefore = statSync(entry).mode;
      for (const [door, code] of Object.entries(doors)) {
        const outcome = await run('attacker', code);
        assert.equal(outcome.ok, false, `${door}: ${JSON.stringify(outcome)}`);
        assert.match(outcome.error ?? '', /ERR_ACCESS_DENIED|EROFS|ENOENT/, `${door}: ${JSON.stringify(outcome)}`);
      }
      assert.equal(statSync(entry).mode, modeBefore, 'the bundle file kept its mode');
      assert.equal(existsSync(`${entry}.report.json`), false);
    });

    it('an abstract unix socket of the host (a session bus, a keyring) is out of reach: no connection arrives', async () => {
      // Abstract sockets belong to a network namespace, not to the filesystem: only --unshare-net hides them.
      const name = `gatehouse-attack-${randomBytes(6).toString('hex')}`;
      let connections = 0;
      const server = createServer((socket) => {
        connections += 1;
        socket.destroy();
      });
      await new Promise<void>((resolve) => server.listen(`\0${name}`, resolve));
      try {
        const outcome = await run(
          'attacker',
          `return await new Promise((resolve, reject) => {
             const socket = require('node:net').connect({ path: '\\0${name}' });
             socket.once('connect', () => { socket.destroy(); resolve('connected'); });
             socket.once('error', reject);
           });`,
        );
        assert.equal(outcome.ok, false, JSON.stringify(outcome));
        assert.equal(connections, 0, 'a connection reached the host');
      } finally {
        server.close();
      }
    });

    it('SIGUSR1 to itself (process._debugProcess) opens no inspector: nothing listens in its sandbox', async () => {
      await run('attacker', `process._debugProcess(process.pid); process.kill(process.pid, 'SIGUSR1'); return 'sent';`);
      const answer = await run('attacker', `return require('node:inspector').url() ?? null;`);
      assert.deepEqual(answer.value, null);
      // Its network namespace's TCP table, read from outside: no socket in LISTEN (state 0A).
      const node = backendNodePid(fx.core.backends.processId('attacker') as number);
      const listening = ['tcp', 'tcp6'].flatMap((table) =>
        readFileSync(`/proc/${node}/net/${table}`, 'utf8')
          .split('\n')
          .slice(1)
          .filter((line) => line.trim().split(/\s+/)[3] === '0A'),
      );
      assert.deepEqual(listening, []);
    });

    it("a trace file Node's tracing would write lands nowhere: the bundle it runs in is read-only", async () => {
      // Node 20's permission model does not stop trace_events, whose native writer opens node_trace.*.log in
      // the working folder; that folder is the bundle, mounted read-only, so the OS sandbox refuses it.
      const bundle = join(fx.dir, 'plugins', 'attacker');
      fx.core.backends.fromFrame('attacker', {
        code: `require('node:trace_events').createTracing({ categories: ['v8', 'node'] }).enable(); return 'tracing';`,
      });
      await logLine(fx, 'attacker', /trace file/);
      assert.deepEqual(
        readdirSync(bundle).filter((name) => name.startsWith('node_trace')),
        [],
        'no trace file in the bundle',
      );
      assert.match(
        fx.core.backends
          .logs('attacker')
          .lines.map((line) => line.text)
          .join('\n'),
        /read-only file system/,
      );
      // A fresh process for the tests after this one.
      await fx.core.plugins.setStatus('attacker', 'disabled');
      await fx.core.plugins.setStatus('attacker', 'active');
      assert.equal((await fx.waitFor('attacker', ['running', 'unavailable'])).state, 'running');
    });

    it('descriptors the host inherited from its own parent never reach the backend', async () => {
      // A host started holding an open file (here fd 40, not close-on-exec, as a wrapper script would leave
      // it): the backend it starts must not get it. The host runs in a child process so the test can hand it one.
      const secretPath = join(fx.dir, 'inherited-secret');
      const secret = `inherited-${randomBytes(8).toString('hex')}`;
      await writeFile(secretPath, secret);
      const handle = await open(secretPath, 'r+');
      const script = fileURLToPath(new URL('./fixtures/inherited-fd-host.ts', import.meta.url));
      const child = spawn(process.execPath, ['--conditions=@gatehouse/source', '--import', 'tsx', script], {
        // Node itself marks a few low inherited descriptors close-on-exec at start-up; fd 40 it leaves as it is.
        stdio: ['ignore', 'pipe', 'inherit', ...Array<'ignore'>(37).fill('ignore'), handle.fd],
        env: { ...process.env, GATEHOUSE_INHERITED_FD: '40', GATEHOUSE_INHERITED_PATH: secretPath },
      });
      let out = '';
      child.stdout?.setEncoding('utf8').on('data', (text: string) => (out += text));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      await handle.close();
      assert.equal(code, 0, out);
      const report = JSON.parse(out.trim().split('\n').at(-1) as string) as {
        hostHadIt: boolean;
        links: string[];
        read: Outcome;
        write: Outcome;
      };
      assert.equal(report.hostHadIt, true, 'the host process held the descriptor (else this test proves nothing)');
      assert.deepEqual(
        report.links.filter((link) => link.includes('inherited-secret')),
        [],
        'the backend process holds no descriptor of the file',
      );
      assert.equal(JSON.stringify(report.read).includes(secret), false, 'the backend read the inherited file');
      assert.equal(readFileSync(secretPath, 'utf8'), secret, 'the backend wrote into the inherited file');
    });
  });

  describe('lifecycle', () => {
    it('what it sends after the host decided to stop it is not acted on (a SIGTERM-ignoring backend)', async () => {
      await fx.waitFor('victim', ['running']);
      await run(
        'victim',
        `process.on('SIGTERM', () => {
           frame({ late: true });
           void rpc.sendRequest('gatehouse/request', { correlationId: 'st-000201', storage: { op: 'set', key: 'late', value: 1 } });
         });
         return 'armed';`,
      );
      const root = fx.core.backends.processId('victim') as number;
      const tree = processTree(root);
      const before = delivered.length;
      await fx.core.plugins.setStatus('victim', 'disabled');
      for (const pid of tree) assert.equal(alive(pid), false, `process ${pid} of its sandbox is gone`);
      assert.deepEqual(
        delivered.slice(before).filter((message) => message.from === 'victim'),
        [],
        'nothing reached its frame after the stop began',
      );
      assert.equal(existsSync(storageFile(fx, 'victim')), false, 'nothing was stored after the stop began');
      await fx.core.plugins.setStatus('victim', 'active');
    });

    it('a restart scheduled after a crash never starts once the plugin is disabled', async () => {
      await fx.waitFor('attacker', ['running']);
      const node = backendNodePid(fx.core.backends.processId('attacker') as number);
      process.kill(node, 'SIGKILL');
      await fx.waitFor('attacker', ['restarting']);
      await fx.core.plugins.setStatus('attacker', 'disabled');
      // Longer than the restart delay (50 ms): a restart that escaped the stop would have started by now.
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.equal(fx.core.backends.status('attacker')?.state, 'stopped');
      assert.equal(fx.core.backends.processId('attacker'), null);
      const phases = (await backendRecords(fx, 'attacker')).map((record) => record.phase);
      assert.equal(phases.at(-1), 'stopped', phases.join(' '));
      await fx.core.plugins.setStatus('attacker', 'active');
      assert.equal((await fx.waitFor('attacker', ['running', 'unavailable'])).state, 'running');
    });

    it('a restart whose launch is under way when the plugin is disabled is ended before its handshake', async () => {
      // The launch of the restart is held until the disable has been asked for, so the two always meet.
      const real = createNodeBackendLauncher();
      let launches = 0;
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      let second: Promise<LaunchedBackend> | null = null;
      const launcher: BackendLauncher = {
        launch(spec) {
          launches += 1;
          if (launches !== 2) return real.launch(spec);
          second = held.then(() => real.launch(spec));
          return second;
        },
      };
      const own = await createBackendFixture([{ id: 'racer', source: ATTACK_BACKEND }], { launcher, restart: { baseDelayMs: 10 } });
      try {
        await own.waitFor('racer', ['running']);
        process.kill(backendNodePid(own.core.backends.processId('racer') as number), 'SIGKILL');
        while (launches < 2) await new Promise((resolve) => setTimeout(resolve, 10));
        const disabled = own.core.plugins.setStatus('racer', 'disabled');
        release();
        await disabled;
        const relaunched = await (second as unknown as Promise<LaunchedBackend>);
        await relaunched.exited;
        assert.equal(relaunched.pid !== null && alive(relaunched.pid), false, 'the relaunched process is gone');
        const phases = (await backendRecords(own, 'racer')).map((record) => record.phase);
        assert.deepEqual(phases, ['started', 'crashed', 'restarting', 'stopped'], 'the restart was never recorded as started');
        assert.equal(own.core.backends.status('racer')?.state, 'stopped');
      } finally {
        await own.cleanup();
      }
    });

    it('it cannot start a process that outlives the stop: the whole sandbox is gone after it', async () => {
      await fx.waitFor('attacker', ['running']);
      const attempts = await run(
        'attacker',
        `const cp = require('node:child_process');
         const tries = [];
         for (const f of [() => cp.spawn('/bin/sleep', ['600'], { detached: true, stdio: 'ignore' }).unref(),
                          () => cp.fork(process.argv[1], { detached: true }),
                          () => cp.execFileSync('/usr/bin/setsid', ['/bin/sleep', '600'])]) {
           try { f(); tries.push('started'); } catch (error) { tries.push(String(error.code)); }
         }
         return tries;`,
      );
      assert.deepEqual(attempts.value, ['ERR_ACCESS_DENIED', 'ERR_ACCESS_DENIED', 'ERR_ACCESS_DENIED']);
      const tree = processTree(fx.core.backends.processId('attacker') as number);
      await fx.core.plugins.setStatus('attacker', 'disabled');
      for (const pid of tree) assert.equal(alive(pid), false, `process ${pid} of its sandbox is gone`);
      await fx.core.plugins.setStatus('attacker', 'active');
      await fx.waitFor('attacker', ['running']);
    });
  });

  describe('host side', () => {
    it("what it prints reaches the plugin's page without terminal, C1 or bidi controls, and cannot pose as the host", async () => {
      const hostile = [
        '\u001b]0;owned\u0007title',
        '\u009b31mred\u009b0m',
        'file\u202egnp.exe',
        '\u2066isolated\u2069',
        'over\rwrite',
        'split\u2028line',
        'backend crashed (SIGKILL) [forged]',
        `long ${'x'.repeat(5000)}`,
      ];
      await run('attacker', `for (const line of ${JSON.stringify(hostile)}) console.log(line); return 'printed';`);
      // eslint-disable-next-line no-control-regex -- the characters a log line must not carry
      const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
      const lines = fx.core.backends.logs('attacker').lines;
      for (const line of lines) {
        assert.equal(unsafe.test(line.text), false, JSON.stringify(line.text));
        assert.ok(line.text.length <= 2001, 'each line is cut');
      }
      const posing = lines.filter((line) => line.text === 'backend crashed (SIGKILL) [forged]');
      assert.ok(posing.length > 0);
      for (const line of posing) assert.equal(line.stream, 'stdout', 'a line the backend printed is marked as its own');
      assert.ok(lines.some((line) => line.text === 'filegnp.exe'));
    });
  });
});
