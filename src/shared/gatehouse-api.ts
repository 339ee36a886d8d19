// The verbs of `window.gatehouse`, built once over any invoke/subscribe pair: the preload wires them to
// ipcRenderer, the browser suite to its test binding, so both expose exactly the same API.
import type { IpcChannel, IpcEventName, IpcEvents, IpcRequest, IpcResponses } from './ipc-contract';
import type { IpcResult } from './ipc-result';
import type { ConfirmationDecision } from './confirmation';

export type Invoke = <C extends IpcChannel>(channel: C, payload: IpcRequest<C>) => Promise<IpcResult<IpcResponses[C]>>;
export type Subscribe = <E extends IpcEventName>(event: E, listener: (payload: IpcEvents[E]) => void) => () => void;

export function createGatehouseApi(invoke: Invoke, subscribe: Subscribe) {
  return {
    app: { info: () => invoke('app:get-info', undefined) },
    plugins: {
      list: () => invoke('plugins:list', undefined),
      frame: (pluginId: string) => invoke('plugins:frame', { pluginId }),
      /** Main asks for a folder and answers what installing it would mean, with a one-time ticket; null when cancelled. */
      inspect: () => invoke('plugins:inspect', undefined),
      /** Main asks for a packed `.ghplugin`, unpacks it privately and answers like `inspect`; null when cancelled. */
      inspectFile: () => invoke('plugins:inspect-file', undefined),
      /** Installs exactly the inspected bundle, trusting its publisher first when asked, and grants `grants` (the user's consent). */
      install: (request: IpcRequest<'plugins:install'>) => invoke('plugins:install', request),
      cancelInstall: (token: string) => invoke('plugins:cancel-install', { token }),
      /** The installed bundle as an inspection: what changed since the user last consented. */
      review: (pluginId: string) => invoke('plugins:review', { pluginId }),
      setStatus: (pluginId: string, status: 'active' | 'disabled' | 'removed') => invoke('plugins:set-status', { pluginId, status }),
      setGrants: (pluginId: string, capabilities: string[]) => invoke('plugins:set-grants', { pluginId, capabilities }),
      /** The plugin's frame unloaded: its waiting prompts are withdrawn and its running requests cancelled. */
      frameClosed: (pluginId: string) => invoke('plugins:frame-closed', { pluginId }),
    },
    actions: { request: (pluginId: string, message: unknown) => invoke('action:request', { pluginId, message }) },
    storage: { request: (pluginId: string, message: unknown) => invoke('storage:request', { pluginId, message }) },
    confirmations: {
      list: () => invoke('confirmations:list', undefined),
      answer: (id: string, decision: ConfirmationDecision) => invoke('confirmations:answer', { id, decision }),
      declinePlugin: (pluginId: string) => invoke('confirmations:decline-plugin', { pluginId }),
    },
    pause: {
      get: () => invoke('host:get-paused', undefined),
      set: (paused: boolean) => invoke('host:set-paused', { paused }),
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
    trust: {
      list: () => invoke('trust:list', undefined),
      add: (publicKey: string, name: string) => invoke('trust:add', { publicKey, name }),
      remove: (keyId: string) => invoke('trust:remove', { keyId }),
    },
    secrets: {
      status: (scopeId: string) => invoke('secrets:status', { scopeId }),
      /** The value goes to the keychain once; no call ever returns it. */
      set: (scopeId: string, name: string, value: string) => invoke('secrets:set', { scopeId, name, value }),
      delete: (scopeId: string, name: string) => invoke('secrets:delete', { scopeId, name }),
    },
    marketplace: {
      get: () => invoke('marketplace:get', undefined),
      setKey: (publicKey: string | null) => invoke('marketplace:set-key', { publicKey }),
      /** Main asks for an index file and verifies it; null when cancelled. */
      openIndex: () => invoke('marketplace:open-index', undefined),
      /** Main asks for the candidate's bundle, checks it against its entry and answers an install ticket; null when cancelled. */
      stage: (key: string) => invoke('marketplace:stage', { key }),
    },
    setup: {
      status: (pluginId: string) => invoke('setup:status', { pluginId }),
      /** Runs the steps through the normal prompts; resolves with every step's status when it ends. */
      run: (pluginId: string) => invoke('setup:run', { pluginId }),
      teardown: (pluginId: string) => invoke('setup:teardown', { pluginId }),
      setOverrides: (pluginId: string, overrides: IpcRequest<'setup:set-overrides'>['overrides']) =>
        invoke('setup:set-overrides', { pluginId, overrides }),
    },
    on: subscribe,
  };
}

export type GatehouseApi = ReturnType<typeof createGatehouseApi>;
