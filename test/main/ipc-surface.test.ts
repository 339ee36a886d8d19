// Every IPC message into main passes the one sender check (sender-check.ts via ipc-wiring.ts). Listeners
// registered elsewhere would skip it: electron-store, for one, registers 'electron-store-get-data' on
// ipcMain when constructed. So: only ipc-wiring.ts touches ipcMain, and no production dependency does.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function* filesUnder(dir: string, pattern: RegExp): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // A package's own nested node_modules are packages of their own, listed in the lock file.
      if (entry.name !== 'node_modules') yield* filesUnder(path, pattern);
    } else if (pattern.test(entry.name)) {
      yield path;
    }
  }
}

const stripComments = (source: string): string => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

test('only ipc-wiring.ts registers IPC handlers in the main process', async () => {
  const users: string[] = [];
  for (const dir of ['src/main', 'src/preload']) {
    for await (const file of filesUnder(join(root, dir), /\.ts$/)) {
      if (/\bipcMain\b/.test(stripComments(await readFile(file, 'utf8')))) users.push(relative(root, file));
    }
  }
  assert.deepEqual(users, ['src/main/ipc-wiring.ts']);
});

test('no production dependency registers ipcMain listeners of its own', async () => {
  const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; link?: boolean }>;
  };
  const production = Object.entries(lock.packages).filter(([path, info]) => path.startsWith('node_modules/') && !info.dev && !info.link);
  assert.ok(production.length > 0);
  const offenders: string[] = [];
  let scanned = 0;
  for (const [path] of production) {
    const dir = join(root, path);
    if (!existsSync(dir)) continue;
    for await (const file of filesUnder(dir, /\.[cm]?js$/)) {
      scanned++;
      if ((await readFile(file, 'utf8')).includes('ipcMain')) offenders.push(relative(root, file));
    }
  }
  assert.ok(scanned > 100, `scanned ${scanned} files`);
  assert.deepEqual(offenders, []);
});

test('src/main holds only code that needs Electron; the rest lives in src/host', async () => {
  // build-constants.ts is written into the main bundle by the bundler, so it belongs to main though it imports nothing.
  const exempt = new Set(['src/main/build-constants.ts']);
  const withoutElectron: string[] = [];
  for await (const file of filesUnder(join(root, 'src/main'), /\.ts$/)) {
    const path = relative(root, file);
    if (!exempt.has(path) && !/from 'electron'/.test(stripComments(await readFile(file, 'utf8')))) withoutElectron.push(path);
  }
  assert.deepEqual(withoutElectron, []);
});
