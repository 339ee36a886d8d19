// A real Secret Service for the browser suite: gnome-keyring on a private D-Bus session, one per worker,
// with its keyring files in a temp home, so keytar in the host core talks to a real keychain.
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type SecretServiceStatus = { available: true; source: 'existing' | 'private' } | { available: false; reason: string };

const sessionScript = fileURLToPath(new URL('./keyring-session.mjs', import.meta.url));

function hasCommand(name: string): boolean {
  return spawnSync('which', [name], { stdio: 'ignore' }).status === 0;
}

/**
 * Points this process at a Secret Service: the session's own when DBUS_SESSION_BUS_ADDRESS is set, otherwise
 * a private gnome-keyring. Call it before anything in the process uses keytar. The private bus must outlive
 * this process (GLib ends a process whose session bus closes), so it stops only when this process exits.
 */
export async function ensureSecretService(): Promise<SecretServiceStatus> {
  if (process.env.DBUS_SESSION_BUS_ADDRESS) return { available: true, source: 'existing' };
  if (!hasCommand('dbus-run-session') || !hasCommand('gnome-keyring-daemon')) {
    return { available: false, reason: 'dbus-run-session or gnome-keyring-daemon is not installed' };
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
    return { available: false, reason: 'gnome-keyring-daemon did not start on a private session bus' };
  }
  process.env.DBUS_SESSION_BUS_ADDRESS = info.address;
  return { available: true, source: 'private' };
}
