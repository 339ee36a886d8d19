import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Capability } from '@gatehouse/plugin-sdk';
import { setMaxListeners } from 'node:events';
import type { HostSettingsView } from '../shared/ipc-contract';
import { createCachedSettings } from './cached-settings';
import { createActionPreparer } from './actions/prepare-request';
import { openAuditLog } from './audit';
import { createBroker } from './broker';
import { createApprovalMemory } from './confirm/approval-memory';
import { createConfirmationQueue } from './confirm/confirmation-queue';
import type { HostCore } from './host-core-types';
import type { BundleChecker } from './plugins/bundle-check';
import { describePublicKey } from '@gatehouse/plugin-sdk/node';
import { createPluginRegistry } from './plugins/plugin-registry';
import { clipboardPolicySchema, DEFAULT_CLIPBOARD_POLICY, type ClipboardPolicy } from './policy/clipboard-policy';
import { createDefaultFsScopes } from './policy/fs-presets';
import { availableProcessPresets } from './policy/process-presets';
import { createScopeStore } from './policy/scope-store';
import { systemClock, type ClipboardPort, type Clock, type ConfirmationPrompter, type SettingsStore } from './ports';
import { createRateLimiter } from './rate-limiter';
import { createPluginStorage } from './storage/plugin-storage';
import { createStorageHandler } from './storage/storage-handler';
import type { HostsElevation } from './hosts/hosts-elevation';
import { HostError } from './host-error';
import { createSecretStore, type SecretStore } from './secrets';
import { createTrustStore } from './trust';
import { createTrustedBundleChecker } from './trust/trusted-bundle-checker';
import { createMarketplace } from './trust/marketplace';

export interface HostCoreOptions {
  /** Audit log, plugin storage and lock files live here. */
  dataDir: string;
  pluginsDir: string;
  /** Default for the hosts file setting; `/etc/hosts` when omitted. */
  hostsPath?: string;
  settings: SettingsStore;
  clipboard: ClipboardPort | null;
  prompter: ConfirmationPrompter;
  clock?: Clock;
  confirmationTimeoutMs?: number;
  /** Allows unsigned local plugins (badged as unsigned everywhere). */
  devMode?: boolean;
  homeDir?: string;
  /** Scopes added to the presets, for tests and managed installs. */
  scopes?: { fs?: unknown[]; process?: unknown[] };
  /** Replaces the bundle verification (the trust module supplies the signed-bundle checker). */
  checkBundle?: BundleChecker;
  rateLimit?: { burst: number; perSecond: number };
  hostsElevation?: HostsElevation;
  /** The keychain; a keytar-backed store when omitted. */
  secretStore?: SecretStore;
  /** Publisher keys this build trusts out of the box (the development key in a development build). */
  builtInPublishers?: Array<{ publicKey: string; name: string }>;
}

const HOSTS_PATH_KEY = 'hosts.path';
const CLIPBOARD_POLICY_KEY = 'clipboard.policy';

/** Creates the host: the one object that receives plugin requests and decides, confirms, executes and records them. */
export async function createHostCore(options: HostCoreOptions): Promise<HostCore> {
  const clock = options.clock ?? systemClock;
  const { dataDir } = options;
  const settings = createCachedSettings(options.settings);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const audit = await openAuditLog({ dir: join(dataDir, 'audit'), clock });
  const scopes = createScopeStore({
    settings,
    presets: {
      fs: createDefaultFsScopes(options.homeDir ?? homedir()),
      // Tools work in the user's own folders by default; administrators narrow this in Settings.
      process: await availableProcessPresets({ cwdRoots: [options.homeDir ?? homedir()] }),
    },
    extra: options.scopes ?? {},
  });
  const timeoutMs = options.confirmationTimeoutMs ?? 60_000;
  const queue = createConfirmationQueue(options.prompter, { timeoutMs, now: () => clock.now() });
  const approvals = createApprovalMemory(() => clock.now());
  const trust = createTrustStore(settings, { clock });
  for (const publisher of options.builtInPublishers ?? []) if (!trust.get(publisherKeyIdOf(publisher.publicKey))) trust.add(publisher);
  const secretStore = options.secretStore ?? createSecretStore();
  const registry = createPluginRegistry({
    pluginsDir: options.pluginsDir,
    settings,
    clock,
    checkBundle: options.checkBundle ?? createTrustedBundleChecker({ trust, cacheDir: join(dataDir, 'verified'), devMode: options.devMode === true }),
    audit,
  });
  await registry.discover();
  const storage = createPluginStorage({ dir: join(dataDir, 'plugin-storage') });
  const marketplace = createMarketplace({ settings, stagingDir: join(dataDir, 'staging') });
  const limiter = createRateLimiter({ ...(options.rateLimit ?? { burst: 60, perSecond: 30 }), now: () => clock.now() });
  const shutdown = new AbortController();
  // Every running action listens for shutdown; many at once is expected, not a leak.
  setMaxListeners(0, shutdown.signal);

  const hostsPath = (): string => (settings.get(HOSTS_PATH_KEY) as string | undefined) ?? options.hostsPath ?? '/etc/hosts';
  const clipboardPolicy = (): ClipboardPolicy => {
    const parsed = clipboardPolicySchema.safeParse(settings.get(CLIPBOARD_POLICY_KEY) ?? DEFAULT_CLIPBOARD_POLICY);
    return parsed.success ? parsed.data : DEFAULT_CLIPBOARD_POLICY;
  };

  // "Pause plugins": refuses every request and ends every waiting prompt until resumed. Not persisted.
  let paused = false;
  const broker = createBroker({
    paused: () => paused,
    clock,
    getPlugin: (id) => registry.get(id),
    audit,
    prepare: createActionPreparer({
      scopes,
      clipboard: options.clipboard,
      clipboardPolicy,
      hostsPath,
      lockDir: join(dataDir, 'locks'),
      ...(options.hostsElevation ? { hostsElevation: options.hostsElevation } : {}),
      resolveSecretEnv: async (scopeId) => {
        const mapping = scopes.process(scopeId)?.secretEnv ?? {};
        return Object.keys(mapping).length ? secretStore.resolveScopeSecrets(scopeId, mapping) : {};
      },
    }),
    ask: (pluginId, request) => queue.ask(pluginId, request),
    approvals,
    takeRateToken: (pluginId) => limiter.take(pluginId),
    shutdownSignal: shutdown.signal,
  });

  /** Whatever a plugin had pending or running stops when it loses rights. */
  const stopPlugin = (pluginId: string): void => {
    queue.cancelForPlugin(pluginId);
    approvals.revoke(pluginId);
    broker.abortPlugin(pluginId);
  };

  /** Who may sign plugins is a security decision: every change is written down. */
  const recordTrust = async (change: 'trusted' | 'untrusted', keyId: string, fingerprint: string | null, name: string | null): Promise<void> => {
    await audit
      .append({ correlationId: null, pluginId: null, action: 'trust.publisher', scope: null, phase: 'trust.publisher', decision: null, code: null, reason: null, summary: { change, keyId, fingerprint, name } })
      .catch(() => undefined);
  };

  const settingsView = (): HostSettingsView => ({ hostsPath: hostsPath(), clipboard: clipboardPolicy(), confirmationTimeoutMs: timeoutMs });

  const handlePluginStorage = createStorageHandler({ getPlugin: (id) => registry.get(id), storage, takeRateToken: (id) => limiter.take(id) });

  return {
    handlePrivilegedAction: (caller, message) => broker.handlePrivilegedAction(caller, message),
    handlePluginStorage,
    plugins: {
      list: () => registry.list(),
      get: (id) => registry.get(id),
      async inspect(dir) {
        const inspection = await registry.inspect(dir);
        const known = inspection.publisher ? trust.get(inspection.publisher.keyId) : undefined;
        if (inspection.publisher && known) {
          inspection.publisher = { ...inspection.publisher, name: known.name, fingerprint: known.fingerprint, publicKey: known.publicKey, trusted: true };
        }
        return inspection;
      },
      install: (dir) => registry.install(dir),
      async setStatus(id, to) {
        if (to !== 'active') stopPlugin(id);
        const info = await registry.setStatus(id, to);
        if (to === 'removed') await storage.remove(id);
        return info;
      },
      async setGrants(id, capabilities) {
        const before = registry.get(id);
        const info = await registry.setGrants(id, capabilities as Capability[]);
        if (before?.granted.some((cap) => !info.granted.includes(cap))) stopPlugin(id);
        return info;
      },
      contentDir: (id) => registry.contentDir(id),
      onChange: (listener) => registry.onChange(listener),
    },
    confirmations: {
      pending: () => queue.pending(),
      onChange: (listener) => queue.onChange(listener),
      declinePlugin: (pluginId) => queue.cancelForPlugin(pluginId),
    },
    pause: {
      get: () => paused,
      set(next) {
        paused = next;
        if (paused) queue.cancelAll();
        return paused;
      },
    },
    approvals: { list: () => approvals.list(), revoke: (pluginId, key) => approvals.revoke(pluginId, key) },
    audit,
    trust: {
      list: () => trust.list(),
      async add(input) {
        const publisher = trust.add(input);
        await recordTrust('trusted', publisher.keyId, publisher.fingerprint, publisher.name);
        // Plugins signed by this key may verify now.
        await registry.discover();
        return publisher;
      },
      async remove(keyId) {
        const known = trust.get(keyId);
        const removed = trust.remove(keyId);
        // Plugins of that publisher no longer verify: re-check so they become unavailable at once.
        if (removed) {
          await recordTrust('untrusted', keyId, known?.fingerprint ?? null, known?.name ?? null);
          for (const plugin of registry.list()) if (plugin.publisherKeyId === keyId) stopPlugin(plugin.id);
          await registry.discover();
        }
        return removed;
      },
    },
    marketplace,
    secrets: {
      available: () => secretStore.available(),
      list: (scopeId) => secretStore.listKeys(scopeId),
      set: (scopeId, name, value) => secretStore.set(scopeId, name, value),
      delete: (scopeId, name) => secretStore.delete(scopeId, name),
    },
    scopes: {
      list: () => scopes.list(),
      save: (kind, scope) => scopes.save(kind, scope),
      remove: (kind, id) => scopes.remove(kind, id),
    },
    settings: {
      get: settingsView,
      update(patch) {
        if (patch.hostsPath !== undefined) {
          if (!patch.hostsPath.startsWith('/') && !/^[A-Za-z]:\\/.test(patch.hostsPath)) {
            throw new HostError('INVALID_INPUT', 'The hosts file location must be an absolute path.');
          }
          settings.set(HOSTS_PATH_KEY, patch.hostsPath);
        }
        if (patch.clipboard !== undefined) settings.set(CLIPBOARD_POLICY_KEY, clipboardPolicySchema.parse(patch.clipboard));
        return settingsView();
      },
    },
    async close() {
      shutdown.abort();
      queue.cancelAll();
      await audit.close();
    },
  };
}

function publisherKeyIdOf(publicKey: string): string {
  return describePublicKey(publicKey).keyId;
}

export type { HostCore } from './host-core-types';
export { createInteractivePrompter } from './confirm/interactive-prompter';
