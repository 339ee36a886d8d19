#!/usr/bin/env node
// Builds dist/: ESM + declarations with tsc, and one self-contained browser file with esbuild.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { browserBundleOptions } from './browser-bundle.mjs';

const pkg = fileURLToPath(new URL('..', import.meta.url));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [fileURLToPath(import.meta.resolve('typescript/bin/tsc')), '-p', 'tsconfig.json'], {
  cwd: pkg,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// zod/mini and the SDK's own English messages (src/english-messages.ts) keep this file small without any
// locale stripping, and an author's own bundle of the package gets the same: see README, "Size".
await build({
  ...browserBundleOptions,
  outfile: fileURLToPath(new URL('../dist/gatehouse-plugin-sdk.global.js', import.meta.url)),
});
