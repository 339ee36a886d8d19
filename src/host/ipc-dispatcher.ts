// The one IPC dispatcher: (channel, payload) → IpcResult. No electron import, so ipcMain (through
// ipc-wiring.ts) and the browser suite's Playwright binding run exactly this code.
import { summarizeValidationIssues, toValidationIssues } from '@gatehouse/plugin-sdk';
import { z } from 'zod';
import { ActionFailure } from '../core/action-failure';
import type { HostCore } from '../core/host-core-types';
import { HostError } from '../core/host-error';
import type { ConfirmationDecision } from '../shared/confirmation';
import {
  ipcChannels,
  trustedPublisherViewSchema,
  type AppInfo,
  type IpcChannel,
  type IpcEventName,
  type IpcEvents,
  type IpcParsedRequest,
  type IpcResponse,
  type PluginFrame,
} from '../shared/ipc-contract';
import type { IpcResult } from '../shared/ipc-result';
import { createInstallFlow } from './install-flow';

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

/** One handler per channel of the table, typed by its request and response schemas. */
type Handlers = { [C in IpcChannel]: (request: IpcParsedRequest<C>) => Promise<IpcResponse<C>> | IpcResponse<C> };

export interface IpcDispatcherOptions {
  /**
   * Checks every answer against its channel's response schema and turns a mismatch into INTERNAL_ERROR naming
   * it: on in tests and the browser suite, so a response that drifts from its type fails there.
   */
  checkResponses?: boolean;
}

const fail = (
  code: Extract<IpcResult<never>, { ok: false }>['code'],
  error: string,
  details?: Record<string, unknown>,
): IpcResult<never> => (details === undefined ? { ok: false, code, error } : { ok: false, code, error, details });

/** Creates the dispatcher over one host core. */
export function createIpcDispatcher(core: HostCore, ports: IpcDispatcherPorts, options: IpcDispatcherOptions = {}): IpcDispatcher {
  const installs = createInstallFlow(core, undefined, ports.archiveStagingDir);
  const prompter = () => ports.prompter ?? unsupported('This host does not take confirmation answers over IPC.');

  const handlers: Handlers = {
    'app:get-info': () => ports.appInfo(),
    'plugins:list': () => core.plugins.list(),
    'plugins:frame': ({ pluginId }) => ports.pluginFrame(pluginId, core.plugins.frameEntry(pluginId)),
    'plugins:inspect': () => installs.inspectChosen(ports.chooseFolder(), 'folder'),
    'plugins:inspect-file': () => installs.inspectChosen(ports.chooseFile('plugin-archive'), 'file'),
    'plugins:install': (request) => installs.install(request),
    'plugins:cancel-install': async ({ token }) => ({ discarded: await installs.cancel(token) }),
    'plugins:review': ({ pluginId }) => installs.review(pluginId),
    'plugins:set-status': ({ pluginId, status }) => core.plugins.setStatus(pluginId, status),
    'plugins:set-grants': ({ pluginId, capabilities }) => core.plugins.setGrants(pluginId, capabilities),
    'plugins:frame-closed': ({ pluginId }) => ({ withdrawn: core.plugins.frameClosed(pluginId) }),
    'action:request': ({ pluginId, message }) => core.handlePrivilegedAction({ pluginId }, message),
    'storage:request': ({ pluginId, message }) => core.handlePluginStorage({ pluginId }, message),
    'confirmations:list': () => core.confirmations.pending(),
    'confirmations:answer': ({ id, decision }) => ({ accepted: prompter().answer(id, decision) }),
    'confirmations:decline-plugin': ({ pluginId }) => ({ declined: core.confirmations.declinePlugin(pluginId) }),
    'host:get-paused': () => ({ paused: core.pause.get() }),
    'host:set-paused': ({ paused }) => ({ paused: core.pause.set(paused) }),
    'approvals:list': () => core.approvals.list(),
    'approvals:revoke': ({ pluginId, key }) => ({ revoked: core.approvals.revoke(pluginId, key) }),
    'audit:query': (query) => core.audit.query(query),
    'audit:get': ({ seq }) => core.audit.get(seq),
    'audit:verify': () => core.audit.verify(),
    'audit:export': ({ format, filter }) => core.audit.export(format, filter, ports.chooseSavePath),
    'scopes:list': () => core.scopes.list(),
    'scopes:save': ({ kind, scope }) => core.scopes.save(kind, scope),
    'scopes:remove': ({ kind, id }) => core.scopes.remove(kind, id),
    'settings:get': () => core.settings.get(),
    'settings:update': (patch) => core.settings.update(patch),
    'trust:list': () => core.trust.list().map((publisher) => trustedPublisherViewSchema.parse(publisher)),
    'trust:add': async (publisher) => trustedPublisherViewSchema.parse(await core.trust.add(publisher)),
    'trust:remove': async ({ keyId }) => ({ removed: await core.trust.remove(keyId) }),
    'secrets:status': ({ scopeId }) => core.secrets.status(scopeId),
    'secrets:set': ({ scopeId, name, value }) => core.secrets.set(scopeId, name, value),
    'secrets:delete': ({ scopeId, name }) => core.secrets.delete(scopeId, name),
    'marketplace:get': () => core.marketplace.view(),
    'marketplace:set-key': ({ publicKey }) => core.marketplace.setKey(publicKey),
    'marketplace:open-index': () => core.marketplace.openIndex(() => ports.chooseFile('marketplace-index')),
    'marketplace:stage': ({ key }) =>
      installs.inspectChosen(
        core.marketplace.stage(key, () => ports.chooseFile('plugin-bundle')),
        'marketplace',
      ),
    'action:cancel': ({ pluginId, correlationId }) => ({ cancelled: core.running.cancel(pluginId, correlationId) }),
    'action:ack': ({ pluginId, correlationId, seq }) => ({ acked: core.running.ack(pluginId, correlationId, seq) }),
    'running:list': () => core.running.list(),
    'running:stop': ({ pluginId, correlationId }) => ({ stopped: core.running.stop(pluginId, correlationId) }),
    'setup:status': ({ pluginId }) => core.setup.status(pluginId),
    'setup:run': ({ pluginId }) => core.setup.run(pluginId),
    'setup:teardown': ({ pluginId }) => core.setup.teardown(pluginId),
    'setup:set-overrides': ({ pluginId, overrides }) => core.setup.setOverrides(pluginId, overrides),
    'backend:status': ({ pluginId }) => core.backends.status(pluginId),
    'backend:logs': ({ pluginId }) => core.backends.logs(pluginId),
    'backend:post': ({ pluginId, data }) => core.backends.fromFrame(pluginId, data),
  };

  async function invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>> {
    if (typeof channel !== 'string' || !Object.hasOwn(ipcChannels, channel)) {
      return fail('INVALID_INPUT', 'Unknown IPC channel.', {
        channel: typeof channel === 'string' ? channel.slice(0, 64) : typeof channel,
      });
    }
    const name = channel as IpcChannel;
    const parsed = ipcChannels[name].request.safeParse(payload);
    if (!parsed.success) {
      const issues = toValidationIssues(parsed.error).slice(0, 20);
      return fail('INVALID_INPUT', summarizeValidationIssues(issues, `${name} request`), { issues });
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return options.checkResponses ? checkedResponse(name, value) : { ok: true, value };
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
      core.audit.onAppend((record) => safe('audit:appended', record)),
      core.running.onEvent((envelope) => safe('action:event', envelope)),
      core.running.onChange((running) => safe('running:changed', running)),
      core.backends.onFrameMessage((pluginId, data) => safe('backend:message', { pluginId, data })),
      core.backends.onChange(() => safe('backend:changed', null)),
    ];
    return () => offs.forEach((off) => off());
  }

  return { invoke, subscribe };
}

/** The answer when it matches its channel's response schema; else INTERNAL_ERROR naming where it differs. */
function checkedResponse(channel: IpcChannel, value: unknown): IpcResult<unknown> {
  const checked = z.safeParse(ipcChannels[channel].response, value);
  if (checked.success) return { ok: true, value };
  const issues = toValidationIssues(checked.error).slice(0, 20);
  return fail('INTERNAL_ERROR', summarizeValidationIssues(issues, `${channel} response`), { issues });
}

function unsupported(message: string): never {
  throw new HostError('NOT_SUPPORTED', message);
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
