#!/usr/bin/env node
// Compiles test/*.test.ts with esbuild and runs them with node:test. Packages stay external, so the code
// under test and the SDK's fake host share one copy of the SDK (the fake host installs itself in it).
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = '.test-build';
const tests = readdirSync('test').filter((name) => name.endsWith('.test.ts'));
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: tests.map((name) => `test/${name}`),
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: ['node20'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--enable-source-maps', '--test', ...tests.map((name) => `${outdir}/${name.replace(/\.ts$/, '.mjs')}`)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
