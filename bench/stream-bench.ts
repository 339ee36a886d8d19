// Live output through the core: a real child under the sandbox, the core's stream, and a plugin-side sink
// behind a real MessageChannel with the SDK's own port transport (events in, acknowledgements out), as the
// host renderer forwards them. Each measure has a baseline taken in the same run: the same child spawned
// directly, its pipe read by this process.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MessageChannel } from 'node:worker_threads';
import Conf from 'conf';
import { createMessagePortTransport, createProcessCapabilityBundle, type ActionEvent } from '@gatehouse/plugin-sdk';
import { createHostCore, createInteractivePrompter, type HostCore } from '../src/core';
import { unsignedBundleChecker } from '../src/core/plugins/bundle-check';
import { percentiles, type BenchRow } from './bench-row';

const PLUGIN = 'bench-stream';
const SCOPE = 'bench-stream';
const MIB = 1024 * 1024;
const LATENCY_LINES = 200;
const FLOOD_MIB = 256;
const FLOOD_ROUNDS = 3;

// The child stamps each line with the wall clock it shares with this process (performance.timeOrigin).
const STAMPS = `let n = 0;
const tick = () => { process.stdout.write((performance.timeOrigin + performance.now()).toFixed(3) + '\\n'); if (++n < ${LATENCY_LINES}) setTimeout(tick, 10); };
setTimeout(tick, 100);`;
const FLOOD = `const chunk = Buffer.alloc(1 << 20, 'a');
let left = ${FLOOD_MIB};
const go = () => { while (left > 0) { left -= 1; if (!process.stdout.write(chunk)) return process.stdout.once('drain', go); } };
go();`;

const now = () => performance.timeOrigin + performance.now();

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Peak RSS growth over `run`, sampled every 5 ms. */
async function peakGrowth<T>(run: () => Promise<T>): Promise<{ value: T; growth: number }> {
  collectGarbage();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const value = await run();
    return { value, growth: Math.max(peak, process.memoryUsage().rss) - before };
  } finally {
    clearInterval(sampler);
  }
}

/** The same child run directly, its stdout read here: the baseline of both latency and throughput. */
function direct(script: string, onData: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', onData);
    child.on('error', reject);
    child.on('close', () => resolve());
  });
}

/**
 * The plugin side: the SDK's port transport on one end of a MessageChannel; on the other, what the host renderer
 * does (request to the core, events of this request to the port, acknowledgements back to the core).
 */
function pluginSide(core: HostCore, ack: boolean) {
  const { port1, port2 } = new MessageChannel();
  const offEvents = core.running.onEvent(({ pluginId, correlationId, event }) => {
    if (pluginId === PLUGIN && event.type !== 'end') port2.postMessage({ correlationId, event });
  });
  port2.on('message', (message: { correlationId: string; request?: unknown; ack?: number }) => {
    if (message.request) void core.handlePrivilegedAction({ pluginId: PLUGIN }, message).then((response) => port2.postMessage(response));
    else if (typeof message.ack === 'number' && ack) core.running.ack(PLUGIN, message.correlationId, message.ack);
  });
  const transport = createMessagePortTransport(port1 as never);
  let counter = 0;
  return {
    run(script: string, onEvent: (event: ActionEvent) => void) {
      counter += 1;
      const correlationId = `bench-stream-${counter.toString().padStart(6, '0')}`;
      const request = {
        action: 'system.process.exec',
        payload: { scope: SCOPE, command: process.execPath, args: [script], stream: true, timeoutMs: 600_000 },
      };
      return transport.send({ correlationId, request } as never, { onEvent });
    },
    close() {
      offEvents();
      transport.close();
      port2.close();
    },
  };
}

export async function runStreamBench({ tmpDir }: { tmpDir: string }): Promise<BenchRow[]> {
  const scripts = join(tmpDir, 'scripts');
  await mkdir(scripts, { recursive: true });
  const stamps = join(scripts, 'stamps.cjs');
  const flood = join(scripts, 'flood.cjs');
  await writeFile(stamps, STAMPS);
  await writeFile(flood, FLOOD);
  const pluginDir = join(tmpDir, 'plugins', PLUGIN);
  await mkdir(pluginDir, { recursive: true });
  const capabilities = createProcessCapabilityBundle(SCOPE);
  await writeFile(
    join(pluginDir, 'manifest.json'),
    JSON.stringify({
      id: PLUGIN,
      name: 'Bench stream',
      version: '1.0.0',
      publisher: 'Gatehouse',
      capabilities,
      ui: { entry: 'index.html' },
    }),
  );
  const core = await createHostCore({
    dataDir: join(tmpDir, 'data'),
    pluginsDir: join(tmpDir, 'plugins'),
    settings: new Conf({ cwd: join(tmpDir, 'settings'), projectName: 'gatehouse-bench' }),
    clipboard: null,
    prompter: createInteractivePrompter(),
    checkBundle: unsignedBundleChecker,
    scopes: {
      process: [
        {
          id: SCOPE,
          title: 'Bench stream',
          executables: [{ path: process.execPath }],
          tool: 'none',
          rules: { argv: [[stamps], [flood]] },
          cwdRoots: [tmpDir],
          allowedEnvKeys: [],
          timeoutCeilingMs: 600_000,
          maxOutputBytes: 65_536,
          confirmation: { mode: 'never' },
          sandbox: { readPaths: [scripts] },
        },
      ],
    },
  });
  await core.plugins.setGrants(PLUGIN, capabilities as never);
  await core.plugins.setStatus(PLUGIN, 'active');
  const rows: BenchRow[] = [];
  try {
    // ---- latency: a line's stamp to its arrival, directly and at the plugin-side sink ----
    const lag = (sink: number[]) => (text: string) => {
      const at = now();
      for (const line of text.split('\n')) if (line) sink.push(at - Number(line));
    };
    const directLag: number[] = [];
    const streamLag: number[] = [];
    const plugin = pluginSide(core, true);
    // Twice each, interleaved; the first pair warms up and is not counted.
    for (let round = 0; round < 3; round++) {
      const directSink = round === 0 ? [] : directLag;
      const streamSink = round === 0 ? [] : streamLag;
      let rest = '';
      await direct(stamps, (chunk) => {
        const text = rest + chunk.toString();
        rest = text.slice(text.lastIndexOf('\n') + 1);
        lag(directSink)(text.slice(0, text.lastIndexOf('\n') + 1));
      });
      let streamRest = '';
      const response = await plugin.run(stamps, (event) => {
        if (event.type !== 'output') return;
        const text = streamRest + event.data;
        streamRest = text.slice(text.lastIndexOf('\n') + 1);
        lag(streamSink)(text.slice(0, text.lastIndexOf('\n') + 1));
      });
      if (!response.ok) throw new Error(`stream run failed: ${JSON.stringify(response)}`);
    }
    const directP = percentiles(directLag);
    const streamP = percentiles(streamLag);
    rows.push(
      { name: 'child write → read by this process, direct pipe (baseline)', unit: 'ms', ...directP },
      {
        name: 'child write → chunk at the plugin-side sink (sandbox, core, port, SDK)',
        unit: 'ms',
        ...streamP,
        ratio: streamP.p50 / directP.p50,
        target: 'p50 ≤ 5 ms',
      },
    );

    // ---- throughput and memory: a flood through the core to a sink that keeps up, interleaved with the baseline ----
    const directRates: number[] = [];
    const streamRates: number[] = [];
    let growth = 0;
    let skippedShare = 0;
    for (let round = 0; round < FLOOD_ROUNDS; round++) {
      let directBytes = 0;
      const directStart = now();
      await direct(flood, (chunk) => void (directBytes += chunk.length));
      directRates.push(directBytes / MIB / ((now() - directStart) / 1000));
      let streamed = 0;
      const streamStart = now();
      const measured = await peakGrowth(() =>
        plugin.run(flood, (event) => {
          if (event.type === 'output') streamed += event.data.length;
        }),
      );
      // A child that writes faster than the sink takes loses the excess past the budget (skipped markers):
      // what is measured is what reached the sink.
      skippedShare = Math.max(skippedShare, 1 - streamed / (FLOOD_MIB * MIB));
      streamRates.push(streamed / MIB / ((now() - streamStart) / 1000));
      growth = Math.max(growth, measured.growth);
    }
    const directMBs = percentiles(directRates).p50;
    const streamMBs = percentiles(streamRates).p50;
    rows.push(
      {
        name: `${FLOOD_MIB} MiB read directly from the child's pipe (baseline, median of ${FLOOD_ROUNDS})`,
        unit: 'MiB/s',
        value: directMBs,
      },
      {
        name: `${FLOOD_MIB} MiB forwarded through the core to the plugin-side sink (median of ${FLOOD_ROUNDS})`,
        unit: 'MiB/s',
        value: streamMBs,
        ratio: streamMBs / directMBs,
        target: '≥ 50 MB/s',
      },
      { name: 'share of the flood skipped because the sink fell behind (worst round)', unit: '%', value: skippedShare * 100 },
      {
        name: 'peak host RSS growth while forwarding a flood (worst round)',
        unit: 'MiB',
        value: growth / MIB,
        target: 'bounded (< 64 MiB)',
      },
    );
    plugin.close();

    // ---- a sink that never acknowledges ----
    const stuck = pluginSide(core, false);
    let received = 0;
    const stuckRun = await peakGrowth(() => stuck.run(flood, (event) => void (event.type === 'output' && (received += event.data.length))));
    stuck.close();
    rows.push(
      {
        name: `peak host RSS growth, ${FLOOD_MIB} MiB to a sink that never acknowledges`,
        unit: 'MiB',
        value: stuckRun.growth / MIB,
        target: 'bounded (< 64 MiB)',
      },
      { name: 'output that reached the stuck sink (window + budget)', unit: 'MiB', value: received / MIB },
    );
  } finally {
    await core.close();
  }
  return rows;
}
