#!/usr/bin/env node
// Starts gnome-keyring-daemon unlocked (empty password) inside the current D-Bus session, then runs argv.
import { spawnSync } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
const started = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { input: '\n', encoding: 'utf8' });
if (started.status === 0) {
  for (const line of started.stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) process.env[line.slice(0, eq)] = line.slice(eq + 1);
  }
} else {
  console.log('gnome-keyring-daemon could not start: keychain tests will report the keychain as unavailable.');
}
const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);
