// Broker overhead, throughput and exec cost, each against a baseline measured in the same run.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Conf from 'conf';
import { createProcessCapabilityBundle } from '@gatehouse/plugin-sdk';
import { prepareClipboardWrite } from '../src/core/actions/clipboard-write';
import { createHostCore, createInteractivePrompter } from '../src/core';
import { unsignedBundleChecker } from '../src/core/plugins/bundle-check';
import { snapshotMessage } from '../src/core/snapshot-message';
import { percentiles, type BenchRow } from './bench-row';

const ITERATIONS = 3000;

/** An in-memory clipboard: the Electron clipboard cannot run under plain Node. */
function createFakeClipboard() {
  let text = '';
  return { readText: () => text, writeText: (next: string) => void (text = next) };
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

export async function runCoreBench({ tmpDir }: { tmpDir: string }): Promise<BenchRow[]> {
  const pluginsDir = join(tmpDir, 'plugins');
  const pluginDir = join(pluginsDir, 'bench');
  await mkdir(pluginDir, { recursive: true });
  const capabilities = ['system.clipboard.write', ...createProcessCapabilityBundle('bench-true')];
  await writeFile(
    join(pluginDir, 'manifest.json'),
    JSON.stringify({
      id: 'bench',
      name: 'Bench',
      version: '1.0.0',
      publisher: 'Gatehouse',
      description: '',
      capabilities,
      ui: { entry: 'index.html' },
    }),
  );
  const clipboard = createFakeClipboard();
  const core = await createHostCore({
    dataDir: join(tmpDir, 'data'),
    pluginsDir,
    settings: new Conf({ cwd: join(tmpDir, 'settings'), projectName: 'gatehouse-bench' }),
    clipboard,
    prompter: createInteractivePrompter(),
    checkBundle: unsignedBundleChecker,
    // The limiter would cap the throughput run; this measures the broker itself.
    rateLimit: { burst: 1e9, perSecond: 1e9 },
    scopes: {
      process: [
        {
          id: 'bench-true',
          title: 'true',
          executables: [{ path: '/bin/true' }],
          tool: 'none',
          rules: { argv: [[]] },
          cwdRoots: [tmpDir],
          allowedEnvKeys: [],
          timeoutCeilingMs: 10_000,
          maxOutputBytes: 65_536,
          confirmation: { mode: 'never' },
        },
      ],
    },
  });
  await core.plugins.setGrants('bench', capabilities as never);
  await core.plugins.setStatus('bench', 'active');

  const payload = { text: 'hello' };
  const message = (i: number) => ({
    correlationId: `bench-${i.toString().padStart(8, '0')}`,
    request: { action: 'system.clipboard.write', payload },
  });
  // Warm up both paths so JIT and file handles are steady.
  for (let i = 0; i < 200; i++) {
    await core.handlePrivilegedAction({ pluginId: 'bench' }, message(i));
    await prepareClipboardWrite(payload, { clipboard, policy: { readConfirmation: 'always', writeConfirmation: 'never' } }).run(
      {} as never,
    );
  }

  const bare = await timeEach(ITERATIONS, () =>
    prepareClipboardWrite(payload, { clipboard, policy: { readConfirmation: 'always', writeConfirmation: 'never' } }).run({} as never),
  );
  const brokered = await timeEach(ITERATIONS, async (i) => {
    const response = await core.handlePrivilegedAction({ pluginId: 'bench' }, message(i));
    if (!response.ok) throw new Error(`bench action failed: ${response.code} ${response.error}`);
  });
  const bareP = percentiles(bare);
  const brokerP = percentiles(brokered);

  const total = 20_000;
  let next = 0;
  const startAll = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < total) {
        const i = next++;
        const response = await core.handlePrivilegedAction({ pluginId: 'bench' }, message(100_000 + i));
        if (!response.ok) throw new Error(`bench action failed: ${response.code}`);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - startAll) / 1e9;

  const execMessage = (i: number) => ({
    correlationId: `exec-${i.toString().padStart(8, '0')}`,
    request: { action: 'system.process.exec', payload: { scope: 'bench-true', command: '/bin/true', args: [] } },
  });
  const direct = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn('/bin/true', [], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.on('error', reject);
      child.on('close', () => resolve());
    });
  for (let i = 0; i < 20; i++) {
    await direct();
    await core.handlePrivilegedAction({ pluginId: 'bench' }, execMessage(i));
  }
  const execRuns = 300;
  const directSamples: number[] = [];
  const brokerExecSamples: number[] = [];
  // Interleaved so machine noise hits both sides alike.
  for (let i = 0; i < execRuns; i++) {
    directSamples.push(...(await timeEach(1, direct)));
    brokerExecSamples.push(
      ...(await timeEach(1, async () => {
        const response = await core.handlePrivilegedAction({ pluginId: 'bench' }, execMessage(1000 + i));
        if (!response.ok) throw new Error(`exec failed: ${response.code} ${response.error}`);
      })),
    );
  }
  const directP = percentiles(directSamples);
  const execP = percentiles(brokerExecSamples);

  // The door's one copy of the message, for the largest batch the contract allows.
  const batch = {
    correlationId: 'bench-door-copy',
    request: {
      action: 'system.fs.mutate',
      payload: {
        scope: 'x',
        operations: Array.from({ length: 256 }, (_, i) => ({ type: 'writeFile', path: `/tmp/f${i}`, content: 'x'.repeat(1024) })),
      },
    },
  };
  const copyP = percentiles(await timeEach(ITERATIONS, async () => snapshotMessage(batch)));

  // A refusal flood: how many records 1,000 invalid messages cost (the rest are counted into one record at close).
  const deniedBefore = (await core.audit.query({ pluginId: 'bench', decision: 'denied', limit: 1 })).total;
  for (let i = 0; i < 1000; i++)
    await core.handlePrivilegedAction(
      { pluginId: 'bench' },
      { correlationId: `flood-${i}`, request: { action: 'system.clipboard.write', payload: { shell: true } } },
    );
  const floodRecords = (await core.audit.query({ pluginId: 'bench', decision: 'denied', limit: 1 })).total - deniedBefore;
  await core.close();

  return [
    { name: 'clipboard write, bare executor (baseline)', unit: 'ms', ...bareP },
    { name: 'clipboard write through the broker (2 fsync’d audit records)', unit: 'ms', ...brokerP },
    { name: 'broker overhead per action', unit: 'ms', p50: brokerP.p50 - bareP.p50, p99: brokerP.p99 - bareP.p99, target: 'p50 ≤ 0.5 ms' },
    { name: 'actions per second, 32 concurrent callers', unit: 'actions/s', value: total / seconds, target: '≥ 5,000' },
    { name: 'direct spawn of /bin/true (baseline)', unit: 'ms', ...directP },
    { name: 'exec of /bin/true through the broker', unit: 'ms', ...execP, ratio: execP.p50 / directP.p50, target: '≤ 1.3× direct' },
    { name: 'door copy of a 256-operation fs batch (256 KiB)', unit: 'ms', ...copyP },
    { name: 'audit records for 1,000 refused messages (before the counted one)', unit: 'records', value: floodRecords, target: '≤ 25' },
  ];
}
