// The one IPC dispatcher: (channel, payload) → IpcResult. No electron import, so ipcMain (through
// ipc-wiring.ts) and the browser suite's Playwright binding run exactly this code.
import { capabilitySchema, summarizeValidationIssues, toValidationIssues, type Capability } from '@gatehouse/plugin-sdk';
import { z } from 'zod';
import { ActionFailure } from '../core/action-failure';
import type { HostCore } from '../core/host-core-types';
import { HostError } from '../core/host-error';
import type { ConfirmationDecision } from '../shared/confirmation';
import {
  ipcRequestSchemas,
  type AppInfo,
  type IpcChannel,
  type IpcEventName,
  type IpcEvents,
  type IpcResponses,
  type PluginFrame,
  type TrustedPublisherView,
} from '../shared/ipc-contract';
import type { IpcResult } from '../shared/ipc-result';
import { createInstallFlow } from './install-flow';
import { marketplaceView } from './marketplace-view';

/** What the dispatcher needs from its surroundings besides the core: dialogs, frame URLs, the prompter. */
export interface IpcDispatcherPorts {
  /** Asks the user for a plugin folder to install; null when cancelled. */
  chooseFolder(): Promise<string | null>;
  /** Asks the user for a file: a marketplace index, a candidate's bundle archive, or an archive to install; null when cancelled. */
  chooseFile(purpose: FilePurpose): Promise<string | null>;
  /** Asks the user where to save an export; null when cancelled. */
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** Where the frame of a plugin loads from, on that plugin's own origin. */
  pluginFrame(pluginId: string, entry: string): PluginFrame;
  appInfo(): AppInfo;
  /** Where a chosen `.ghplugin` is unpacked, each in a private folder of its own; the OS temp folder when unset. */
  archiveStagingDir?: string;
  /** The interactive prompter the core asks through; answers go to it. */
  prompter?: { answer(id: string, decision: ConfirmationDecision): boolean };
}

export type FilePurpose = 'marketplace-index' | 'plugin-bundle' | 'plugin-archive';

export type IpcEventListener = <E extends IpcEventName>(event: E, payload: IpcEvents[E]) => void;

export interface IpcDispatcher {
  /** Validates and runs one call; always resolves to an IpcResult, never throws. */
  invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>>;
  /** Receives every main → renderer event; returns the unsubscribe. */
  subscribe(listener: IpcEventListener): () => void;
}

type Handlers = { [C in IpcChannel]: (payload: z.output<(typeof ipcRequestSchemas)[C]>) => Promise<IpcResponses[C]> | IpcResponses[C] };

const fail = (
  code: Extract<IpcResult<never>, { ok: false }>['code'],
  error: string,
  details?: Record<string, unknown>,
): IpcResult<never> => (details === undefined ? { ok: false, code, error } : { ok: false, code, error, details });

/** Creates the dispatcher over one host core. */
export function createIpcDispatcher(core: HostCore, ports: IpcDispatcherPorts): IpcDispatcher {
  const audit = core.audit;
  const installs = createInstallFlow(core, undefined, ports.archiveStagingDir);

  const publisherView = (publisher: TrustedPublisherView): TrustedPublisherView => ({
    keyId: publisher.keyId,
    name: publisher.name,
    fingerprint: publisher.fingerprint,
    publicKey: publisher.publicKey,
    addedAt: publisher.addedAt,
  });

  const handlers: Handlers = {
    'app:get-info': () => ports.appInfo(),
    'plugins:list': () => core.plugins.list(),
    'plugins:frame': ({ pluginId }) => ports.pluginFrame(pluginId, core.plugins.frameEntry(pluginId)),
    'plugins:inspect': async () => {
      const folder = await ports.chooseFolder();
      return folder === null ? null : installs.inspect(folder, 'folder');
    },
    'plugins:inspect-file': async () => {
      const file = await ports.chooseFile('plugin-archive');
      return file === null ? null : installs.inspectArchive(file);
    },
    'plugins:install': (request) => installs.install(request),
    'plugins:cancel-install': async ({ token }) => ({ discarded: await installs.cancel(token) }),
    'plugins:review': ({ pluginId }) => installs.review(pluginId),
    'plugins:set-status': ({ pluginId, status }) => core.plugins.setStatus(pluginId, status),
    'plugins:set-grants': ({ pluginId, capabilities }) => {
      const invalid = capabilities.filter((cap) => !capabilitySchema.safeParse(cap).success);
      if (invalid.length) {
        throw new HostError('INVALID_INPUT', `Unknown capabilities: ${invalid.join(', ')}.`, {
          issues: invalid.map((cap) => ({ path: `capabilities.${capabilities.indexOf(cap)}`, message: 'must be a known capability' })),
        });
      }
      return core.plugins.setGrants(pluginId, capabilities as Capability[]);
    },
    'plugins:frame-closed': ({ pluginId }) => ({ withdrawn: core.plugins.frameClosed(pluginId) }),
    'action:request': ({ pluginId, message }) => core.handlePrivilegedAction({ pluginId }, message),
    'storage:request': ({ pluginId, message }) => core.handlePluginStorage({ pluginId }, message),
    'confirmations:list': () => core.confirmations.pending(),
    'confirmations:answer': ({ id, decision }) => {
      if (!ports.prompter) throw new HostError('NOT_SUPPORTED', 'This host does not take confirmation answers over IPC.');
      return { accepted: ports.prompter.answer(id, decision) };
    },
    'confirmations:decline-plugin': ({ pluginId }) => ({ declined: core.confirmations.declinePlugin(pluginId) }),
    'host:get-paused': () => ({ paused: core.pause.get() }),
    'host:set-paused': ({ paused }) => ({ paused: core.pause.set(paused) }),
    'approvals:list': () => core.approvals.list(),
    'approvals:revoke': ({ pluginId, key }) => ({ revoked: core.approvals.revoke(pluginId, key) }),
    'audit:query': (query) => audit.query(query),
    'audit:get': ({ seq }) => audit.get(seq),
    'audit:verify': async () => ({ ...(await audit.verify()), startup: audit.startupReport }),
    'audit:export': async ({ format, filter }) => {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const path = await ports.chooseSavePath(`gatehouse-audit-${stamp}.${format === 'csv' ? 'csv' : 'jsonl'}`);
      if (path === null) return null;
      const written = await audit.exportTo(format, filter, path);
      return { path, records: written.records, bytes: written.bytes };
    },
    'scopes:list': () => core.scopes.list(),
    'scopes:save': ({ kind, scope }) => core.scopes.save(kind, scope),
    'scopes:remove': ({ kind, id }) => core.scopes.remove(kind, id),
    'settings:get': () => core.settings.get(),
    'settings:update': (patch) => core.settings.update(patch),
    'trust:list': () => core.trust.list().map(publisherView),
    'trust:add': async ({ publicKey, name }) => publisherView(await core.trust.add({ publicKey, name })),
    'trust:remove': async ({ keyId }) => ({ removed: await core.trust.remove(keyId) }),
    'secrets:status': ({ scopeId }) => core.secrets.status(scopeId),
    'secrets:set': ({ scopeId, name, value }) => core.secrets.set(scopeId, name, value),
    'secrets:delete': ({ scopeId, name }) => core.secrets.delete(scopeId, name),
    'setup:status': ({ pluginId }) => core.setup.status(pluginId),
    'setup:run': ({ pluginId }) => core.setup.run(pluginId),
    'setup:teardown': ({ pluginId }) => core.setup.teardown(pluginId),
    'setup:set-overrides': ({ pluginId, overrides }) => core.setup.setOverrides(pluginId, overrides),
    'marketplace:get': () => marketplaceView(core.marketplace),
    'marketplace:set-key': ({ publicKey }) => {
      core.marketplace.setIndexKey(publicKey);
      return marketplaceView(core.marketplace);
    },
    'marketplace:open-index': async () => {
      if (!core.marketplace.indexKey()) throw new HostError('INVALID_INPUT', 'Set the marketplace index key in Settings first.');
      const path = await ports.chooseFile('marketplace-index');
      if (path === null) return null;
      await core.marketplace.load(path);
      return marketplaceView(core.marketplace);
    },
    'marketplace:stage': async ({ key }) => {
      if (!core.marketplace.entries().some((entry) => `${entry.id}@${entry.version}` === key)) {
        throw new HostError('INVALID_INPUT', `No loaded index entry "${key}"; open the index again.`);
      }
      const path = await ports.chooseFile('plugin-bundle');
      if (path === null) return null;
      return installs.inspect(await core.marketplace.stage(key, path), 'marketplace');
    },
  };

  async function invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>> {
    if (typeof channel !== 'string' || !Object.hasOwn(ipcRequestSchemas, channel)) {
      return fail('INVALID_INPUT', 'Unknown IPC channel.', {
        channel: typeof channel === 'string' ? channel.slice(0, 64) : typeof channel,
      });
    }
    const name = channel as IpcChannel;
    const parsed = ipcRequestSchemas[name].safeParse(payload);
    if (!parsed.success) {
      const issues = toValidationIssues(parsed.error).slice(0, 20);
      return fail('INVALID_INPUT', summarizeValidationIssues(issues, `${name} request`), { issues });
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return toIpcError(error);
    }
  }

  function subscribe(listener: IpcEventListener): () => void {
    const safe: IpcEventListener = (event, payload) => {
      try {
        listener(event, payload);
      } catch {
        // A failing listener must not break the core's notification loop.
      }
    };
    const offs = [
      core.confirmations.onChange((pending) => safe('confirmations:changed', pending)),
      core.plugins.onChange(() => safe('plugins:changed', core.plugins.list())),
      audit.onAppend((record) => safe('audit:appended', record)),
    ];
    return () => offs.forEach((off) => off());
  }

  return { invoke, subscribe };
}

/** A HostError keeps its code, a keychain failure its own; anything else becomes a generic internal error. */
export function toIpcError(error: unknown): IpcResult<never> {
  if (error instanceof HostError) return fail(error.code, error.message, error.details);
  if (error instanceof ActionFailure) {
    // Keychain and input failures of management calls; their messages never carry a secret value.
    if (error.code === 'SECRET_STORE_UNAVAILABLE') return fail('SECRET_STORE_UNAVAILABLE', error.message, error.details);
    if (error.code === 'VALIDATION_FAILED') return fail('INVALID_INPUT', error.message, error.details);
  }
  if (error instanceof z.ZodError) {
    const issues = toValidationIssues(error).slice(0, 20);
    return fail('INVALID_INPUT', summarizeValidationIssues(issues, 'input'), { issues });
  }
  return fail('INTERNAL_ERROR', 'The host failed unexpectedly.');
}
