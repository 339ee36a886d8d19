#!/usr/bin/env node
// Starts the development host (src/dev-host/cli.ts) from TypeScript source with tsx, from any folder:
// `npm run dev-host -- <plugin dir>` and `gatehouse-plugin dev` both come here.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const cli = fileURLToPath(new URL('../src/dev-host/cli.ts', import.meta.url));

const child = spawn(process.execPath, ['--conditions=@gatehouse/source', '--import', tsx, cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
// Ctrl+C reaches the child through the terminal; a signal sent to this process alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
