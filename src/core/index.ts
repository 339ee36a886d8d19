import { mkdir } from 'node:fs/promises';
import type { PrivilegedActionResponse } from '@gatehouse/plugin-sdk';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setMaxListeners } from 'node:events';
import { createCachedSettings } from './cached-settings';
import { createConfigAudit } from './config-audit';
import { createActionPreparer } from './actions/prepare-request';
import { openAuditLog, type AuditRecord, type AuditRecordInput } from './audit';
import { createBroker } from './broker';
import { createApprovalMemory } from './confirm/approval-memory';
import { createConfirmationQueue, DEFAULT_CONFIRMATION_TIMEOUT_MS } from './confirm/confirmation-queue';
import { createDeclineBackoff } from './confirm/decline-backoff';
import type { HostAuditInput } from './host-audit';
import type { HostCore } from './host-core-types';
import type { BundleChecker } from './plugins/bundle-check';
import { createPluginRegistry } from './plugins/plugin-registry';
import { createPluginRights } from './plugins/plugin-rights';
import { createRefusalAudit } from './refusal-audit';
import { recordStartup } from './startup-records';
import { openTempJournal, TEMP_JOURNAL_FILE } from './fs/temp-journal';
import { createDefaultFsScopes } from './policy/fs-presets';
import { availableProcessPresets } from './policy/process-presets';
import { createScopeStore } from './policy/scope-store';
import { systemClock, type ClipboardPort, type Clock, type ConfirmationPrompter, type SettingsStore } from './ports';
import { createRateLimiter, DEFAULT_RATE_LIMIT } from './rate-limiter';
import { createPluginStorage } from './storage/plugin-storage';
import { createStorageHandler } from './storage/storage-handler';
import type { HostsElevation } from './hosts/hosts-elevation';
import { removeHostsLeftovers } from './hosts/hosts-leftovers';
import { createSecretStore, type SecretStore } from './secrets';
import { createTrustStore } from './trust';
import { createTrustedBundleChecker } from './trust/trusted-bundle-checker';
import { createMarketplace } from './trust/marketplace';
import { createAuditService } from './services/audit-service';
import { createApprovalsService, createConfirmationsService } from './services/confirmations-service';
import { createMarketplaceService } from './services/marketplace-service';
import { createPauseSwitch } from './services/pause-switch';
import { createRunningActions, runningActionsService } from './services/running-actions';
import { createPluginsService } from './services/plugins-service';
import { createScopesService } from './services/scopes-service';
import { createSecretsService } from './services/secrets-service';
import { createSettingsService } from './services/settings-service';
import { createTrustService } from './services/trust-service';
import { createBackendsView } from './services/backends-service';
import type { BackendLauncher } from './backends/backend-launcher';
import type { RestartPolicy } from './backends/backend-supervisor';
import { createPluginBackends } from './backends/plugin-backends';
import { createSetupService } from './services/setup-service';
import { createSetupState } from './setup/setup-state';

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
  /** Starts plugin backends (a Node child process under Node, a utility process in the app); none run without it. */
  backendLauncher?: BackendLauncher | null;
  /** How a crashed backend is restarted; tests shorten the delays. */
  backendRestart?: Partial<RestartPolicy>;
}

/** How long closing waits for stopped runs to record their outcome (the kill grace, plus room). */
const SHUTDOWN_DRAIN_MS = 3000;

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
  const timeoutMs = options.confirmationTimeoutMs ?? DEFAULT_CONFIRMATION_TIMEOUT_MS;
  const queue = createConfirmationQueue(options.prompter, { timeoutMs, now: () => clock.now() });
  const approvals = createApprovalMemory(() => clock.now());
  const trust = createTrustStore(settings, {
    clock,
    builtIn: options.builtInPublishers ?? [],
    neverTrusted: options.neverTrustedPublisherKeys ?? [],
  });
  // Entries an older build wrote (a development key, or a built-in key it stored) stop counting now.
  const staleTrust = trust.purgeStale();
  const declines = createDeclineBackoff({ now: () => clock.now() });
  const secretStore = options.secretStore ?? createSecretStore();
  const registry = createPluginRegistry({
    pluginsDir: options.pluginsDir,
    settings,
    clock,
    checkBundle:
      options.checkBundle ?? createTrustedBundleChecker({ trust, cacheDir: join(dataDir, 'verified'), devMode: options.devMode === true }),
    audit: auditPort,
  });
  const rights = createPluginRights({ getPlugin: (id) => registry.get(id) });
  // Any change to a plugin (status, grants, bundle check, trust) re-asks may-act for its waiting and running requests.
  registry.onChange(() => rights.recheck());
  await registry.discover();
  const storage = createPluginStorage({ dir: join(dataDir, 'plugin-storage') });
  const marketplace = createMarketplace({ settings, stagingDir: join(dataDir, 'staging') });
  const limiter = createRateLimiter({ ...(options.rateLimit ?? DEFAULT_RATE_LIMIT), now: () => clock.now() });
  const refusals = createRefusalAudit({
    audit: auditPort,
    now: () => clock.now(),
    ...(options.refusalAudit ? { budget: options.refusalAudit, flushMs: options.refusalAudit.flushMs } : {}),
  });
  const running = createRunningActions();
  const shutdown = new AbortController();
  // Every running action listens for shutdown; many at once is expected, not a leak.
  setMaxListeners(0, shutdown.signal);

  const rightsParts = { rights, queue, approvals };
  const settingsParts = createSettingsService({
    settings,
    audited,
    defaultHostsPath: options.hostsPath ?? '/etc/hosts',
    confirmationTimeoutMs: timeoutMs,
  });
  const { hostsPath, clipboardPolicy } = settingsParts;
  const pause = createPauseSwitch({ queue, rights });
  const trustParts = createTrustService({ ...rightsParts, trust, registry, audit: auditPort });

  // Setup steps run through the broker below; the broker asks the setup service whether a plugin needs setup.
  let runSetupStep: (pluginId: string, message: unknown) => Promise<PrivilegedActionResponse> = () => {
    throw new Error('the broker is not ready');
  };
  const setup = createSetupService({
    state: createSetupState(settings),
    getPlugin: (id) => registry.get(id),
    sectionOf: (id) => registry.setupSection(id),
    home: options.homeDir ?? homedir(),
    audit: auditPort,
    audited,
    runStep: (pluginId, message) => runSetupStep(pluginId, message),
  });

  const broker = createBroker({
    setupGate: (pluginId) => setup.gate(pluginId),
    paused: () => pause.get(),
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
      writableRoots: (pluginId) =>
        registry.get(pluginId)?.granted.includes('system.fs.mutate') ? scopes.fsScopes().flatMap((scope) => scope.roots) : [],
      setupEnv: (pluginId) => setup.envFor(pluginId),
      resolveSecretEnv: async (scopeId) => {
        const mapping = scopes.process(scopeId)?.secretEnv ?? {};
        return Object.keys(mapping).length ? secretStore.resolveScopeSecrets(scopeId, mapping) : {};
      },
    }),
    // While paused no prompt is shown at all, a workflow's gated step included.
    // A request merged into an identical one's prompt shares that one decision; only the prompt counts for backoff.
    ask: async (pluginId, request, guard, mergeKey) => {
      if (pause.get()) return 'cancelled';
      const { result, merged } = await queue.join(pluginId, request, guard, mergeKey ?? null);
      return merged ? result : declines.record(pluginId, result);
    },
    declineBackoffMs: (pluginId) => declines.remainingMs(pluginId),
    approvals,
    takeRateToken: (pluginId) => limiter.take(pluginId),
    shutdownSignal: shutdown.signal,
    running,
  });

  const handlePluginStorage = createStorageHandler({ mayAct: (id) => rights.check(id), storage, takeRateToken: (id) => limiter.take(id) });
  const backends = createPluginBackends({
    launcher: options.backendLauncher,
    restart: options.backendRestart,
    audit: auditPort,
    clock,
    registry,
    running,
    handlePrivilegedAction: (caller, message) => broker.handlePrivilegedAction(caller, message),
    handlePluginStorage,
  });

  runSetupStep = (pluginId, message) => broker.handleSetupStep(pluginId, message);

  await recordStartup({
    audit: auditPort,
    recordTrust: trustParts.record,
    purgedTrust: staleTrust,
    neverTrustedPublisherKeys: options.neverTrustedPublisherKeys ?? [],
    devMode: options.devMode === true,
    builtInPublishers: options.builtInPublishers ?? [],
  });
  // A hosts write killed by a crash leaves its lock and temp file; removed now, so the next write never waits.
  await removeHostsLeftovers(hostsPath(), join(dataDir, 'locks'));

  void backends?.reconcile();

  return {
    handlePrivilegedAction: (caller, message) => broker.handlePrivilegedAction(caller, message),
    handlePluginStorage,
    plugins: createPluginsService({ ...rightsParts, registry, trust, declines, storage, backends }),
    backends: createBackendsView(backends),
    confirmations: createConfirmationsService(queue),
    pause,
    approvals: createApprovalsService(approvals),
    audit: createAuditService(audit, clock),
    trust: trustParts.service,
    marketplace: createMarketplaceService(marketplace),
    secrets: createSecretsService(secretStore, audited, (scopeId) => scopes.process(scopeId) !== null),
    scopes: createScopesService(scopes, audited),
    settings: settingsParts.service,
    running: runningActionsService(running),
    setup: setup.service,
    async close() {
      // Backends go first, while the log can still record that they stopped.
      await backends?.stopAll('host shutdown');
      running.stopAll('host-shutdown');
      shutdown.abort();
      queue.cancelAll();
      // Stopped tools get SIGTERM, then SIGKILL after 2 s; their outcome records go in before the log closes.
      await running.drained(SHUTDOWN_DRAIN_MS);
      // Counted refusals are written before the log closes.
      await refusals.close();
      await audit.close();
      await tempJournal.close();
      running.close();
    },
  };
}

export type { HostCore } from './host-core-types';
export { createInteractivePrompter } from './confirm/interactive-prompter';
