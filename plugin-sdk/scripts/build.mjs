#!/usr/bin/env node
// Builds dist/: ESM + declarations with tsc, and one self-contained browser file with esbuild.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkg = fileURLToPath(new URL('..', import.meta.url));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [fileURLToPath(import.meta.resolve('typescript/bin/tsc')), '-p', 'tsconfig.json'], {
  cwd: pkg,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// The same plugin authors use (exported from the Node entry): zod's English messages only.
const { zodEnglishOnlyEsbuildPlugin } = await import(new URL('../dist/node/zod-english-only-esbuild-plugin.js', import.meta.url).href);
await build({
  entryPoints: [fileURLToPath(new URL('../src/browser.ts', import.meta.url))],
  outfile: fileURLToPath(new URL('../dist/gatehouse-plugin-sdk.global.js', import.meta.url)),
  bundle: true,
  format: 'iife',
  globalName: 'GatehouseSDK',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  legalComments: 'none',
  plugins: [zodEnglishOnlyEsbuildPlugin()],
});
