#!/usr/bin/env node
// Runs every *.test.ts under plain Node (node:test + tsx), inside a throwaway D-Bus session with its own
// unlocked gnome-keyring, so keychain tests exercise a real Secret Service and never the user's own
// (which may be locked, or started on demand without a login collection).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = ['plugin-sdk/test', 'test'];
const filter = process.argv.slice(2);

function collect(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(collect(full));
    else if (name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out;
}

const files = roots
  .flatMap((r) => collect(join(root, r)))
  .filter((f) => filter.length === 0 || filter.some((part) => f.includes(part)))
  .sort();
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}

const nodeArgs = ['--conditions=@gatehouse/source', '--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files];
const needsKeyring = !process.env.GATEHOUSE_NO_KEYRING_SESSION;
const command = needsKeyring && hasCommand('dbus-run-session') ? 'dbus-run-session' : process.execPath;
const args =
  command === 'dbus-run-session'
    ? ['--', process.execPath, join(root, 'scripts/with-keyring.mjs'), process.execPath, ...nodeArgs]
    : nodeArgs;
const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);

function hasCommand(name) {
  return spawnSync('which', [name], { stdio: 'ignore' }).status === 0;
}
