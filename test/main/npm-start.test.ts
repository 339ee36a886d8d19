// `npm start` where the Electron binary is missing and cannot be fetched: the real start script runs
// electron's real install script against a download server on loopback that has no binary, and must
// answer in one line that points to the development host, without building or starting anything.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('npm start without an Electron binary says so in one line and points to the development host', async (t) => {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const temp = await mkdtemp(join(tmpdir(), 'gatehouse-start-'));
  t.after(async () => {
    server.close();
    await rm(temp, { recursive: true, force: true });
  });

  // Only what the script needs, so no npm_config_* of the calling shell changes where electron downloads from.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: temp,
    // The binary is looked for here, where there is none, even on a machine that has one installed.
    ELECTRON_OVERRIDE_DIST_PATH: join(temp, 'no-electron'),
    ELECTRON_MIRROR: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    electron_config_cache: join(temp, 'cache'),
  };
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

  assert.equal(code, 1);
  const lines = output.trim().split('\n');
  assert.equal(lines.length, 1, `one line, got:\n${output}`);
  assert.match(
    lines[0] ?? '',
    /^npm start: the Electron binary is missing and could not be downloaded \(.+\); run it in a browser instead: npm run dev-host \(README: Run Gatehouse in a browser\)$/,
  );
  assert.ok(
    requests.some((url) => url.includes('electron-v')),
    'it did try to fetch the binary',
  );
  assert.deepEqual(await readdir(temp).then((names) => names.filter((name) => name === 'no-electron')), [], 'nothing was unpacked');
});
