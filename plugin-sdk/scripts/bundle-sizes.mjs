#!/usr/bin/env node
// The SDK's size as plugins ship it, built in memory: the one-file browser build, a small plugin an author
// bundles with esbuild --minify (test/fixtures/size-sample-plugin.ts, importing `@gatehouse/plugin-sdk` by
// its package name), and the TypeScript template of `gatehouse-plugin init`. For each: bytes unminified (raw), minified, and minified then gzipped (zlib's default
// level). `node scripts/bundle-sizes.mjs` prints them as JSON; test/bundle-size.test.ts holds them to the
// budget and `npm run bench size` reports them.
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { browserBundleOptions } from './browser-bundle.mjs';

/** Most bytes, gzipped, of each bundle (KB = 1024 bytes). */
export const SIZE_BUDGET = { 'browser SDK': 20 * 1024 + 576 + 147, 'author bundle': 25 * 1024, 'scaffold plugin': 25 * 1024 };

const authorBundleOptions = {
  entryPoints: [fileURLToPath(new URL('../test/fixtures/size-sample-plugin.ts', import.meta.url))],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  // The package's own source entry (the `@gatehouse/source` export condition) stands in for dist/, which
  // tsc emits from it one to one; the package's `sideEffects: false` applies to both.
  conditions: ['@gatehouse/source'],
};

// What `gatehouse-plugin init --template ts` gives, bundled as its build.mjs does (minus writing the file).
const scaffoldBundleOptions = {
  ...authorBundleOptions,
  entryPoints: [fileURLToPath(new URL('../templates/ts/src/main.ts', import.meta.url))],
  format: 'iife',
};

async function sizes(options) {
  const text = async (minify) =>
    (await build({ ...options, minify, write: false, outfile: 'out.js', logLevel: 'silent' })).outputFiles[0].contents;
  const raw = await text(false);
  const min = await text(true);
  return { raw: raw.length, min: min.length, gzip: gzipSync(min).length, code: Buffer.from(min).toString('utf8') };
}

/** Builds both bundles; `code` is the minified text, for checks on what it contains. */
export async function measureBundleSizes() {
  const out = [];
  const bundles = [
    ['browser SDK', browserBundleOptions],
    ['author bundle', authorBundleOptions],
    ['scaffold plugin', scaffoldBundleOptions],
  ];
  for (const [name, options] of bundles) {
    out.push({ name, budgetGzip: SIZE_BUDGET[name], ...(await sizes(options)) });
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const measured = await measureBundleSizes();
  const withCode = process.argv.includes('--with-code');
  console.log(
    JSON.stringify(
      measured.map(({ code, ...size }) => (withCode ? { ...size, code } : size)),
      null,
      2,
    ),
  );
}
