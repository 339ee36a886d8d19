// `npm run bench`: every benchmark in one run, a table on stdout, and bench/results/latest.json.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './bench-row';

const only = process.argv.slice(2);
const suites: Array<{ name: string; load: () => Promise<(opts: { tmpDir: string }) => Promise<BenchRow[]>> }> = [
  { name: 'core', load: async () => (await import('./core-bench')).runCoreBench },
  { name: 'fs', load: async () => (await import('./fs-bench')).runFsBench },
  { name: 'sandbox', load: async () => (await import('./sandbox-bench')).runSandboxBench },
  { name: 'stream', load: async () => (await import('./stream-bench')).runStreamBench },
  { name: 'backend', load: async () => (await import('./backend-bench')).runBackendBench },
  { name: 'audit', load: async () => (await import('./audit-bench')).runAuditBench },
  { name: 'ui', load: async () => (await import('./ui-bench')).runUiBench },
  { name: 'stream-ui', load: async () => (await import('./stream-ui-bench')).runStreamUiBench },
  { name: 'argv', load: async () => (await import('./argv-bench')).runArgvBench },
  { name: 'size', load: async () => (await import('./size-bench')).runSizeBench },
];

const rows: Array<BenchRow & { suite: string }> = [];
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  const tmpDir = await mkdtemp(join(tmpdir(), `gatehouse-bench-${suite.name}-`));
  try {
    console.error(`running ${suite.name} benchmarks...`);
    const run = await suite.load();
    for (const row of await run({ tmpDir })) rows.push({ suite: suite.name, ...row });
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}

const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '' : n >= 100 ? n.toFixed(0) : n.toFixed(3));
const table = rows.map((r) => ({
  suite: r.suite,
  benchmark: r.name,
  p50: fmt(r.p50),
  p99: fmt(r.p99),
  value: fmt(r.value),
  unit: r.unit,
  ratio: r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`,
  target: r.target ?? '',
}));
console.table(table);
const outDir = new URL('./results/', import.meta.url);
await mkdir(outDir, { recursive: true });
await writeFile(
  new URL('latest.json', outDir),
  JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: cpus().length, memoryBytes: totalmem(), rows }, null, 2) +
    '\n',
);
console.log(`wrote bench/results/latest.json (${rows.length} rows)`);
