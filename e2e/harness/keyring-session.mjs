// Runs inside `dbus-run-session`: starts gnome-keyring unlocked on that private bus, prints the bus address,
// then lives until its parent (a Playwright worker) closes stdin by exiting; dbus-run-session then ends the bus.
import { spawnSync } from 'node:child_process';

const started = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { input: '\n', encoding: 'utf8' });
process.stdout.write(`${JSON.stringify({ ok: started.status === 0, address: process.env.DBUS_SESSION_BUS_ADDRESS ?? null })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
