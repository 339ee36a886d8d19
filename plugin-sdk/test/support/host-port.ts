// The host end of a real MessageChannel, driven by the test: it records what the plugin sent and answers on demand.
import type { MessagePort } from 'node:worker_threads';

export interface HostPort {
  port: MessagePort;
  received: unknown[];
  /** Resolves once `count` messages arrived. */
  nextMessages(count: number): Promise<unknown[]>;
  reply(message: unknown): void;
  close(): void;
}

export function createHostPort(port: MessagePort): HostPort {
  const received: unknown[] = [];
  const waiters: { count: number; resolve: (messages: unknown[]) => void }[] = [];
  port.addEventListener('message', (event) => {
    received.push((event as MessageEvent).data);
    for (const waiter of [...waiters]) {
      if (received.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(received.slice(0, waiter.count));
      }
    }
  });
  port.start();
  return {
    port,
    received,
    nextMessages(count) {
      if (received.length >= count) return Promise.resolve(received.slice(0, count));
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    reply(message) {
      port.postMessage(message);
    },
    close() {
      port.close();
    },
  };
}
