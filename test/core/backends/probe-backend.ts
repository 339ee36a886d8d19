// The source of a hostile backend for the escape suite: on each message from its "frame" it tries one thing
// a backend must not be able to do and reports what happened. Bundled by the fixture, run for real.
export const PROBE_BACKEND = `
import { connectBackend } from '@gatehouse/plugin-sdk/backend';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { Worker } from 'node:worker_threads';

const host = await connectBackend();
const attempt = async (fn: () => unknown) => {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { ok: false, error: String(e?.code ?? e?.message ?? error) };
  }
};
const connectTo = (port: number) =>
  new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve('connected'); });
    socket.once('error', reject);
    setTimeout(() => { socket.destroy(); reject(new Error('timeout')); }, 3000);
  });
const hog: number[][] = [];

host.onFrameMessage(async (data: any) => {
  switch (data.probe) {
    case 'read': return host.postToFrame(await attempt(() => readFileSync(data.path, 'utf8')));
    case 'list': return host.postToFrame(await attempt(() => readdirSync(data.path)));
    case 'write': return host.postToFrame(await attempt(() => writeFileSync(data.path, 'escaped')));
    case 'spawn': return host.postToFrame(await attempt(() => {
      const run = spawnSync(data.file, data.args);
      if (run.error) throw run.error;
      return run.status;
    }));
    case 'worker': return host.postToFrame(await attempt(() => new Promise((resolve, reject) => {
      const worker = new Worker('require("node:fs").writeFileSync(process.argv[2], "x")', { eval: true, argv: [data.path] });
      worker.once('exit', resolve);
      worker.once('error', reject);
    })));
    case 'addon': return host.postToFrame(await attempt(() => process.dlopen({ exports: {} } as never, data.path)));
    case 'connect': return host.postToFrame(await attempt(() => connectTo(data.port)));
    case 'fetch': return host.postToFrame(await attempt(async () => (await fetch(data.url)).status));
    case 'env': return host.postToFrame({ ok: true, value: { ...process.env } });
    case 'kill': return host.postToFrame(await attempt(() => process.kill(data.pid, 'SIGKILL')));
    case 'memory':
      for (;;) hog.push(new Array(1_000_000).fill(Math.random()));
    default: return host.postToFrame({ ok: true, value: 'ready' });
  }
});
`;
