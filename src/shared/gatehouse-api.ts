// The verbs of `window.gatehouse`, built once over any invoke/subscribe pair: the preload wires them to
// ipcRenderer, the browser suite to its test binding, so both expose exactly the same API.
import type { IpcChannel, IpcEventName, IpcEvents, IpcRequest, IpcResponses } from './ipc-contract';
import type { IpcResult } from './ipc-result';

export type Invoke = <C extends IpcChannel>(channel: C, payload: IpcRequest<C>) => Promise<IpcResult<IpcResponses[C]>>;
export type Subscribe = <E extends IpcEventName>(event: E, listener: (payload: IpcEvents[E]) => void) => () => void;

export function createGatehouseApi(invoke: Invoke, subscribe: Subscribe) {
  return {
    app: { info: () => invoke('app:get-info', undefined) },
    plugins: {
      list: () => invoke('plugins:list', undefined),
      frame: (pluginId: string) => invoke('plugins:frame', { pluginId }),
      install: () => invoke('plugins:install', undefined),
      setStatus: (pluginId: string, status: 'active' | 'disabled' | 'removed') => invoke('plugins:set-status', { pluginId, status }),
      setGrants: (pluginId: string, capabilities: string[]) => invoke('plugins:set-grants', { pluginId, capabilities }),
    },
    actions: { request: (pluginId: string, message: unknown) => invoke('action:request', { pluginId, message }) },
    storage: { request: (pluginId: string, message: unknown) => invoke('storage:request', { pluginId, message }) },
    confirmations: {
      list: () => invoke('confirmations:list', undefined),
      answer: (id: string, decision: 'approved' | 'declined') => invoke('confirmations:answer', { id, decision }),
    },
    approvals: {
      list: () => invoke('approvals:list', undefined),
      revoke: (pluginId: string, key?: string) => invoke('approvals:revoke', key === undefined ? { pluginId } : { pluginId, key }),
    },
    audit: {
      query: (query: IpcRequest<'audit:query'>) => invoke('audit:query', query),
      get: (seq: number) => invoke('audit:get', { seq }),
      verify: () => invoke('audit:verify', undefined),
      export: (format: 'jsonl' | 'csv', filter: IpcRequest<'audit:export'>['filter']) => invoke('audit:export', { format, filter }),
    },
    scopes: {
      list: () => invoke('scopes:list', undefined),
      save: (kind: 'fs' | 'process', scope: unknown) => invoke('scopes:save', { kind, scope }),
      remove: (kind: 'fs' | 'process', id: string) => invoke('scopes:remove', { kind, id }),
    },
    settings: {
      get: () => invoke('settings:get', undefined),
      update: (patch: IpcRequest<'settings:update'>) => invoke('settings:update', patch),
    },
    on: subscribe,
  };
}

export type GatehouseApi = ReturnType<typeof createGatehouseApi>;
