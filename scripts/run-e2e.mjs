#!/usr/bin/env node
// `npm run test:e2e`: builds what the suites need when it is missing, then runs Playwright and exits with its code.
// Extra arguments go to `playwright test` (e.g. `node scripts/run-e2e.mjs e2e/specs/hosts.spec.ts`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  return result.status ?? 1;
}

if (!existsSync(join(root, 'plugin-sdk', 'dist', 'gatehouse-plugin-sdk.global.js'))) {
  console.log('e2e: building the SDK (plugin-sdk/dist is missing)');
  const code = run(npm, ['run', '-s', 'build', '-w', 'plugin-sdk']);
  if (code !== 0) process.exit(code);
}
if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.log('e2e: building the app (out/renderer is missing)');
  const code = run(npm, ['run', '-s', 'build:app']);
  if (code !== 0) process.exit(code);
}

// The suites import the host core and the SDK from source, like the Node tests.
const nodeOptions = [process.env.NODE_OPTIONS ?? '', '--conditions=@gatehouse/source'].join(' ').trim();
process.exit(run(npx, ['playwright', 'test', ...process.argv.slice(2)], { ...process.env, NODE_OPTIONS: nodeOptions }));
