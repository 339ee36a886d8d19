// Which publisher keys may sign plugins. A security decision: every change is written down, and taking
// trust away stops that publisher's plugins before the change is recorded.
import type { HostAuditPort } from '../host-audit';
import type { PluginRegistry } from '../plugins/plugin-registry';
import type { TrustedPublisher, TrustStore } from '../trust';
import { withdrawRights, type RightsParts } from './withdraw-rights';

export interface TrustService {
  list(): TrustedPublisher[];
  /** Trusts a key; that publisher's installed plugins are checked again at once. */
  add(input: { publicKey: string; name: string }): Promise<TrustedPublisher>;
  /** Stops trusting a key; that publisher's plugins become unavailable at once. */
  remove(keyId: string): Promise<boolean>;
}

export interface TrustServiceDeps extends RightsParts {
  trust: TrustStore;
  registry: PluginRegistry;
  audit: HostAuditPort;
}

export function createTrustService(deps: TrustServiceDeps) {
  const { trust, registry } = deps;
  const record = async (change: 'trusted' | 'untrusted', keyId: string, fingerprint: string | null, name: string | null): Promise<void> => {
    await deps.audit
      .append({
        correlationId: null,
        pluginId: null,
        action: 'trust.publisher',
        scope: null,
        phase: 'trust.publisher',
        decision: null,
        code: null,
        reason: null,
        summary: { change, keyId, fingerprint, name },
      })
      .catch(() => undefined);
  };
  const service: TrustService = {
    list: () => trust.list(),
    async add(input) {
      const publisher = trust.add(input);
      await record('trusted', publisher.keyId, publisher.fingerprint, publisher.name);
      // Plugins signed by this key may verify now.
      await registry.discover();
      return publisher;
    },
    async remove(keyId) {
      const known = trust.get(keyId);
      const removed = trust.remove(keyId);
      if (!removed) return false;
      // Rights go first, so nothing of that publisher's plugins runs while the change is being written.
      const releases = registry
        .list()
        .filter((plugin) => plugin.publisherKeyId === keyId)
        .map((plugin) => withdrawRights(deps, plugin.id, { code: 'PLUGIN_NOT_ACTIVE', cause: 'publisher untrusted' }));
      try {
        await record('untrusted', keyId, known?.fingerprint ?? null, known?.name ?? null);
        // Plugins of that publisher no longer verify: re-checked so they become unavailable at once.
        await registry.discover();
      } finally {
        releases.forEach((release) => release());
      }
      return true;
    },
  };
  return { service, record };
}
