import { cp, lstat, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Capability, PluginManifest } from '@gatehouse/plugin-sdk';
import type { HostAuditPort } from '../host-audit';
import { HostError } from '../host-error';
import type { Clock, SettingsStore } from '../ports';
import type { BundleCheck, BundleChecker } from './bundle-check';
import type { PluginInfo, PluginState } from '../../shared/plugin-info';
import type { PluginInspection } from '../../shared/plugin-inspection';
import { canTransition, type PluginStatus } from './plugin-status';
import { mayAct } from './may-act';
import { refusalText } from './refusal-text';

const STATE_KEY = 'plugins.state';

interface Loaded {
  check: BundleCheck;
  folder: string;
}

export interface PluginRegistryOptions {
  pluginsDir: string;
  settings: SettingsStore;
  clock: Clock;
  checkBundle: BundleChecker;
  audit: HostAuditPort;
}

/** Installed plugins: discovery, lifecycle, grants and consent, persisted in settings and audited. */
export function createPluginRegistry(options: PluginRegistryOptions) {
  const { pluginsDir, settings, clock, checkBundle, audit } = options;
  const loaded = new Map<string, Loaded>();
  const listeners = new Set<() => void>();

  const readStates = (): Record<string, PluginState> => {
    const value = settings.get(STATE_KEY);
    return value && typeof value === 'object' ? { ...(value as Record<string, PluginState>) } : {};
  };
  const writeState = (id: string, state: PluginState | null): void => {
    const states = readStates();
    if (state) states[id] = state;
    else delete states[id];
    settings.set(STATE_KEY, states);
  };
  const notify = (): void => listeners.forEach((listener) => listener());

  function manifestOf(id: string): PluginManifest | null {
    return loaded.get(id)?.check.manifest ?? null;
  }

  function needsConsent(check: BundleCheck, state: PluginState): boolean {
    if (!check.ok || !state.consented) return check.ok && check.manifest.capabilities.length > 0 && !state.consented;
    const consented = new Set(state.consented.capabilities);
    const addsCapability = check.manifest.capabilities.some((cap) => !consented.has(cap));
    return addsCapability || check.publisherKeyId !== state.consented.publisherKeyId;
  }

  function toInfo(id: string, state: PluginState): PluginInfo {
    const entry = loaded.get(id);
    const manifest = entry?.check.manifest ?? null;
    const check = entry?.check;
    const available = Boolean(check?.ok);
    const consentPending = check ? needsConsent(check, state) : false;
    const allowed = mayAct({ status: state.status, available, needsConsent: consentPending, capabilities: [], granted: [] }) === null;
    return {
      id,
      name: manifest?.name ?? id,
      version: manifest?.version ?? state.consented?.version ?? '0.0.0',
      publisher: manifest?.publisher ?? 'unknown',
      description: manifest?.description ?? '',
      capabilities: manifest?.capabilities ?? [],
      granted: state.granted,
      status: state.status,
      available,
      unavailableReason: check && !check.ok ? refusalText(check) : entry ? null : 'bundle-missing: the plugin folder is gone',
      signed: check?.ok ? check.signed : false,
      publisherKeyId: check?.ok ? check.publisherKeyId : null,
      digest: check?.ok ? check.digest : null,
      needsConsent: consentPending,
      mayAct: allowed,
      installedAt: state.installedAt,
      updatedAt: state.updatedAt,
      runtime: !available ? 'failed' : allowed ? 'armed' : 'stopped',
      entry: manifest?.ui.entry ?? 'index.html',
    };
  }

  async function recordStatus(id: string, from: string, to: string, extra: Record<string, unknown> = {}): Promise<void> {
    const check = loaded.get(id)?.check;
    try {
      await audit.append({
        correlationId: null,
        pluginId: id,
        pluginVersion: check?.manifest?.version ?? null,
        action: 'plugin.status',
        scope: null,
        phase: 'plugin.status',
        decision: null,
        code: null,
        reason: null,
        summary: { from, to, digest: check?.ok ? check.digest : null, publisherKeyId: check?.ok ? check.publisherKeyId : null, ...extra },
      });
    } catch (error) {
      throw new HostError('AUDIT_UNAVAILABLE', 'The audit log could not record this change, so it was not made.', {
        cause: error instanceof Error ? error.message : String(error),
      });
    }
  }

  function requireState(id: string): PluginState {
    const state = readStates()[id];
    if (!state) throw new HostError('PLUGIN_NOT_FOUND', `No installed plugin "${id}".`);
    return state;
  }

  return {
    /** Re-reads every plugin folder; folders without a state are recorded as installed. */
    async discover(): Promise<void> {
      await mkdir(pluginsDir, { recursive: true });
      const names = await readdir(pluginsDir);
      loaded.clear();
      for (const name of names) {
        const folder = join(pluginsDir, name);
        const info = await lstat(folder);
        if (!info.isDirectory()) continue;
        const check = await checkBundle(folder);
        const id = check.manifest?.id;
        if (!id || id !== name) continue;
        loaded.set(id, { check, folder });
        if (!readStates()[id]) {
          const now = clock.now();
          writeState(id, { status: 'installed', granted: [], consented: null, installedAt: now, updatedAt: now });
          await recordStatus(id, 'discovered', 'installed');
        }
      }
      notify();
    },

    list(): PluginInfo[] {
      return Object.entries(readStates())
        .map(([id, state]) => toInfo(id, state))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    get(id: string): PluginInfo | null {
      const state = readStates()[id];
      return state ? toInfo(id, state) : null;
    },

    manifest: manifestOf,

    /** The verified folder whose files may be served to the plugin's frame; null when unavailable. */
    /** The manifest's `setup` section as checked at discovery (null when the plugin has none or is not loaded). */
    setupSection(id: string): unknown {
      return manifestOf(id)?.setup ?? null;
    },
    contentDir(id: string): string | null {
      const entry = loaded.get(id);
      const state = readStates()[id];
      return entry?.check.ok && state ? entry.check.contentDir : null;
    },

    /** Checks a folder without installing it: what an install or update screen shows first. */
    async inspect(sourceDir: string): Promise<PluginInspection> {
      const first = await checkBundle(sourceDir);
      const id = first.manifest?.id;
      const previous = id ? readStates()[id] : undefined;
      const check = previous?.consented ? await checkBundle(sourceDir, { previousVersion: previous.consented.version }) : first;
      const manifest = check.manifest;
      const publisher = check.ok
        ? check.publisherKeyId
          ? { keyId: check.publisherKeyId, fingerprint: null, publicKey: null, trusted: true, name: null }
          : null
        : check.publisher
          ? { ...check.publisher, trusted: check.reason !== 'publisher-untrusted', name: null }
          : null;
      const consented = new Set(previous?.consented?.capabilities ?? []);
      return {
        ok: check.ok,
        reason: check.ok ? null : check.reason,
        detail: check.ok ? null : check.detail,
        file: check.ok ? null : (check.file ?? null),
        manifest: manifest
          ? {
              id: manifest.id,
              name: manifest.name,
              version: manifest.version,
              publisher: manifest.publisher,
              description: manifest.description,
              capabilities: manifest.capabilities,
              backend: manifest.backend?.entry ?? null,
            }
          : null,
        signed: check.ok ? check.signed : Boolean(check.publisher),
        publisher,
        update: previous
          ? {
              fromVersion: previous.consented?.version ?? manifestOf(id as string)?.version ?? 'unknown',
              addedCapabilities: (manifest?.capabilities ?? []).filter((cap) => !consented.has(cap)),
              publisherChanged:
                Boolean(previous.consented) &&
                (check.ok ? check.publisherKeyId : (check.publisher?.keyId ?? null)) !== previous.consented?.publisherKeyId,
            }
          : null,
      };
    },

    /** Installs a plugin folder by copying it into the plugins directory; starts `installed` with nothing granted. */
    async install(sourceDir: string): Promise<PluginInfo> {
      const firstCheck = await checkBundle(sourceDir);
      const known = firstCheck.manifest ? readStates()[firstCheck.manifest.id] : undefined;
      // A bundle older than the version the user already consented to is a replay, not an update.
      const check = known?.consented ? await checkBundle(sourceDir, { previousVersion: known.consented.version }) : firstCheck;
      if (!check.ok) {
        throw new HostError(check.reason === 'publisher-untrusted' ? 'PUBLISHER_UNTRUSTED' : 'BUNDLE_INVALID', refusalText(check), {
          reason: check.reason,
          file: check.file ?? null,
          manifest: check.manifest ? { id: check.manifest.id, name: check.manifest.name } : null,
        });
      }
      const id = check.manifest.id;
      const target = join(pluginsDir, id);
      const previous = readStates()[id];
      await rm(target, { recursive: true, force: true });
      await cp(sourceDir, target, { recursive: true, verbatimSymlinks: true });
      const installedCheck = await checkBundle(target);
      if (!installedCheck.ok) {
        await rm(target, { recursive: true, force: true });
        throw new HostError('BUNDLE_INVALID', refusalText(installedCheck), {
          reason: installedCheck.reason,
          file: installedCheck.file ?? null,
        });
      }
      loaded.set(id, { check: installedCheck, folder: target });
      const now = clock.now();
      if (previous) {
        // An update keeps the grants the user made; new capabilities wait for consent.
        const state: PluginState = { ...previous, updatedAt: now };
        if (needsConsent(installedCheck, state) && state.status === 'active') state.status = 'disabled';
        writeState(id, state);
        await recordStatus(id, previous.status, state.status, { update: true, version: installedCheck.manifest.version });
      } else {
        writeState(id, { status: 'installed', granted: [], consented: null, installedAt: now, updatedAt: now });
        await recordStatus(id, 'verified', 'installed', { version: installedCheck.manifest.version });
      }
      notify();
      return toInfo(id, readStates()[id] as PluginState);
    },

    async setStatus(id: string, to: Exclude<PluginStatus, 'installed'>): Promise<PluginInfo | null> {
      const state = requireState(id);
      if (!canTransition(state.status, to)) {
        throw new HostError('INVALID_TRANSITION', `A plugin that is ${state.status} cannot become ${to}.`, { from: state.status, to });
      }
      const entry = loaded.get(id);
      if (to === 'active') {
        if (!entry?.check.ok) throw new HostError('PLUGIN_UNAVAILABLE', `Plugin "${id}" is unavailable and cannot be activated.`);
        if (needsConsent(entry.check, state)) {
          throw new HostError('CONSENT_REQUIRED', `Plugin "${id}" asks for capabilities or a publisher key you have not approved yet.`);
        }
      }
      await recordStatus(id, state.status, to);
      if (to === 'removed') {
        if (entry) await rm(entry.folder, { recursive: true, force: true });
        loaded.delete(id);
        writeState(id, null);
        notify();
        return null;
      }
      writeState(id, { ...state, status: to, updatedAt: clock.now() });
      notify();
      return toInfo(id, readStates()[id] as PluginState);
    },

    /** Grants a subset of the declared capabilities; this is also the user's consent to the declared set. */
    async setGrants(id: string, capabilities: Capability[]): Promise<PluginInfo> {
      const state = requireState(id);
      const manifest = manifestOf(id);
      const check = loaded.get(id)?.check;
      if (!manifest || !check?.ok) throw new HostError('PLUGIN_UNAVAILABLE', `Plugin "${id}" is unavailable.`);
      const declared = new Set(manifest.capabilities);
      const undeclared = capabilities.filter((cap) => !declared.has(cap));
      if (undeclared.length) {
        throw new HostError('CAPABILITY_NOT_DECLARED', `Plugin "${id}" did not declare ${undeclared.join(', ')}.`, { undeclared });
      }
      const granted = [...new Set(capabilities)];
      const revoked = state.granted.filter((cap) => !granted.includes(cap));
      await recordStatus(id, state.status, state.status, { granted, revoked, grantedBefore: state.granted });
      writeState(id, {
        ...state,
        granted,
        consented: { capabilities: manifest.capabilities, publisherKeyId: check.publisherKeyId, version: manifest.version },
        updatedAt: clock.now(),
      });
      notify();
      return toInfo(id, readStates()[id] as PluginState);
    },

    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type PluginRegistry = ReturnType<typeof createPluginRegistry>;
