#!/usr/bin/env node
// Starts gnome-keyring-daemon unlocked (empty password) inside the current D-Bus session, then runs argv.
// Its keyring files live in a temp folder, so the user's own keyrings are neither read nor written.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [command, ...args] = process.argv.slice(2);
const home = mkdtempSync(join(tmpdir(), 'gatehouse-test-keyring-'));
const daemonEnv = { ...process.env, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: home };
const started = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { input: '\n', encoding: 'utf8', env: daemonEnv });
if (started.status === 0) {
  for (const line of started.stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) process.env[line.slice(0, eq)] = line.slice(eq + 1);
  }
} else {
  console.log('gnome-keyring-daemon could not start: keychain tests will report the keychain as unavailable.');
}
const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
rmSync(home, { recursive: true, force: true });
process.exit(result.status ?? 1);
