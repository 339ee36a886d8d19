// Bundle sizes as plugins ship the SDK: the one-file browser build and a small plugin an author bundles with
// esbuild --minify, each unminified, minified and minified+gzipped, in bytes (a size, so no percentiles).
// plugin-sdk/scripts/bundle-sizes.mjs builds and measures them; plugin-sdk/test/bundle-size.test.ts holds
// them to the budget.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './bench-row';

interface BundleSize {
  name: string;
  budgetGzip: number;
  raw: number;
  min: number;
  gzip: number;
}

export async function runSizeBench(): Promise<BenchRow[]> {
  const script = fileURLToPath(new URL('../plugin-sdk/scripts/bundle-sizes.mjs', import.meta.url));
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`bundle-sizes.mjs failed: ${run.stderr}`);
  const rows: BenchRow[] = [];
  for (const size of JSON.parse(run.stdout) as BundleSize[]) {
    rows.push(
      { name: `${size.name}, raw`, value: size.raw, unit: 'bytes' },
      { name: `${size.name}, minified`, value: size.min, unit: 'bytes' },
      { name: `${size.name}, minified+gzip`, value: size.gzip, unit: 'bytes', target: `<= ${size.budgetGzip}` },
    );
  }
  return rows;
}
