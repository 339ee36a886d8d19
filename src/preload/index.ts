// Exposes the named verbs of `window.gatehouse`; never ipcRenderer itself, never an IPC event object.
// A sandboxed preload can require only electron's own modules: what it takes from src/shared is the
// zod-free channel table (ipc-verbs.ts) and the API built from it, bundled into this file.
import { contextBridge, ipcRenderer } from 'electron';
import { createGatehouseApi, type Invoke, type Subscribe } from '../shared/gatehouse-api';
import { IPC_EVENTS } from '../shared/ipc-verbs';

const EVENT_NAMES: ReadonlySet<string> = new Set(IPC_EVENTS);

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
