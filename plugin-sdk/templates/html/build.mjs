#!/usr/bin/env node
// Bundles src/app.js, the code it imports and the SDK into plugin/app.js: one minified file, loaded by
// index.html with one script tag. `node build.mjs --watch` rebuilds on every change.
import { build, context } from 'esbuild';
import { zodEnglishOnlyEsbuildPlugin } from '@gatehouse/plugin-sdk/node';

const options = {
  entryPoints: ['src/app.js'],
  outfile: 'plugin/app.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // The SDK validates with zod; only zod's English messages are kept (its other locales are most of its size).
  plugins: [zodEnglishOnlyEsbuildPlugin()],
};

if (process.argv.includes('--watch')) {
  const watcher = await context({ ...options, logLevel: 'info' });
  await watcher.watch();
  console.log('Watching src/ for changes; press Ctrl+C to stop.');
} else {
  const result = await build(options);
  const bytes = result.metafile.outputs['plugin/app.js']?.bytes ?? 0;
  console.log(`Built plugin/app.js (${(bytes / 1024).toFixed(1)} KiB)`);
}
