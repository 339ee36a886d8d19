// Runs in the page before any app script (main frame only) and builds `window.gatehouse` with the very
// createGatehouseApi the preload uses, over a Playwright binding instead of ipcRenderer.
import { createGatehouseApi, type Invoke, type Subscribe } from '../shared/gatehouse-api';
import { IPC_EVENTS } from '../shared/ipc-verbs';
import { BINDING_NAME, DELIVER_NAME, LISTEN_CHANNEL } from './bridge-names';

// This file runs in the page; the Node tsconfig has no DOM types, so the one global it needs is declared.
declare const window: typeof globalThis & { top: unknown };

(() => {
  if (window !== window.top) return;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  // The binding is looked up per call: Playwright may install it after this script on a new document.
  const invoke: Invoke = (channel, payload) => {
    const binding = (globalThis as unknown as Record<string, unknown>)[BINDING_NAME];
    if (typeof binding !== 'function') return Promise.reject(new Error('The host bridge is not connected.'));
    return (binding as (channel: string, payload: unknown) => Promise<never>)(channel, payload);
  };
  // The host pushes only events someone listens to: a push costs a CDP round trip, unlike webContents.send.
  const announce = (event: string, listening: boolean): void =>
    void invoke(LISTEN_CHANNEL as never, { event, listening } as never).catch(() => undefined);
  const events: ReadonlySet<string> = new Set(IPC_EVENTS);
  // Like the preload: only the table's events can be listened to.
  const subscribe: Subscribe = (event, listener) => {
    if (!events.has(event)) return () => undefined;
    const set = listeners.get(event) ?? new Set();
    const wrapped = (payload: unknown): void => listener(payload as never);
    set.add(wrapped);
    listeners.set(event, set);
    if (set.size === 1) announce(event, true);
    return () => {
      if (set.delete(wrapped) && set.size === 0) announce(event, false);
    };
  };

  Object.defineProperty(window, DELIVER_NAME, {
    value: (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload)),
    enumerable: false,
    writable: false,
    configurable: false,
  });
  Object.defineProperty(window, 'gatehouse', {
    value: deepFreeze(createGatehouseApi(invoke, subscribe)),
    enumerable: true,
    writable: false,
    configurable: false,
  });

  // contextBridge hands the page frozen copies; the shim does the same so the API cannot be patched.
  function deepFreeze<T>(value: T): T {
    if (value && typeof value === 'object') {
      Object.values(value).forEach((child) => deepFreeze(child));
      Object.freeze(value);
    }
    return value;
  }
})();
