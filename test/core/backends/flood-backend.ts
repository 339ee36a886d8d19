// The source of a hostile backend that speaks the channel's framing by hand, to try to make the host hold
// more than its bounds: an endless header, a huge Content-Length, many messages just under the cap, a
// flood of tiny ones, gigabytes of stdout, a pipe it never reads. It writes 1 MiB at a time and waits for
// the pipe to drain, so its own memory limit never stops it; only the host can.
export const FLOOD_BACKEND = `
import { Socket } from 'node:net';
import { once } from 'node:events';

const MIB = 1024 * 1024;
const pipe = new Socket({ fd: 3, readable: true, writable: true });
pipe.on('error', () => undefined);
const frame = (body: string) => 'Content-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body;
const send = (message: unknown) => pipe.write(frame(JSON.stringify({ jsonrpc: '2.0', ...(message as object) })));
const write = async (stream: NodeJS.WritableStream, data: string | Buffer) => {
  if (!stream.write(data)) await once(stream, 'drain');
};
const fill = Buffer.alloc(MIB, 'a');
const stream = async (target: NodeJS.WritableStream, bytes: number, piece: Buffer = fill) => {
  for (let sent = 0; sent < bytes; sent += piece.length) await write(target, piece.subarray(0, Math.min(piece.length, bytes - sent)));
};

send({ id: 1, method: 'gatehouse/hello', params: { protocol: 2, sdkVersion: 'flood' } });

// Attacks run one after another, in the order they came (several may arrive in one chunk).
let pending = '';
let chain = Promise.resolve();
pipe.on('data', (chunk: Buffer) => {
  pending = (pending + chunk.toString('latin1')).slice(-4096);
  const pattern = /"attack":"([a-z-]+)"(?:,"count":(\\d+))?(?:,"bytes":(\\d+))?/g;
  let last = 0;
  for (let found = pattern.exec(pending); found; found = pattern.exec(pending)) {
    const [, name, count, bytes] = found;
    chain = chain.then(() => run(name as string, Number(count ?? 0), Number(bytes ?? 0)));
    last = pattern.lastIndex;
  }
  pending = pending.slice(last);
});

async function run(attack: string, count: number, bytes: number) {
  switch (attack) {
    case 'ping':
      return send({ method: 'gatehouse/toFrame', params: { data: { pong: true } } });
    case 'endless-header':
      return stream(pipe, bytes);
    case 'huge-length':
      await write(pipe, 'Content-Length: ' + bytes + '\\r\\n\\r\\n');
      return stream(pipe, bytes);
    case 'under-cap': {
      const head = '{"jsonrpc":"2.0","method":"gatehouse/toFrame","params":{"data":"';
      const tail = '"}}';
      for (let i = 0; i < count; i++) {
        await write(pipe, 'Content-Length: ' + bytes + '\\r\\n\\r\\n' + head);
        await stream(pipe, bytes - head.length - tail.length);
        await write(pipe, tail);
      }
      return send({ method: 'gatehouse/toFrame', params: { data: { done: attack } } });
    }
    case 'tiny-flood': {
      const one = frame('{"jsonrpc":"2.0","method":"gatehouse/toFrame","params":{"data":{"n":1}}}');
      const batch = Buffer.from(one.repeat(Math.floor(MIB / one.length)));
      const perBatch = Math.floor(MIB / one.length);
      for (let sent = 0; sent < count; sent += perBatch) await write(pipe, batch);
      // Written means nearly all taken: the host reads the pipe only as fast as it handles the messages.
      return console.log('flood written');
    }
    case 'stdout-line':
      return stream(process.stdout, bytes);
    case 'stdout-lines':
      return stream(process.stdout, bytes, Buffer.from(('b'.repeat(99) + '\\n').repeat(MIB / 100)));
    case 'deaf':
      // Stops reading its pipe for good: whatever the host writes to it stays in the pipe or the host.
      pipe.pause();
      pipe.removeAllListeners('data');
      return send({ method: 'gatehouse/toFrame', params: { data: { deaf: true } } });
  }
}
setInterval(() => undefined, 1000);
`;
