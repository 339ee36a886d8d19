import type { PrivilegedActionRequest } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../action-failure';
import type { TempJournal } from '../fs/temp-journal';
import type { HostsElevation } from '../hosts/hosts-elevation';
import type { ClipboardPolicy } from '../policy/clipboard-policy';
import type { ScopeStore } from '../policy/scope-store';
import type { ClipboardPort } from '../ports';
import { prepareClipboardRead } from './clipboard-read';
import { prepareClipboardWrite } from './clipboard-write';
import { prepareFsMutate } from './fs-mutate';
import { prepareHostsWrite } from './hosts-write';
import type { PreparedAction } from './prepared-action';
import { prepareProcessExec } from './process-exec';
import { prepareWorkflowRun } from './workflow-run';

export interface ActionPreparerDeps {
  scopes: ScopeStore;
  clipboard: ClipboardPort | null;
  clipboardPolicy(): ClipboardPolicy;
  hostsPath(): string;
  lockDir: string;
  hostsElevation?: HostsElevation;
  resolveSecretEnv?: (scopeId: string) => Promise<Record<string, string>>;
  /** Records temp files before they exist; the host removes leftovers at its next start (temp-journal.ts). */
  tempJournal?: TempJournal;
  /** Folders this plugin may write; a tool may not load code from them (the write-then-execute rule). */
  writableRoots?: (pluginId: string) => readonly string[];
  /** The values of the variables a plugin's setup declares; added to its processes where the scope allows the key. */
  setupEnv?: (pluginId: string) => Readonly<Record<string, string>>;
}

/** The action table: finds the scope a request names and hands it to that action's own file. */
export function createActionPreparer(deps: ActionPreparerDeps) {
  const notConfigured = (kind: string, scope: string) =>
    new ActionFailure('SCOPE_NOT_CONFIGURED', `No ${kind} scope "${scope}" is configured on this host.`, { scope });
  const secretsFor = (scopeId: string) =>
    deps.resolveSecretEnv
      ? { resolveSecretEnv: () => (deps.resolveSecretEnv as (id: string) => Promise<Record<string, string>>)(scopeId) }
      : {};

  const contextFor = (pluginId: string) => ({ writableRoots: deps.writableRoots?.(pluginId) ?? [] });
  // The plugin's own entries win; a declared variable the scope does not allow is simply not passed.
  const withSetupEnv = (pluginId: string, allowed: readonly string[], env: Record<string, string> | undefined) => {
    const extra = Object.entries(deps.setupEnv?.(pluginId) ?? {}).filter(([key]) => allowed.includes(key));
    return extra.length ? { ...Object.fromEntries(extra), ...(env ?? {}) } : env;
  };

  return async (request: PrivilegedActionRequest, pluginId: string): Promise<PreparedAction<unknown>> => {
    switch (request.action) {
      case 'system.clipboard.read':
        return prepareClipboardRead(request.payload, { clipboard: deps.clipboard, policy: deps.clipboardPolicy() });
      case 'system.clipboard.write':
        return prepareClipboardWrite(request.payload, { clipboard: deps.clipboard, policy: deps.clipboardPolicy() });
      case 'system.hosts.write':
        return prepareHostsWrite(request.payload, {
          hostsPath: deps.hostsPath(),
          pluginId,
          lockDir: deps.lockDir,
          ...(deps.hostsElevation ? { elevation: deps.hostsElevation } : {}),
        });
      case 'system.fs.mutate': {
        const scope = deps.scopes.fs(request.payload.scope);
        if (!scope) throw notConfigured('filesystem', request.payload.scope);
        return prepareFsMutate(request.payload, { scope, ...(deps.tempJournal ? { journal: deps.tempJournal } : {}) });
      }
      case 'system.process.exec': {
        const scope = deps.scopes.process(request.payload.scope);
        if (!scope) throw notConfigured('process', request.payload.scope);
        const env = withSetupEnv(pluginId, scope.allowedEnvKeys, request.payload.env);
        const payload = env ? { ...request.payload, env } : request.payload;
        return prepareProcessExec(payload, { scope, ...secretsFor(scope.id), context: contextFor(pluginId) });
      }
      case 'system.workflow.run': {
        const scope = deps.scopes.process(request.payload.scope);
        if (!scope) throw notConfigured('process', request.payload.scope);
        return prepareWorkflowRun(request.payload, { scope, ...secretsFor(scope.id), context: contextFor(pluginId) });
      }
    }
  };
}
