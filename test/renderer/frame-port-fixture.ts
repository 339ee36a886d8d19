// A plugin frame as the host renderer sees it, for the port tests: the window it posts the port to, what
// arrives on that port, and a wait for message-port deliveries (they land on a later turn).
import type { FrameWindow, HostPort } from '../../src/renderer/plugin-ports';

export function frame() {
  let port: HostPort | null = null;
  const frameWindow: FrameWindow = { postMessage: (_message, _origin, transfer) => void (port = (transfer as HostPort[])[0] ?? null) };
  const received: unknown[] = [];
  return {
    frameWindow,
    received,
    listen() {
      (port as HostPort).onmessage = (event) => void received.push(event.data);
    },
    post: (message: unknown) => (port as HostPort).postMessage(message),
  };
}

export const at = (pluginId: string) => ({ url: `gatehouse-plugin://${pluginId}/index.html`, origin: `gatehouse-plugin://${pluginId}` });
export const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Message ports deliver on a later turn; under load that can take a while, so positives are waited for. */
export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !check(); await tick()) if (Date.now() > end) throw new Error('condition not reached');
}
