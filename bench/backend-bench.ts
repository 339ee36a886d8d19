// Plugin backends: start-up to a completed handshake, inside bubblewrap and Node's permission model (with
// a plain Node start of the same script as the baseline), and one request's round trip from a backend
// through the broker against two frame baselines: the frame's SDK call over a MessagePort to the core (the
// goal's comparison; the app adds the renderer and Electron IPC on top), and the bare core call.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import Conf from 'conf';
import { MessageChannel } from 'node:worker_threads';
import { createMessagePortTransport, createPrivilegedActionCorrelationId, requestClipboardWrite } from '@gatehouse/plugin-sdk';
import { createHostCore, createInteractivePrompter } from '../src/core';
import { DEFAULT_BACKEND_LIMITS } from '../src/core/backends/backend-launcher';
import { DEFAULT_BACKEND_CHANNEL_BOUNDS } from '../src/core/backends/backend-channel-bounds';
import { startBackendSession } from '../src/core/backends/backend-session';
import { createNodeBackendLauncher } from '../src/core/backends/node-backend-launcher';
import { BACKEND_CHANNEL_ENV, pipeChannel } from '../src/core/backends/pipe-channel';
import { unsignedBundleChecker } from '../src/core/plugins/bundle-check';
import { defaultSandboxRuntime } from '../src/core/sandbox/sandbox-runtime';
import { writeBackendPlugin } from '../test/core/backends/backend-fixture';
import { bundleBackend } from '../test/support/bundle-backend';
import { percentiles, type BenchRow } from './bench-row';

const BENCH_BACKEND = `
import { connectBackend } from '@gatehouse/plugin-sdk/backend';
import { requestClipboardWrite } from '@gatehouse/plugin-sdk';
const host = await connectBackend();
host.onFrameMessage(async (data: any) => {
  if (data?.op !== 'roundTrips') return;
  const samples: number[] = [];
  for (let i = 0; i < data.count; i++) {
    const start = performance.now();
    const response = await requestClipboardWrite('bench');
    samples.push(performance.now() - start);
    if (!response.ok) return host.postToFrame({ error: response.code });
  }
  host.postToFrame({ samples });
});
`;

async function startUps(bundleDir: string, count: number) {
  const launcher = createNodeBackendLauncher();
  const sandboxed: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < count; i++) {
    let start = performance.now();
    const launched = await launcher.launch({ pluginId: 'bench', bundleDir, entry: 'backend.mjs', limits: DEFAULT_BACKEND_LIMITS });
    const session = startBackendSession(launched, {
      pluginId: 'bench',
      handle: async () => ({ ok: true, correlationId: 'x', result: null }),
      toFrame: () => undefined,
      cancel: () => undefined,
      ack: () => undefined,
      bounds: DEFAULT_BACKEND_CHANNEL_BOUNDS,
      helloTimeoutMs: 10_000,
    });
    await session.ready;
    sandboxed.push(performance.now() - start);
    session.dispose();
    launched.kill();
    await launched.exited;
    // The baseline: the same script on plain Node, no sandbox, no permission model, same handshake.
    start = performance.now();
    const child = spawn(process.execPath, [join(bundleDir, 'backend.mjs')], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      env: { ...BACKEND_CHANNEL_ENV },
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const bare = startBackendSession(
      {
        pid: child.pid ?? null,
        channel: pipeChannel(child.stdio[3] as Duplex, () => child.kill('SIGKILL')),
        onOutput: () => undefined,
        exited,
        terminate: () => child.kill(),
        kill: () => child.kill('SIGKILL'),
        isolation: { osSandbox: null, nodePermissions: false, gaps: [] },
      },
      {
        pluginId: 'bench',
        handle: async () => ({ ok: true, correlationId: 'x', result: null }),
        toFrame: () => undefined,
        cancel: () => undefined,
        ack: () => undefined,
        bounds: DEFAULT_BACKEND_CHANNEL_BOUNDS,
        helloTimeoutMs: 10_000,
      },
    );
    await bare.ready;
    plain.push(performance.now() - start);
    bare.dispose();
    child.kill('SIGKILL');
    await exited;
  }
  return { sandboxed, plain };
}

export async function runBackendBench({ tmpDir }: { tmpDir: string }): Promise<BenchRow[]> {
  const status = defaultSandboxRuntime.status();
  if (!status.available) {
    console.error(`backend benchmarks skipped: ${status.reason}`);
    return [];
  }
  const staging = join(tmpDir, 'staging');
  await mkdir(staging, { recursive: true });
  await bundleBackend(BENCH_BACKEND);
  const bundleDir = await writeBackendPlugin(staging, { id: 'bench', source: BENCH_BACKEND, capabilities: ['system.clipboard.write'] });
  const starts = await startUps(bundleDir, 30);

  let clipboardText = '';
  const core = await createHostCore({
    dataDir: join(tmpDir, 'data'),
    pluginsDir: join(tmpDir, 'plugins'),
    settings: new Conf({ cwd: join(tmpDir, 'settings'), projectName: 'gatehouse-bench' }),
    clipboard: { readText: () => clipboardText, writeText: (text) => void (clipboardText = text) },
    prompter: createInteractivePrompter(),
    checkBundle: unsignedBundleChecker,
    homeDir: tmpDir,
    rateLimit: { burst: 1_000_000, perSecond: 1_000_000 },
    backendLauncher: createNodeBackendLauncher(),
  });
  const backendTrips: number[] = [];
  const frameTrips: number[] = [];
  const framePortTrips: number[] = [];
  try {
    await core.plugins.install(bundleDir);
    await core.plugins.setGrants('bench', ['system.clipboard.write']);
    await core.plugins.setStatus('bench', 'active');
    await core.backends.settle();
    const ask = (count: number) =>
      new Promise<number[]>((resolve, reject) => {
        const stop = core.backends.onFrameMessage((_id, data) => {
          stop();
          const reply = data as { samples?: number[]; error?: string };
          if (reply.samples) resolve(reply.samples);
          else reject(new Error(`backend request failed: ${reply.error}`));
        });
        core.backends.fromFrame('bench', { op: 'roundTrips', count });
      });
    const frame = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const message = {
          correlationId: createPrivilegedActionCorrelationId(),
          request: { action: 'system.clipboard.write', payload: { text: 'bench' } },
        };
        const start = performance.now();
        const response = await core.handlePrivilegedAction({ pluginId: 'bench' }, message);
        frameTrips.push(performance.now() - start);
        if (!response.ok) throw new Error(`frame request failed: ${response.code}`);
      }
    };
    // A frame's own request as its SDK makes it: built and checked by the SDK, posted on a MessagePort, handed
    // to the core with the identity the port stands for. The app adds the renderer and Electron IPC on top.
    const { port1, port2 } = new MessageChannel();
    port2.on('message', (data: unknown) => {
      void core.handlePrivilegedAction({ pluginId: 'bench' }, data).then((response) => port2.postMessage(response));
    });
    const transport = createMessagePortTransport(port1);
    const framePort = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const start = performance.now();
        const response = await requestClipboardWrite('bench', { transport });
        framePortTrips.push(performance.now() - start);
        if (!response.ok) throw new Error(`frame request failed: ${response.code}`);
      }
    };
    await ask(20);
    await frame(20);
    await framePort(20);
    frameTrips.length = 0;
    framePortTrips.length = 0;
    // Interleaved batches, so machine noise hits all three alike.
    for (let batch = 0; batch < 10; batch++) {
      backendTrips.push(...(await ask(30)));
      await frame(30);
      await framePort(30);
    }
    transport.close();
    port2.close();
  } finally {
    await core.close();
  }
  const sandboxed = percentiles(starts.sandboxed);
  const plain = percentiles(starts.plain);
  const backend = percentiles(backendTrips);
  const frame = percentiles(frameTrips);
  const framePort = percentiles(framePortTrips);
  return [
    { name: 'backend start-up to ready, plain node (baseline)', unit: 'ms', ...plain },
    {
      name: 'backend start-up to ready, bwrap + permission model + prlimit',
      unit: 'ms',
      ...sandboxed,
      ratio: sandboxed.p50 / plain.p50,
      target: 'p50 <= 150 ms',
    },
    { name: 'clipboard.write round trip, as a frame request reaches the core', unit: 'ms', ...frame },
    { name: "clipboard.write round trip, a frame's SDK call over a MessagePort", unit: 'ms', ...framePort },
    {
      name: 'clipboard.write round trip from a backend (SDK + JSON-RPC + broker)',
      unit: 'ms',
      ...backend,
      value: backend.p50 - framePort.p50,
      ratio: backend.p50 / framePort.p50,
      target: "p50 within 1 ms of the frame's SDK call (value = difference)",
    },
    {
      name: 'backend round trip over the bare core call (no SDK on the frame side)',
      unit: 'ms',
      ...backend,
      value: backend.p50 - frame.p50,
      ratio: backend.p50 / frame.p50,
    },
  ];
}
