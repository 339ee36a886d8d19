// The one way the renderer reaches the host: the verbs the preload exposes on `window.gatehouse`.
import type { GatehouseApi } from '../shared/gatehouse-api';
import type { IpcResult } from '../shared/ipc-result';

/** The host API; throws a clear error when the page runs without a host. */
export function gatehouse(): GatehouseApi {
  const api = (window as Partial<Window>).gatehouse;
  if (!api) throw new Error('window.gatehouse is not available: this page must run inside Gatehouse.');
  return api;
}

export type { HostFailure } from './host-failure';

/** Calls the host and turns a rejected promise (a broken bridge) into an INTERNAL_ERROR result. */
export async function callHost<T>(call: () => Promise<IpcResult<T>>): Promise<IpcResult<T>> {
  try {
    return await call();
  } catch (error) {
    return { ok: false, code: 'INTERNAL_ERROR', error: error instanceof Error ? error.message : 'The host did not answer.' };
  }
}
