import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setMaxListeners } from 'node:events';
import type { HostSettingsView } from '../shared/ipc-contract';
import { createCachedSettings } from './cached-settings';
import { createConfigAudit } from './config-audit';
import { fieldChanges } from './config-changes';
import { createActionPreparer } from './actions/prepare-request';
import { openAuditLog, type AuditRecord, type AuditRecordInput } from './audit';
import { createBroker } from './broker';
import { createApprovalMemory } from './confirm/approval-memory';
import { createConfirmationQueue } from './confirm/confirmation-queue';
import { createDeclineBackoff } from './confirm/decline-backoff';
import type { HostAuditInput } from './host-audit';
import type { HostCore } from './host-core-types';
import type { BundleChecker } from './plugins/bundle-check';
import type { RightsRefusal } from './plugins/may-act';
import { createPluginRegistry } from './plugins/plugin-registry';
import { createPluginRights } from './plugins/plugin-rights';
import { createRefusalAudit } from './refusal-audit';
import { clipboardPolicySchema, DEFAULT_CLIPBOARD_POLICY, type ClipboardPolicy } from './policy/clipboard-policy';
import { openTempJournal, TEMP_JOURNAL_FILE } from './fs/temp-journal';
import { createDefaultFsScopes } from './policy/fs-presets';
import { availableProcessPresets } from './policy/process-presets';
import { createScopeStore } from './policy/scope-store';
import { systemClock, type ClipboardPort, type Clock, type ConfirmationPrompter, type SettingsStore } from './ports';
import { createRateLimiter } from './rate-limiter';
import { createPluginStorage } from './storage/plugin-storage';
import { createStorageHandler } from './storage/storage-handler';
import type { HostsElevation } from './hosts/hosts-elevation';
import { removeHostsLeftovers } from './hosts/hosts-leftovers';
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
  /** Publisher keys this build trusts out of the box (the development key in a development build), in memory only. */
  builtInPublishers?: Array<{ publicKey: string; name: string }>;
  /** Public keys this build never trusts, even when an older build stored them (the development key in a packaged build). */
  neverTrustedPublisherKeys?: string[];
  /** Refusal records a plugin may cause at once and per second; past that, repeats are counted into one record. */
  refusalAudit?: { burst: number; perSecond: number; flushMs?: number };
  /** Sits in front of every append the host makes (tests hold or fail a chosen write here); `append` writes it. */
  auditGate?: (input: AuditRecordInput, append: () => Promise<AuditRecord>) => Promise<AuditRecord>;
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
  // Removes the temp files a crash left (listed before each was created), then records the new ones.
  const { journal: tempJournal } = await openTempJournal(join(dataDir, TEMP_JOURNAL_FILE));
  const gate = options.auditGate;
  const auditPort = { append: (input: HostAuditInput) => (gate ? gate(input, () => audit.append(input)) : audit.append(input)) };
  const audited = createConfigAudit(auditPort);
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
  const trust = createTrustStore(settings, { clock, builtIn: options.builtInPublishers ?? [], neverTrusted: options.neverTrustedPublisherKeys ?? [] });
  // Entries an older build wrote (a development key, or a built-in key it stored) stop counting now.
  const staleTrust = trust.purgeStale();
  const declines = createDeclineBackoff({ now: () => clock.now() });
  const secretStore = options.secretStore ?? createSecretStore();
  const registry = createPluginRegistry({
    pluginsDir: options.pluginsDir,
    settings,
    clock,
    checkBundle: options.checkBundle ?? createTrustedBundleChecker({ trust, cacheDir: join(dataDir, 'verified'), devMode: options.devMode === true }),
    audit: auditPort,
  });
  const rights = createPluginRights({ getPlugin: (id) => registry.get(id) });
  // Any change to a plugin (status, grants, bundle check, trust) re-asks may-act for its waiting and running requests.
  registry.onChange(() => rights.recheck());
  await registry.discover();
  const storage = createPluginStorage({ dir: join(dataDir, 'plugin-storage') });
  const marketplace = createMarketplace({ settings, stagingDir: join(dataDir, 'staging') });
  const limiter = createRateLimiter({ ...(options.rateLimit ?? { burst: 60, perSecond: 30 }), now: () => clock.now() });
  const refusals = createRefusalAudit({
    audit: auditPort,
    now: () => clock.now(),
    ...(options.refusalAudit ? { budget: options.refusalAudit, flushMs: options.refusalAudit.flushMs } : {}),
  });
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
    rights,
    audit: auditPort,
    refusals,
    prepare: createActionPreparer({
      scopes,
      clipboard: options.clipboard,
      clipboardPolicy,
      hostsPath,
      lockDir: join(dataDir, 'locks'),
      tempJournal,
      ...(options.hostsElevation ? { hostsElevation: options.hostsElevation } : {}),
      // A plugin that may change files may write in every filesystem scope's folders.
      writableRoots: (pluginId) => (registry.get(pluginId)?.granted.includes('system.fs.mutate') ? scopes.fsScopes().flatMap((scope) => scope.roots) : []),
      resolveSecretEnv: async (scopeId) => {
        const mapping = scopes.process(scopeId)?.secretEnv ?? {};
        return Object.keys(mapping).length ? secretStore.resolveScopeSecrets(scopeId, mapping) : {};
      },
    }),
    // While paused no prompt is shown at all, a workflow's gated step included.
    ask: async (pluginId, request, guard) => (paused ? 'cancelled' : declines.record(pluginId, await queue.ask(pluginId, request, guard))),
    declineBackoffMs: (pluginId) => declines.remainingMs(pluginId),
    approvals,
    takeRateToken: (pluginId) => limiter.take(pluginId),
    shutdownSignal: shutdown.signal,
  });

  /**
   * Takes a plugin's rights away before the registry's audited write: its prompts are withdrawn, its waiting and
   * running requests abort with `cause`, remembered approvals go, and new requests are refused until `work` ends.
   */
  const withdrawWhile = async <T>(pluginId: string, refusal: RightsRefusal, work: () => Promise<T>): Promise<T> => {
    const release = rights.withdraw(pluginId, refusal);
    queue.cancelForPlugin(pluginId);
    approvals.revoke(pluginId);
    try {
      return await work();
    } finally {
      release();
    }
  };

  /** Who may sign plugins is a security decision: every change is written down. */
  const recordTrust = async (change: 'trusted' | 'untrusted', keyId: string, fingerprint: string | null, name: string | null): Promise<void> => {
    await audit
      .append({ correlationId: null, pluginId: null, action: 'trust.publisher', scope: null, phase: 'trust.publisher', decision: null, code: null, reason: null, summary: { change, keyId, fingerprint, name } })
      .catch(() => undefined);
  };

  for (const entry of staleTrust) {
    if (options.neverTrustedPublisherKeys?.includes(entry.publicKey)) await recordTrust('untrusted', entry.keyId, entry.fingerprint, entry.name);
  }
  // A development run allows unsigned plugins and trusts the development key: every such start is on record.
  if (options.devMode === true) {
    await auditPort.append({
      correlationId: null,
      pluginId: null,
      action: 'host.developerMode',
      scope: null,
      phase: 'started',
      decision: null,
      code: null,
      reason: null,
      summary: { unsignedPlugins: 'allowed', builtInPublishers: (options.builtInPublishers ?? []).map((publisher) => publisher.name) },
    });
  }
  // A hosts write killed by a crash leaves its lock and temp file; removed now, so the next write never waits.
  await removeHostsLeftovers(hostsPath(), join(dataDir, 'locks'));

  const settingsView = (): HostSettingsView => ({ hostsPath: hostsPath(), clipboard: clipboardPolicy(), confirmationTimeoutMs: timeoutMs });

  const handlePluginStorage = createStorageHandler({ mayAct: (id) => rights.check(id), storage, takeRateToken: (id) => limiter.take(id) });

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
        // A plugin the user enables again, or removes, starts with no streak of declines.
        if (to === 'active' || to === 'removed') declines.forget(id);
        if (to === 'active') return registry.setStatus(id, to);
        const info = await withdrawWhile(id, { code: 'PLUGIN_NOT_ACTIVE', cause: `plugin ${to}` }, () => registry.setStatus(id, to));
        if (to === 'removed') await storage.remove(id);
        return info;
      },
      async setGrants(id, capabilities) {
        const revoked = registry.get(id)?.granted.filter((cap) => !capabilities.includes(cap)) ?? [];
        if (!revoked.length) return registry.setGrants(id, capabilities);
        return withdrawWhile(id, { code: 'CAPABILITY_DENIED', cause: 'capability revoked', missing: revoked }, () => registry.setGrants(id, capabilities));
      },
      contentDir: (id) => registry.contentDir(id),
      frameClosed(id) {
        // The frame that sent them is gone: its prompts are cancelled and every request it still has open is
        // stopped, wherever it is; the frame that replaces it may ask again at once.
        const withdrawn = queue.cancelForPlugin(id);
        rights.stopOpen({ code: 'PLUGIN_NOT_ACTIVE', cause: 'plugin frame closed' }, { pluginId: id });
        return withdrawn;
      },
      onChange: (listener) => registry.onChange(listener),
    },
    confirmations: {
      pending: () => queue.pending(),
      onChange: (listener) => queue.onChange(listener),
      declinePlugin: (pluginId) => queue.declineForPlugin(pluginId),
    },
    pause: {
      get: () => paused,
      set(next) {
        paused = next;
        if (paused) {
          queue.cancelAll();
          // What already runs stops; what waits is refused by the broker's own pause checks, as the user's no.
          rights.stopOpen({ code: 'PLUGIN_NOT_ACTIVE', cause: 'plugins paused' }, { stage: 'running' });
        }
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
          // Rights go first, so nothing of that publisher's plugins runs while the change is being written.
          const releases = registry
            .list()
            .filter((plugin) => plugin.publisherKeyId === keyId)
            .map((plugin) => {
              approvals.revoke(plugin.id);
              return rights.withdraw(plugin.id, { code: 'PLUGIN_NOT_ACTIVE', cause: 'publisher untrusted' });
            });
          try {
            await recordTrust('untrusted', keyId, known?.fingerprint ?? null, known?.name ?? null);
            await registry.discover();
          } finally {
            releases.forEach((release) => release());
          }
        }
        return removed;
      },
    },
    marketplace,
    secrets: {
      available: () => secretStore.available(),
      list: (scopeId) => secretStore.listKeys(scopeId),
      // Names only: the value never reaches the record (test/core/config-audit.test.ts greps the log for it).
      async set(scopeId, name, value) {
        const existed = await secretStore.listKeys(scopeId).then((names) => names.includes(name), () => null);
        await audited({ action: 'secret.set', scope: scopeId, summary: { scopeId, name, replaced: existed } }, () => secretStore.set(scopeId, name, value));
      },
      delete: (scopeId, name) => audited({ action: 'secret.deleted', scope: scopeId, summary: { scopeId, name } }, () => secretStore.delete(scopeId, name)),
    },
    scopes: {
      list: () => scopes.list(),
      async save(kind, raw) {
        const scope = scopes.parse(kind, raw);
        const before = scopes.current(kind, scope.id);
        const { changes, more } = fieldChanges(before, scope);
        // Saving what is already in force changes nothing and is not a configuration change.
        if (before && changes.length === 0) return scopes.list();
        const summary = { kind, scopeId: scope.id, created: before === null, changes, ...(more ? { moreChanges: more } : {}) };
        return audited({ action: 'scope.saved', scope: scope.id, summary }, () => scopes.save(kind, scope));
      },
      async remove(kind, id) {
        const before = scopes.current(kind, id);
        const after = scopes.fallback(kind, id);
        const { changes, more } = fieldChanges(before, after);
        const summary = { kind, scopeId: id, fallsBackToPreset: after !== null, changes, ...(more ? { moreChanges: more } : {}) };
        return audited({ action: 'scope.removed', scope: id, summary }, () => scopes.remove(kind, id));
      },
    },
    settings: {
      get: settingsView,
      async update(patch) {
        // Both parts are checked before either is recorded or made.
        if (patch.hostsPath !== undefined && !patch.hostsPath.startsWith('/') && !/^[A-Za-z]:\\/.test(patch.hostsPath)) {
          throw new HostError('INVALID_INPUT', 'The hosts file location must be an absolute path.');
        }
        const clipboard = patch.clipboard === undefined ? undefined : clipboardPolicySchema.parse(patch.clipboard);
        const hostsBefore = hostsPath();
        if (patch.hostsPath !== undefined && patch.hostsPath !== hostsBefore) {
          const next = patch.hostsPath;
          await audited({ action: 'settings.hostsPath', summary: { changes: [{ field: 'hostsPath', before: hostsBefore, after: next }] } }, () => settings.set(HOSTS_PATH_KEY, next));
        }
        if (clipboard !== undefined) {
          const { changes } = fieldChanges(clipboardPolicy(), clipboard);
          if (changes.length) await audited({ action: 'settings.clipboard', summary: { changes } }, () => settings.set(CLIPBOARD_POLICY_KEY, clipboard));
        }
        return settingsView();
      },
    },
    async close() {
      shutdown.abort();
      queue.cancelAll();
      // Counted refusals are written before the log closes.
      await refusals.close();
      await audit.close();
      await tempJournal.close();
    },
  };
}

export type { HostCore } from './host-core-types';
export { createInteractivePrompter } from './confirm/interactive-prompter';
