#!/usr/bin/env node
// Builds dist/: ESM + declarations with tsc, and one self-contained browser file with esbuild.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkg = fileURLToPath(new URL('..', import.meta.url));

// zod re-exports every locale (over half of the bundle); the SDK speaks English only, so the browser
// file keeps just `en`, the locale zod configures itself with.
const englishZodMessagesOnly = {
  name: 'english-zod-messages-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: 'zod-locales-en', namespace: 'english-zod-messages-only', pluginData: { resolveDir: args.resolveDir } }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'english-zod-messages-only' }, (args) => ({
      contents: "export { default as en } from '../locales/en.js';",
      resolveDir: args.pluginData.resolveDir,
      loader: 'js',
    }));
  },
};
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [fileURLToPath(import.meta.resolve('typescript/bin/tsc')), '-p', 'tsconfig.json'], {
  cwd: pkg,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
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
  plugins: [englishZodMessagesOnly],
});
