// Planted code for the sandbox attack tests: what a hostile repository, kubeconfig or tool would run. It
// tries every escape the sandbox must stop and writes down what it saw in a report inside the working root.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

/** The escapes one run attempts; every path is absolute, as planted code would know them. */
export interface Escapes {
  /** Files outside the roots it tries to overwrite. */
  canaries: string[];
  /** The planted private key, by absolute path and through $HOME. */
  sshKey: string;
  /** A loopback TCP port on the host. */
  port: number;
  /** Where it writes its report (inside the working root). */
  report: string;
}

/** A Node script that attempts the escapes; run as `node evil.cjs <label>`. */
export function evilScript(escapes: Escapes): string {
  return `'use strict';
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const escapes = ${JSON.stringify(escapes)};
const label = process.argv[2] || 'unknown';
const report = { label, ran: true, writes: {}, reads: {} };
for (const canary of escapes.canaries) {
  try { fs.writeFileSync(canary, 'planted code was here'); report.writes[canary] = 'written'; } catch (e) { report.writes[canary] = e.code; }
}
for (const key of [escapes.sshKey, path.join(process.env.HOME || '/nonexistent', '.ssh', 'id_ed25519')]) {
  try { report.reads[key] = fs.readFileSync(key, 'utf8'); } catch (e) { report.reads[key] = e.code; }
}
const socket = net.connect({ host: '127.0.0.1', port: escapes.port });
const done = (net) => {
  report.net = net;
  socket.destroy();
  fs.appendFileSync(escapes.report, JSON.stringify(report) + '\\n');
  process.stdout.write(JSON.stringify(report) + '\\n');
};
socket.once('connect', () => done('connected'));
socket.once('error', (e) => done(e.code));
setTimeout(() => done('timeout'), 2000).unref();
`;
}

/** A loopback server that counts the connections it gets. */
export async function canaryServer(t: {
  after(fn: () => Promise<void> | void): void;
}): Promise<{ port: number; connections: () => number }> {
  let count = 0;
  const server: Server = createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, connections: () => count };
}

/** A fake HOME with a planted private key; returns the key's path and contents. */
export async function fakeHomeWithKey(home: string): Promise<{ keyPath: string; secret: string }> {
  const secret = `-----BEGIN OPENSSH PRIVATE KEY-----\n${randomBytes(24).toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`;
  await mkdir(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  const keyPath = join(home, '.ssh', 'id_ed25519');
  await writeFile(keyPath, secret, { mode: 0o600 });
  return { keyPath, secret };
}

/** Writes an executable file. */
export async function writeExecutable(path: string, body: string): Promise<string> {
  await writeFile(path, body);
  await chmod(path, 0o755);
  return path;
}

/** A stand-in for kubectl (a test fixture, named as such): like the real one, it runs the exec credential plugin its kubeconfig names. */
export const FAKE_KUBECTL = `#!/usr/bin/node
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const config = JSON.parse(fs.readFileSync('kubeconfig', 'utf8'));
const exec = config.users[0].user.exec;
process.stdout.write(execFileSync(exec.command, exec.args || [], { encoding: 'utf8' }));
`;
