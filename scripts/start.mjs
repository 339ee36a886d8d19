#!/usr/bin/env node
// `npm start`: makes sure the Electron binary is there (fetching it once with electron's own install
// script), then builds the example plugins and the app in development mode and starts it. Where the binary
// cannot be had (no download possible), it says so in one line and points to the development host, which
// runs the same UI and host core in a Chromium-family browser.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const BROWSER_HINT = 'run it in a browser instead: npm run dev-host (README: Run Gatehouse in a browser)';
/** A first download of Electron is about 100 MB. */
const FETCH_TIMEOUT_MS = 10 * 60_000;

// Resolving package.json, not 'electron' itself: electron's index.js starts a download when it is loaded.
const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));

/** Where electron's index.js would look for the binary; null when path.txt is not written yet. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  return override ? join(override, relative) : join(electronDir, 'dist', relative);
}

const binaryPresent = () => {
  const binary = electronBinary();
  return binary !== null && existsSync(binary);
};

/** The last line of the fetch's output that says something, kept short: the reason in the one line. */
function reasonOf(output) {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at '));
  const line = lines.find((text) => /error/i.test(text)) ?? lines.at(-1) ?? 'no output';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

if (!binaryPresent()) {
  const fetch = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    encoding: 'utf8',
    timeout: FETCH_TIMEOUT_MS,
  });
  if (fetch.status !== 0 || !binaryPresent()) {
    const reason = fetch.error ? fetch.error.message : reasonOf(`${fetch.stderr ?? ''}\n${fetch.stdout ?? ''}`);
    console.error(`npm start: the Electron binary is missing and could not be downloaded (${reason}); ${BROWSER_HINT}`);
    process.exit(1);
  }
}

/**
 * The arguments after `npm start --`, for the app: `--develop-plugin <dir>` is resolved against the folder
 * npm was started in (INIT_CWD), because the app runs from the checkout. The app checks them itself.
 */
function appArgs(args) {
  const from = process.env.INIT_CWD ?? process.cwd();
  return args.map((arg, i) => {
    if (args[i - 1] === '--develop-plugin' && !arg.startsWith('--')) return resolve(from, arg);
    if (arg.startsWith('--develop-plugin=')) return `--develop-plugin=${resolve(from, arg.slice('--develop-plugin='.length))}`;
    return arg;
  });
}

const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
const built = run(npm, ['run', '-s', 'build:examples']);
if (built !== 0) process.exit(built);
const forwarded = appArgs(process.argv.slice(2));
// electron-vite hands everything after `--` to Electron, where the app reads it from process.argv.
process.exit(run(npx, ['electron-vite', 'preview', '--mode', 'development', ...(forwarded.length ? ['--', ...forwarded] : [])]));
