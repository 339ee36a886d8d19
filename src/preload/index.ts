// Exposes the named verbs of `window.gatehouse`; never ipcRenderer itself, never an IPC event object.
// A sandboxed preload can require only electron's own modules, so everything from src/shared is type-only.
import { contextBridge, ipcRenderer } from 'electron';
import { createGatehouseApi, type Invoke, type Subscribe } from '../shared/gatehouse-api';
import type { IpcEventName } from '../shared/ipc-contract';

const LISTED = ['confirmations:changed', 'audit:appended', 'plugins:changed', 'action:event', 'running:changed'] as const;
const EVENT_NAMES: ReadonlySet<string> = new Set(LISTED satisfies readonly IpcEventName[]);
// Fails to compile when the contract gains an event this list lacks.
const everyEventListed: Exclude<IpcEventName, (typeof LISTED)[number]> extends never ? true : never = true;
void everyEventListed;

const invoke: Invoke = (channel, payload) => ipcRenderer.invoke(channel, payload);

const subscribe: Subscribe = (event, listener) => {
  if (!EVENT_NAMES.has(event)) return () => undefined;
  const forward = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload as never);
  ipcRenderer.on(event, forward);
  return () => {
    ipcRenderer.removeListener(event, forward);
  };
};

contextBridge.exposeInMainWorld('gatehouse', createGatehouseApi(invoke, subscribe));
