// A STUN/TURN look-alike that answers nothing and records everything: one UDP socket and one TCP
// listener on the same port of 127.0.0.2, a loopback address none of the harness's servers use, so the
// proxy bypass of the suite does not cover it. Any packet that arrives is an escape.
import { createSocket } from 'node:dgram';
import { createServer, type Socket } from 'node:net';

export interface NetworkCanary {
  /** `127.0.0.2:<port>`, for stun:/turn: URLs. */
  address: string;
  /** Every packet or TCP chunk received, as `udp:<bytes>` or `tcp:<bytes>`; contents are never kept. */
  received: string[];
  close(): Promise<void>;
}

export const CANARY_HOST = '127.0.0.2';

export async function startNetworkCanary(): Promise<NetworkCanary> {
  const received: string[] = [];
  const udp = createSocket('udp4');
  udp.on('message', (packet) => received.push(`udp:${packet.length}`));
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(0, CANARY_HOST, () => resolve());
  });
  const port = udp.address().port;
  const sockets = new Set<Socket>();
  const tcp = createServer((socket) => {
    sockets.add(socket);
    received.push('tcp:connect');
    socket.on('data', (chunk) => received.push(`tcp:${chunk.length}`));
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, CANARY_HOST, () => resolve());
  });
  return {
    address: `${CANARY_HOST}:${port}`,
    received,
    async close() {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
}
