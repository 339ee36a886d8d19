import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ElectronViteConfigFnObject } from 'electron-vite';
import react from '@vitejs/plugin-react';

const conditions = ['@gatehouse/source'];
const root = dirname(fileURLToPath(import.meta.url));

/**
 * The development publisher key, read at build time. A development build trusts it in memory; every other
 * build never trusts it (its private half is in the repository), so a build without it must not happen.
 */
function developmentPublisher(): { publicKey: string; name: string } {
  const key = JSON.parse(readFileSync(resolve(root, 'examples/dev-signing-key/development-key.json'), 'utf8')) as {
    publicKey?: unknown;
    name?: unknown;
  };
  if (typeof key.publicKey !== 'string' || typeof key.name !== 'string')
    throw new Error('examples/dev-signing-key/development-key.json has no publicKey and name');
  return { publicKey: key.publicKey, name: key.name };
}

/**
 * Build-time constants of the main process. Development mode is on only in a bundle built with
 * `--mode development` (`npm start`, `npm run dev`); `npm run dist` builds with `--mode production`.
 */
export function mainDefines(mode: string): Record<string, string> {
  return {
    __GATEHOUSE_DEV_BUILD__: JSON.stringify(mode === 'development'),
    __GATEHOUSE_DEVELOPMENT_PUBLISHER__: JSON.stringify(developmentPublisher()),
  };
}

const config: ElectronViteConfigFnObject = ({ mode }) => ({
  main: {
    resolve: { conditions },
    define: mainDefines(mode),
    build: { rollupOptions: { input: { index: resolve(root, 'src/main/index.ts') } } },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        // A sandboxed preload cannot load ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    resolve: { conditions },
    plugins: [react()],
    build: { minify: true, rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } } },
  },
});

export default defineConfig(config);
