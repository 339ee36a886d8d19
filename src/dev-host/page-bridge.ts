// Connects `window.gatehouse` in a page to the shared IPC dispatcher, the way the preload and
// ipc-wiring.ts do in the app: calls are accepted from the main frame on the app origin only. The binding
// travels over Playwright's connection to the browser (a pipe), so nothing listens for these calls.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { IpcDispatcher } from '../host/ipc-dispatcher';
import { originOf } from '../host/url-policy';
import { BINDING_NAME, DELIVER_NAME, LISTEN_CHANNEL } from './bridge-names';

const bridgeShimEntry = fileURLToPath(new URL('./bridge-shim.ts', import.meta.url));

let shimSource: Promise<string> | null = null;

/** The browser-side shim, bundled from TypeScript once per process so it runs src/shared/gatehouse-api.ts itself. */
export function bundleBridgeShim(): Promise<string> {
  shimSource ??= build({
    entryPoints: [bridgeShimEntry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    conditions: ['@gatehouse/source'],
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return shimSource;
}

export interface BridgeRecord {
  /** Calls refused because they did not come from the app's main frame. */
  refused: Array<{ frameUrl: string; channel: unknown }>;
  /** Calls handed to the dispatcher. */
  accepted: number;
}

/** Installs the binding, the init script and the event pump; returns what the binding saw. */
export async function connectGatehouse(
  page: Page,
  dispatcher: IpcDispatcher,
  appOrigin: string,
): Promise<BridgeRecord & { dispose(): void }> {
  const record: BridgeRecord = { refused: [], accepted: 0 };
  const listening = new Set<string>();
  await page.exposeBinding(BINDING_NAME, async (source, channel: unknown, payload: unknown) => {
    const frame = source.frame;
    if (frame !== page.mainFrame() || frame.parentFrame() !== null || originOf(frame.url()) !== appOrigin) {
      record.refused.push({ frameUrl: frame.url(), channel });
      throw new Error('Refused: only the Gatehouse main frame may call the host.');
    }
    if (channel === LISTEN_CHANNEL) {
      const { event, listening: on } = (payload ?? {}) as { event?: unknown; listening?: unknown };
      if (typeof event === 'string') {
        if (on === true) listening.add(event);
        else listening.delete(event);
      }
      return { ok: true, value: null };
    }
    record.accepted++;
    return dispatcher.invoke(String(channel), payload);
  });
  await page.addInitScript({ content: await bundleBridgeShim() });

  // Events are delivered in order, to the main frame only, like webContents.mainFrame.send; events of
  // one tick travel in one evaluate so they do not queue up behind each other on the page.
  let queued: Array<[string, unknown]> = [];
  let chain = Promise.resolve();
  const flush = (): void => {
    const batch = queued;
    queued = [];
    chain = chain.then(async () => {
      if (page.isClosed() || originOf(page.mainFrame().url()) !== appOrigin) return;
      await page
        .evaluate(
          ([name, events]) => {
            const deliver = (globalThis as unknown as Record<string, ((e: string, p: unknown) => void) | undefined>)[name];
            for (const [event, payload] of events) deliver?.(event, payload);
          },
          [DELIVER_NAME, batch] as const,
        )
        .catch(() => undefined);
    });
  };
  const unsubscribe = dispatcher.subscribe((event, payload) => {
    if (!listening.has(event)) return;
    if (queued.length === 0) setImmediate(flush);
    queued.push([event, payload]);
  });
  page.once('close', unsubscribe);
  return Object.assign(record, { dispose: unsubscribe });
}
