// Streamed output in the real page: time from a child's write to the chunk arriving at the plugin frame's
// port, over the browser suite's path (core → dispatcher → page bridge → host renderer → MessagePort).
// The child is the suite's fake docker (`logs --follow`), which prints one line every 100 ms stamped with
// its write time in epoch ms; `date` stamps the line just before the shell writes it, so each sample is an
// upper bound by the few hundred microseconds between the stamp and the write.
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { startGatehouseApp } from '../e2e/harness/app-session';
import { DOCKER_PANEL } from '../e2e/harness/plugins';
import { percentiles, type BenchRow } from './bench-row';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'];

// Runs in every plugin frame before its own scripts: notes when each output event reaches the frame's port.
const RECORD_ARRIVALS = `
if (window !== window.top) {
  const arrivals = (window.__gatehouseStreamArrivals = []);
  const seen = new Set();
  const add = MessagePort.prototype.addEventListener;
  MessagePort.prototype.addEventListener = function (type, listener, options) {
    if (type !== 'message' || typeof listener !== 'function') return add.call(this, type, listener, options);
    return add.call(this, type, function (event) {
      const data = event.data;
      // The SDK may listen on a port more than once; the first listener to see an event is its arrival.
      if (data && data.event && data.event.type === 'output' && !seen.has(data.correlationId + ' ' + data.event.seq)) {
        seen.add(data.correlationId + ' ' + data.event.seq);
        arrivals.push([Date.now(), data.event.data]);
      }
      return listener.call(this, event);
    }, options);
  };
}`;

/** Arrival time of each stamped line, by its write stamp (unique per line: one line per 100 ms). */
function arrivalByLine(arrivals: Array<[number, string]>): Map<string, number> {
  const byLine = new Map<string, number>();
  for (const [arrivedAt, data] of arrivals) for (const match of data.matchAll(/written-at=(\d+)/g)) byLine.set(match[1]!, arrivedAt);
  return byLine;
}

/** Arrival minus write time of every stamped line in the chunks. */
function latencies(arrivals: Array<[number, string]>): number[] {
  const samples: number[] = [];
  for (const [arrivedAt, data] of arrivals)
    for (const match of data.matchAll(/written-at=(\d+)/g)) samples.push(arrivedAt - Number(match[1]));
  return samples;
}

export interface StreamUiBenchOptions {
  tmpDir: string;
  /** Lines to collect (one per 100 ms). */
  lines?: number;
}

export async function runStreamUiBench(opts: StreamUiBenchOptions): Promise<BenchRow[]> {
  const wanted = Math.max(30, opts.lines ?? 100);
  const browser = await chromium.launch({ executablePath: process.env.GATEHOUSE_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.addInitScript({ content: RECORD_ARRIVALS });
    const app = await startGatehouseApp(page, { plugins: [{ dir: DOCKER_PANEL.dir }], fakeDocker: true });
    try {
      // No prompt in the measured path: the read scope runs without asking for this run.
      const scope = app.host.core.scopes.list().process.find((entry) => entry.id === 'docker-cli');
      if (!scope) throw new Error('the fake docker-cli scope is missing');
      const { preset: _preset, unsandboxed: _unsandboxed, ...rest } = scope;
      app.host.core.scopes.save('process', { ...rest, confirmation: { mode: 'never' } });

      // The same lines as the core hands them to the dispatcher (the host side of the path), for the split.
      const coreArrivals: Array<[number, string]> = [];
      const unsubscribe = app.dispatcher.subscribe((event, payload) => {
        const envelope = payload as { event?: { type?: string; data?: string } } | null;
        if (event === 'action:event' && envelope?.event?.type === 'output') coreArrivals.push([Date.now(), envelope.event.data ?? '']);
      });

      await page.getByRole('navigation', { name: 'Plugins' }).getByRole('button', { name: DOCKER_PANEL.name, exact: true }).click();
      const frame = app.pluginFrame(DOCKER_PANEL.id);
      await frame.getByRole('status').filter({ hasText: 'Connected' }).first().waitFor();
      await frame.getByLabel('Docker executable').fill(app.host.fakeDockerPath ?? '');
      await frame.getByRole('button', { name: 'Refresh' }).click();
      await frame.getByRole('button', { name: 'Follow logs of web' }).click();

      const pluginFrame = page.frames().find((candidate) => candidate.url().startsWith(app.pluginOrigin(DOCKER_PANEL.id)));
      if (!pluginFrame) throw new Error('the Docker panel frame is missing');
      const read = () =>
        pluginFrame.evaluate(
          () => (globalThis as unknown as { __gatehouseStreamArrivals: Array<[number, string]> }).__gatehouseStreamArrivals,
        );
      const deadline = Date.now() + wanted * 100 * 3 + 10_000;
      let arrivals = await read();
      while (arrivals.reduce((n, [, data]) => n + (data.match(/written-at=/g)?.length ?? 0), 0) < wanted && Date.now() < deadline) {
        await page.waitForTimeout(250);
        arrivals = await read();
      }
      await frame.getByRole('button', { name: 'Stop following' }).click();

      unsubscribe();
      const load = loadavg()[0]!.toFixed(1);
      const frameSamples = latencies(arrivals);
      const coreSamples = latencies(coreArrivals);
      if (frameSamples.length === 0) throw new Error('no streamed line reached the plugin frame');
      // The same line at the core and at the frame: the host renderer and bridge's share alone (same clock).
      const atCore = arrivalByLine(coreArrivals);
      const hopSamples = [...arrivalByLine(arrivals)].flatMap(([line, at]) => (atCore.has(line) ? [at - atCore.get(line)!] : []));
      return [
        {
          name: `stream: child write → host core event (${coreSamples.length} lines, load ${load})`,
          unit: 'ms',
          ...percentiles(coreSamples),
        },
        {
          name: `stream: host core event → plugin frame port (${hopSamples.length} lines, load ${load})`,
          unit: 'ms',
          ...percentiles(hopSamples),
        },
        {
          name: `stream: child write → plugin frame port, browser path (${frameSamples.length} lines, load ${load})`,
          unit: 'ms',
          ...percentiles(frameSamples),
          target: 'p50 ≤ 5 ms',
        },
      ];
    } finally {
      await app.close();
    }
  } finally {
    await browser.close();
  }
}
