// esbuild options of the one-file browser build (dist/gatehouse-plugin-sdk.global.js), shared by build.mjs
// and bundle-sizes.mjs so that the size budget measures exactly the file that ships.
import { fileURLToPath } from 'node:url';

/** @type {import('esbuild').BuildOptions} */
export const browserBundleOptions = {
  entryPoints: [fileURLToPath(new URL('../src/browser.ts', import.meta.url))],
  bundle: true,
  format: 'iife',
  globalName: 'GatehouseSDK',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  legalComments: 'none',
};
