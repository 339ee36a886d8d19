// Installed plugins as the user manages them: inspect, install, status, grants, and the frame's lifecycle.
// Whatever takes rights away (disable, remove, revoke) stops the plugin's prompts and requests first.
import { isCapability, type Capability } from '@gatehouse/plugin-sdk';
import type { PluginInfo } from '../../shared/plugin-info';
import type { PluginInspection } from '../../shared/plugin-inspection';
import type { DeclineBackoff } from '../confirm/decline-backoff';
import type { PluginRegistry } from '../plugins/plugin-registry';
import type { PluginStorage } from '../storage/plugin-storage';
import { HostError } from '../host-error';
import type { TrustStore } from '../trust';
import type { BackendSupervisor } from '../backends/backend-supervisor';
import { withdrawWhile, type RightsParts } from './withdraw-rights';

export interface PluginsService {
  list(): PluginInfo[];
  get(id: string): PluginInfo | null;
  /** What installing this folder would mean, without installing it. */
  inspect(sourceDir: string): Promise<PluginInspection>;
  install(sourceDir: string): Promise<PluginInfo>;
  setStatus(id: string, to: 'active' | 'disabled' | 'removed'): Promise<PluginInfo | null>;
  /** Grants exactly these capabilities; an unknown one is refused (INVALID_INPUT, one issue per entry) before anything changes. */
  setGrants(id: string, capabilities: readonly string[]): Promise<PluginInfo>;
  /** The verified folder whose files may be served to the plugin frame; null when unavailable. */
  contentDir(id: string): string | null;
  /** The entry page of a plugin whose frame may open now; refused, with the reason, for one that may not. */
  frameEntry(id: string): string;
  /** The plugin's frame unloaded: its prompts are withdrawn and its running requests aborted; answers the prompts withdrawn. */
  frameClosed(id: string): number;
  onChange(listener: () => void): () => void;
}

export interface PluginsServiceDeps extends RightsParts {
  registry: PluginRegistry;
  trust: TrustStore;
  declines: DeclineBackoff;
  storage: PluginStorage;
  /** Plugin backends, stopped before a plugin loses its rights; null when this host runs none. */
  backends?: BackendSupervisor | null;
}

export function createPluginsService(deps: PluginsServiceDeps): PluginsService {
  const { registry, trust, declines, storage, queue, rights } = deps;
  return {
    list: () => registry.list(),
    get: (id) => registry.get(id),
    async inspect(dir) {
      const inspection = await registry.inspect(dir);
      // A key the user trusts is shown under the name the user gave it, not the plugin's own claim.
      const known = inspection.publisher ? trust.get(inspection.publisher.keyId) : undefined;
      if (inspection.publisher && known) {
        inspection.publisher = {
          ...inspection.publisher,
          name: known.name,
          fingerprint: known.fingerprint,
          publicKey: known.publicKey,
          trusted: true,
        };
      }
      return inspection;
    },
    async install(dir) {
      const info = await registry.install(dir);
      // An update replaced the folder the backend was started from, and the process would go on running the
      // old script: it is stopped, and the reconcile starts one from the new bundle if the plugin may act.
      try {
        await deps.backends?.stop(info.id, 'plugin updated');
      } finally {
        void deps.backends?.reconcile();
      }
      return info;
    },
    async setStatus(id, to) {
      // A plugin the user enables again, or removes, starts with no streak of declines.
      if (to === 'active' || to === 'removed') declines.forget(id);
      if (to === 'active') return registry.setStatus(id, to);
      const info = await withdrawWhile(deps, id, { code: 'PLUGIN_NOT_ACTIVE', cause: `plugin ${to}` }, async () => {
        // The process is gone before the change is recorded as made.
        await deps.backends?.stop(id, `plugin ${to}`);
        return registry.setStatus(id, to);
      }).finally(() => void deps.backends?.reconcile());
      if (to === 'removed') await storage.remove(id);
      return info;
    },
    async setGrants(id, requested) {
      const capabilities = knownCapabilities(requested);
      const revoked = registry.get(id)?.granted.filter((cap) => !capabilities.includes(cap)) ?? [];
      if (!revoked.length) return registry.setGrants(id, capabilities);
      // A revoke stops the backend; the next reconcile starts a fresh one with what is still granted.
      return withdrawWhile(deps, id, { code: 'CAPABILITY_DENIED', cause: 'capability revoked', missing: revoked }, async () => {
        await deps.backends?.stop(id, 'capability revoked');
        return registry.setGrants(id, capabilities);
      }).finally(() => void deps.backends?.reconcile());
    },
    contentDir: (id) => registry.contentDir(id),
    frameEntry(id) {
      const info = registry.get(id);
      if (!info) throw new HostError('PLUGIN_NOT_FOUND', `No installed plugin "${id}".`);
      if (!info.available)
        throw new HostError('PLUGIN_UNAVAILABLE', `Plugin "${info.name}" is unavailable: ${info.unavailableReason ?? 'unknown reason'}.`);
      if (!info.mayAct || registry.contentDir(id) === null) {
        throw new HostError('PLUGIN_UNAVAILABLE', `Plugin "${info.name}" is ${info.status}; activate it to open it.`, {
          status: info.status,
        });
      }
      return info.entry;
    },
    frameClosed(id) {
      // The frame that sent them is gone: its prompts are cancelled and every request it still has open is
      // stopped, wherever it is; the frame that replaces it may ask again at once.
      const withdrawn = queue.cancelForPlugin(id);
      rights.stopOpen({ code: 'PLUGIN_NOT_ACTIVE', cause: 'plugin frame closed' }, { pluginId: id });
      return withdrawn;
    },
    onChange: (listener) => registry.onChange(listener),
  };
}

/** The list as capabilities, or INVALID_INPUT naming each unknown entry by its index. */
function knownCapabilities(requested: readonly string[]): Capability[] {
  if (requested.every(isCapability)) return [...requested];
  const issues = requested.flatMap((cap, index) =>
    isCapability(cap) ? [] : [{ path: `capabilities.${index}`, message: 'must be a known capability' }],
  );
  throw new HostError('INVALID_INPUT', `Unknown capabilities: ${requested.filter((cap) => !isCapability(cap)).join(', ')}.`, { issues });
}
