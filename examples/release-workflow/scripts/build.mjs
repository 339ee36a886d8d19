#!/usr/bin/env node
// Copies the SDK's single-file browser build into plugin/, the folder Gatehouse installs.
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let source;
try {
  source = fileURLToPath(import.meta.resolve('@gatehouse/plugin-sdk/browser'));
  copyFileSync(source, fileURLToPath(new URL('../plugin/gatehouse-plugin-sdk.global.js', import.meta.url)));
} catch (error) {
  console.error(`Could not copy the SDK browser build (${error.code ?? error.message}). Build the SDK first: npm run build -w plugin-sdk`);
  process.exit(1);
}
console.log(`Copied ${source} into plugin/`);
