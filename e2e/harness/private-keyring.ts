// A real Secret Service for the browser suite: gnome-keyring on a private D-Bus session, one per worker,
// with its keyring files in a temp home, so keytar in the host core talks to a real keychain. Always a
// private one, never the session's own: a desktop or CI session bus may carry a locked keyring, or one
// that D-Bus starts on demand without a login collection, and the scenarios must not depend on it.
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSecretStore } from '../../src/core/secrets';

export type SecretServiceStatus = { available: true } | { available: false; reason: string; installed: boolean };

const sessionScript = fileURLToPath(new URL('./keyring-session.mjs', import.meta.url));

function hasCommand(name: string): boolean {
  return spawnSync('which', [name], { stdio: 'ignore' }).status === 0;
}

/**
 * Points this process at a private, unlocked gnome-keyring and checks it with a store, read and delete.
 * Call it before anything in the process uses keytar. The private bus must outlive this process (GLib
 * ends a process whose session bus closes), so it stops only when this process exits.
 */
export async function ensureSecretService(): Promise<SecretServiceStatus> {
  if (!hasCommand('dbus-run-session') || !hasCommand('gnome-keyring-daemon')) {
    return { available: false, installed: false, reason: 'dbus-run-session or gnome-keyring-daemon is not installed' };
  }
  const home = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-keyring-'));
  process.once('exit', () => rmSync(home, { recursive: true, force: true }));
  const child = spawn('dbus-run-session', ['--', process.execPath, sessionScript], {
    stdio: ['pipe', 'pipe', 'ignore'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: home },
  });
  const line = await new Promise<string | null>((resolve) => {
    let buffer = '';
    const timer = setTimeout(() => resolve(null), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\n');
      if (end === -1) return;
      clearTimeout(timer);
      resolve(buffer.slice(0, end));
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  child.stdout.destroy();
  // Neither the child nor its stdin keeps the worker alive; the pipe closes when the worker exits.
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  const info = line ? (JSON.parse(line) as { ok?: boolean; address?: string | null }) : null;
  if (!info?.ok || !info.address) {
    if (child.pid !== undefined && child.exitCode === null) child.kill();
    return { available: false, installed: true, reason: 'gnome-keyring-daemon did not start on a private session bus' };
  }
  process.env.DBUS_SESSION_BUS_ADDRESS = info.address;
  if (!(await createSecretStore({ service: 'gatehouse-e2e-probe', timeoutMs: 5_000 }).available())) {
    return { available: false, installed: true, reason: 'the private gnome-keyring did not store, read and delete a probe secret' };
  }
  return { available: true };
}
