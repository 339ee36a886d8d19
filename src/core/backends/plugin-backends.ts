// Plugin backends wired into the host core: a backend's requests reach the broker (or plugin storage) as its
// own plugin, any change to a plugin decides again whether its backend runs, and a backend's streamed
// requests get their events over its channel. Without a launcher there are no backends.
import { getPluginPortMessageKind, type PrivilegedActionResponse } from '@gatehouse/plugin-sdk';
import type { Clock } from '../ports';
import type { HostAuditPort } from '../host-audit';
import type { PluginRegistry } from '../plugins/plugin-registry';
import type { RunningActions } from '../services/running-actions';
import type { BackendLauncher } from './backend-launcher';
import { createBackendSupervisor, type BackendSupervisor, type RestartPolicy } from './backend-supervisor';

type Handle = (caller: { pluginId: string }, message: unknown) => Promise<PrivilegedActionResponse>;

export interface PluginBackendsDeps {
  launcher: BackendLauncher | null | undefined;
  restart?: Partial<RestartPolicy> | undefined;
  audit: HostAuditPort;
  clock: Clock;
  registry: PluginRegistry;
  running: RunningActions;
  handlePrivilegedAction: Handle;
  handlePluginStorage: Handle;
}

export function createPluginBackends(deps: PluginBackendsDeps): BackendSupervisor | null {
  const { launcher, registry, running } = deps;
  if (!launcher) return null;
  const backends = createBackendSupervisor({
    launcher,
    audit: deps.audit,
    clock: deps.clock,
    plugin: (id) => registry.get(id),
    plugins: () => registry.list(),
    manifest: (id) => registry.manifest(id),
    contentDir: (id) => registry.contentDir(id),
    // The caller is the plugin whose process this is: the supervisor names it, never the message.
    handle: (pluginId, message) =>
      getPluginPortMessageKind(message) === 'storage'
        ? deps.handlePluginStorage({ pluginId }, message)
        : deps.handlePrivilegedAction({ pluginId }, message),
    cancel: (pluginId, correlationId) => void running.cancel(pluginId, correlationId),
    ack: (pluginId, correlationId, seq) => void running.ack(pluginId, correlationId, seq),
    ...(deps.restart ? { restart: deps.restart } : {}),
  });
  // Whatever changes a plugin (status, grants, bundle, trust) decides again whether its backend runs.
  registry.onChange(() => void backends.reconcile());
  // A backend's streamed request gets its events over its own channel, as a frame's gets them on its port.
  running.onEvent(({ pluginId, correlationId, event }) => backends.deliverEvent(pluginId, correlationId, event));
  return backends;
}
