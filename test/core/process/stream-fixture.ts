// A real host core with a process scope that runs node scripts from a temp folder, and a plugin-side sink that
// collects the events of its streamed requests the way the frame's SDK does (acknowledging each, or not).
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProcessCapabilityBundle, type ActionEvent } from '@gatehouse/plugin-sdk';
import { createCoreFixture, type CoreFixture } from '../../support/core-fixture';
import { isAlive } from './process-test-helpers';

export const PLUGIN = 'streamer';
export const SCOPE = 'stream-tools';

export interface StreamFixture extends CoreFixture {
  scripts: string;
  /** Writes a node script into the scripts folder and answers its path. */
  script(name: string, body: string): Promise<string>;
}

/** `names`: the scripts the scope allows (one argv each), written later with `script()`. */
export async function streamFixture(names: string[], extra: Record<string, unknown> = {}): Promise<StreamFixture> {
  const scripts = await realpath(await mkdtemp(join(tmpdir(), 'gh-stream-')));
  const f = await createCoreFixture([{ id: PLUGIN, capabilities: createProcessCapabilityBundle(SCOPE) }], {
    scopes: {
      process: [
        {
          id: SCOPE,
          title: 'Streaming test tools',
          executables: [{ path: process.execPath }, { path: '/usr/bin/touch' }],
          tool: 'none',
          // Node runs code from its arguments, so only literal argv: each script, and the one file touch may make.
          rules: { argv: [...names.map((name) => [join(scripts, name)]), [join(scripts, 'made-file')]] },
          cwdRoots: ['/tmp'],
          allowedEnvKeys: [],
          timeoutCeilingMs: 120_000,
          maxOutputBytes: 65_536,
          confirmation: { mode: 'never' },
          sandbox: { readPaths: [scripts], writePaths: [scripts] },
          ...extra,
        },
      ],
    },
  });
  return {
    ...f,
    scripts,
    async script(name, body) {
      const path = join(scripts, name);
      await writeFile(path, body);
      return path;
    },
    async cleanup() {
      await f.cleanup();
      await rm(scripts, { recursive: true, force: true });
    },
  };
}

export interface Sink {
  events: ActionEvent[];
  /** stdout (or stderr) as the plugin pieced it together from the chunks. */
  text(stream?: 'stdout' | 'stderr'): string;
  /** Resolves once an output chunk contains `needle`. */
  waitFor(needle: string, timeoutMs?: number): Promise<void>;
  stop(): void;
}

/** Collects the events of one request from `core.running.onEvent`, acknowledging each when `ack` is set. */
export function sink(f: CoreFixture, correlationId: string, options: { ack: boolean } = { ack: true }): Sink {
  const events: ActionEvent[] = [];
  const waiters: Array<{ needle: string; done: () => void }> = [];
  let seen = '';
  const stop = f.core.running.onEvent((envelope) => {
    if (envelope.pluginId !== PLUGIN || envelope.correlationId !== correlationId) return;
    const { event } = envelope;
    // Big chunks are kept without their text (a slice would pin the whole string), so the test holds no flood.
    events.push(event.type === 'output' && event.data.length > 4096 ? { ...event, data: '' } : event);
    if (event.type === 'output' && event.data.length <= 4096) {
      seen = Buffer.from(seen + event.data)
        .subarray(-4096)
        .toString();
      for (const waiter of [...waiters]) if (seen.includes(waiter.needle)) waiter.done();
    }
    if (options.ack) f.core.running.ack(PLUGIN, correlationId, event.seq);
  });
  return {
    events,
    text: (stream = 'stdout') =>
      events
        .filter((event): event is Extract<ActionEvent, { type: 'output' }> => event.type === 'output' && event.stream === stream)
        .map((event) => event.data)
        .join(''),
    waitFor: (needle, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        if (seen.includes(needle)) return resolve();
        const timer = setTimeout(() => reject(new Error(`no output "${needle}" within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          needle,
          done: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    stop,
  };
}

/**
 * Host pids of live processes whose command line holds `marker`: a sandboxed tool sees pids of its own PID
 * namespace, so its processes are found on the host by a marker in their argv.
 */
export function livePidsWith(marker: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      if (pid === process.pid || !isAlive(pid)) return false;
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    });
}

/** SIGKILL follows SIGTERM after the grace period; the kernel finishes the exits within moments. */
export async function goneSoon(marker: string, waitMs = 6000): Promise<boolean> {
  for (let waited = 0; waited < waitMs && livePidsWith(marker).length > 0; waited += 50) await new Promise((r) => setTimeout(r, 50));
  return livePidsWith(marker).length === 0;
}

/** A child that ignores SIGTERM and lives until killed; `marker` is in its argv. */
export const stubbornGrandchild = (marker: string) =>
  `require('node:child_process').spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);", ${JSON.stringify(marker)}], { stdio: 'ignore' });`;
