#!/usr/bin/env node
// Builds one example's plugin/ folder: copies in the SDK browser build and the files every example shares
// (a bundle is served from its own folder only), bundles the example's backend (backend/main.ts, when it
// has one) into plugin/backend.mjs, then signs it with the development key (see dev-signing-key/README.md).
// Run from the example's folder: `npm run build`.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pluginDir = join(process.cwd(), 'plugin');
try {
  const source = fileURLToPath(import.meta.resolve('@gatehouse/plugin-sdk/browser'));
  copyFileSync(source, join(pluginDir, 'gatehouse-plugin-sdk.global.js'));
} catch (error) {
  console.error(`Could not copy the SDK browser build (${error.code ?? error.message}). Build the SDK first: npm run build -w plugin-sdk`);
  process.exit(1);
}
for (const shared of ['base.css', 'dom.js', 'log-lines.js', 'log-view.js']) {
  copyFileSync(new URL(`./shared/${shared}`, import.meta.url), join(pluginDir, shared));
}
const backendSource = join(process.cwd(), 'backend', 'main.ts');
if (existsSync(backendSource)) {
  // One self-contained file: the backend may read nothing outside its bundle folder, node_modules included.
  const { build } = await import('esbuild');
  await build({
    entryPoints: [backendSource],
    outfile: join(pluginDir, 'backend.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // vscode-jsonrpc (under the SDK's backend entry) is CommonJS: give it a require for Node's built-ins.
    banner: {
      js: "import { createRequire as __gatehouseRequire } from 'node:module'; const require = __gatehouseRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'warning',
  });
}
const { signPluginBundle } = await import('@gatehouse/plugin-sdk/node');
const privateKey = readFileSync(new URL('./dev-signing-key/development-key.pem', import.meta.url), 'utf8');
const { digest } = await signPluginBundle(pluginDir, privateKey);
console.log(`Built and signed ${pluginDir} (${digest})`);
