// A development-only stand-in for the host, so the UI can be previewed without Electron or the core.
// Only dev/preview.html imports it; the production build (index.html) never does.
import type { AuditRecordView } from '../../shared/audit-types';
import type { ConfirmationRequest } from '../../shared/confirmation';
import { createGatehouseApi, type GatehouseApi, type Invoke, type Subscribe } from '../../shared/gatehouse-api';
import type { HostSettingsView, InstallTicket, IpcEvents, IpcResponses, MarketplaceView, ScopeListing, TrustedPublisherView } from '../../shared/ipc-contract';
import type { IpcResult } from '../../shared/ipc-result';
import type { PluginInfo } from '../../shared/plugin-info';

export interface FakeGatehouseOptions {
  /** Base URL plugin frames load from: `${frameBase}/${pluginId}.html`. */
  frameBase: string;
  auditRecords?: number;
  confirmations?: ConfirmationRequest[];
}

const now = Date.now();

/** The fake core's may-act answer; the real one is src/core/plugins/may-act.ts. */
function refreshMayAct(info: PluginInfo): PluginInfo {
  info.mayAct = info.status === 'active' && info.available && !info.needsConsent;
  return info;
}

function plugin(partial: Partial<PluginInfo> & Pick<PluginInfo, 'id' | 'name'>): PluginInfo {
  return refreshMayAct({
    version: '1.0.0',
    publisher: 'Gatehouse Examples',
    description: '',
    capabilities: [],
    granted: [],
    status: 'active',
    available: true,
    unavailableReason: null,
    signed: true,
    publisherKeyId: 'ed25519:7f3a9c41b2d0e8f6a5c4b3d2e1f0a9b8',
    digest: 'sha256:3b7f0c2d9e8a1f4b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b',
    needsConsent: false,
    installedAt: now - 86_400_000 * 3,
    updatedAt: now - 3_600_000,
    runtime: 'armed',
    entry: 'index.html',
    mayAct: false,
    ...partial,
  });
}

export const FAKE_PLUGINS: PluginInfo[] = [
  plugin({
    id: 'local-dns',
    name: 'Local DNS',
    description: 'Keeps development host names in your hosts file, with a dry-run preview of every change.',
    capabilities: ['system.hosts.write'],
    granted: ['system.hosts.write'],
  }),
  plugin({
    id: 'docker-panel',
    name: 'Docker panel',
    publisher: 'Container Folks',
    signed: false,
    publisherKeyId: null,
    description: 'Lists containers and images; starts and stops containers after you confirm.',
    capabilities: ['system.process.exec', 'system.process.scope.docker-cli'],
    granted: ['system.process.exec', 'system.process.scope.docker-cli'],
  }),
  plugin({
    id: 'clipboard-tools',
    name: 'Clipboard tools',
    status: 'disabled',
    description: 'Reads, transforms and writes clipboard text.',
    capabilities: ['system.clipboard.read', 'system.clipboard.write'],
    granted: ['system.clipboard.write'],
  }),
  plugin({
    id: 'release-workflow',
    name: 'Release workflow',
    needsConsent: true,
    description: 'Builds, tags and publishes a release, asking before the publish step.',
    capabilities: ['system.process.exec', 'system.process.scope.git', 'system.fs.mutate', 'system.fs.scope.workspace'],
    granted: ['system.process.exec', 'system.process.scope.git'],
  }),
  plugin({
    id: 'project-scaffolder',
    name: 'Project scaffolder',
    status: 'installed',
    available: false,
    unavailableReason: 'The bundle digest does not match its signature.',
    capabilities: ['system.fs.mutate', 'system.fs.scope.workspace'],
  }),
];

const SCOPES: ScopeListing = {
  fs: [
    {
      id: 'workspace',
      title: 'Gatehouse workspace',
      preset: true,
      roots: ['/home/ada/Gatehouse/workspace'],
      allowedOperations: ['mkdir', 'writeFile', 'appendFile', 'rename', 'remove'],
      confirmation: 'always',
      maxWriteBytes: 8 * 1024 * 1024,
    },
    {
      id: 'notes',
      title: 'Notes folder',
      preset: false,
      roots: ['/home/ada/notes', '/home/ada/journal'],
      allowedOperations: ['mkdir', 'writeFile'],
      confirmation: 'always',
      maxWriteBytes: 1024 * 1024,
    },
  ],
  process: [
    {
      id: 'docker-cli',
      title: 'Docker CLI (read-only and start/stop)',
      preset: true,
      executables: [{ path: '/usr/bin/docker' }],
      tool: 'docker',
      rules: { allowedSubcommands: ['ps', 'images', 'container ls', 'container start', 'container stop'], deniedSubcommands: ['run', 'exec'], deniedFlags: ['--privileged'] },
      cwdRoots: [],
      allowedEnvKeys: ['DOCKER_HOST'],
      timeoutCeilingMs: 60_000,
      maxOutputBytes: 1024 * 1024,
      confirmation: { mode: 'per-command', rememberMs: 600_000 },
    },
    {
      id: 'git',
      title: 'Git (read-only)',
      preset: true,
      executables: [{ path: '/usr/bin/git' }],
      tool: 'git',
      rules: { allowedSubcommands: ['status', 'log', 'diff', 'tag'], deniedSubcommands: ['push'] },
      cwdRoots: ['/home/ada/src'],
      allowedEnvKeys: [],
      timeoutCeilingMs: 30_000,
      maxOutputBytes: 4 * 1024 * 1024,
      confirmation: { mode: 'always' },
    },
  ],
};

const FAKE_FINGERPRINT = '3B7F 0C2D 9E8A 1F4B 6C5D 4E3F 2A1B 0C9D 8E7F 6A5B 4C3D 2E1F 0A9B 8C7D 6E5F 4A3B';

/** An update from an unknown publisher that adds a capability: the richest install dialog. */
function fakeTicket(source: InstallTicket['source']): InstallTicket {
  return {
    token: `fake${'x'.repeat(28)}`,
    source,
    inspection: {
      ok: false,
      reason: 'publisher-untrusted',
      detail: 'The publisher key ed25519:9c1e5a7b3d2f4e6a8b0c1d2e3f4a5b6c is not trusted.',
      file: null,
      manifest: {
        id: 'clipboard-tools',
        name: 'Clipboard tools',
        version: '1.2.0',
        publisher: 'Gatehouse Examples',
        description: 'Reads, transforms and writes clipboard text.',
        capabilities: ['system.clipboard.read', 'system.clipboard.write', 'system.fs.mutate'],
      },
      signed: true,
      publisher: { keyId: 'ed25519:9c1e5a7b3d2f4e6a8b0c1d2e3f4a5b6c', fingerprint: FAKE_FINGERPRINT, publicKey: 'A'.repeat(43) + '=', trusted: false, name: null },
      update: { fromVersion: '1.0.0', addedCapabilities: ['system.fs.mutate'], publisherChanged: true },
    },
  };
}

const PLUGIN_IDS = ['local-dns', 'docker-panel', 'clipboard-tools', 'release-workflow', null];
const ACTIONS = ['system.hosts.write', 'system.process.exec', 'system.clipboard.write', 'system.workflow.run', 'plugin.status'];
const PHASES = ['requested', 'decided', 'completed', 'decided', 'failed', 'denied'];
const DECISIONS = [null, 'approved', null, 'declined', null, 'denied'];

/** A deterministic record for a sequence number, so a million of them cost no memory. */
export function fakeAuditRecord(seq: number, start = now - 1_000_000 * 5_000): AuditRecordView {
  const phaseIndex = seq % PHASES.length;
  const phase = PHASES[phaseIndex] ?? 'requested';
  const decision = DECISIONS[phaseIndex] ?? null;
  const pluginId = PLUGIN_IDS[Math.floor(seq / 6) % PLUGIN_IDS.length] ?? null;
  const action = pluginId === null ? 'plugin.status' : (ACTIONS[Math.floor(seq / 6) % (ACTIONS.length - 1)] ?? 'system.process.exec');
  const code = phase === 'failed' ? 'PROCESS_EXIT_NON_ZERO' : phase === 'denied' ? 'CAPABILITY_DENIED' : decision === 'declined' ? 'CANCELLED' : null;
  const correlationId = `pa-${Math.floor(seq / 6).toString(36).padStart(8, '0')}`;
  return {
    seq,
    time: new Date(start + seq * 5_000).toISOString(),
    correlationId,
    pluginId,
    pluginVersion: pluginId ? '1.0.0' : null,
    action,
    scope: action === 'system.process.exec' ? 'docker-cli' : action === 'system.workflow.run' ? 'git' : null,
    phase,
    decision,
    code,
    reason: phase === 'requested' ? 'Start the database container for the dev stack.' : null,
    summary: action === 'system.process.exec' ? { command: '/usr/bin/docker', args: ['container', 'start', 'db'], cwd: null, envKeys: ['DOCKER_HOST'] } : { records: 2 },
    ...(phase === 'completed' || phase === 'failed'
      ? { outcome: phase === 'failed' ? { exitCode: 1, stderr: 'Error: No such container: db', durationMs: 212 } : { exitCode: 0, durationMs: 143 } }
      : {}),
    workflow: action === 'system.workflow.run' ? { workflowId: `wf-${Math.floor(seq / 60)}`, stepId: 'tag', stepTitle: 'Tag the release', stepStatus: 'ok' } : null,
    prevHash: (seq * 2654435761).toString(16).padStart(64, '0').slice(0, 64),
    hash: ((seq + 1) * 2654435761).toString(16).padStart(64, '0').slice(0, 64),
  };
}

/** An in-page host with canned plugins, scopes, settings, pending requests and a large audit log. */
export function createFakeGatehouse(options: FakeGatehouseOptions): GatehouseApi & { emit<E extends keyof IpcEvents>(event: E, payload: IpcEvents[E]): void } {
  let plugins = FAKE_PLUGINS.map((entry) => ({ ...entry }));
  let pending = [...(options.confirmations ?? [])];
  let fakePaused = false;
  let scopes: ScopeListing = structuredClone(SCOPES);
  let settings: HostSettingsView = { hostsPath: '/etc/hosts', clipboard: { readConfirmation: 'always', writeConfirmation: 'never' }, confirmationTimeoutMs: 60_000 };
  let auditTotal = options.auditRecords ?? 1_000_000;
  let publishers: TrustedPublisherView[] = [
    { keyId: 'ed25519:7f3a9c41b2d0e8f6a5c4b3d2e1f0a9b8', name: 'Gatehouse Examples', fingerprint: FAKE_FINGERPRINT, publicKey: 'B'.repeat(43) + '=', addedAt: new Date(now - 86_400_000 * 30).toISOString() },
  ];
  let market: MarketplaceView = { indexKey: null, entries: [] };
  const secrets = new Map<string, string[]>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const filtered = new Map<string, number[]>();

  const emit = <E extends keyof IpcEvents>(event: E, payload: IpcEvents[E]) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });

  function matching(query: Record<string, unknown>): number[] | null {
    const keys = ['pluginId', 'action', 'decision', 'outcome', 'text', 'workflowId', 'correlationId', 'from', 'to'].filter((key) => query[key] !== undefined);
    if (keys.length === 0) return null;
    const cacheKey = JSON.stringify([auditTotal, keys.map((key) => query[key])]);
    const cached = filtered.get(cacheKey);
    if (cached) return cached;
    const seqs: number[] = [];
    for (let seq = auditTotal; seq >= 1; seq--) {
      const record = fakeAuditRecord(seq);
      if (query.pluginId !== undefined && record.pluginId !== query.pluginId) continue;
      if (query.action !== undefined && record.action !== query.action) continue;
      if (query.decision !== undefined && record.decision !== query.decision) continue;
      if (query.outcome === 'failure' && !record.code) continue;
      if (query.outcome === 'success' && record.phase !== 'completed') continue;
      if (query.workflowId !== undefined && record.workflow?.workflowId !== query.workflowId) continue;
      if (query.correlationId !== undefined && record.correlationId !== query.correlationId) continue;
      if (query.text !== undefined && !JSON.stringify(record).includes(String(query.text))) continue;
      seqs.push(seq);
    }
    filtered.set(cacheKey, seqs);
    return seqs;
  }

  const handlers: { [C in keyof IpcResponses]: (payload: never) => IpcResult<IpcResponses[C]> | Promise<IpcResult<IpcResponses[C]>> } = {
    'app:get-info': () => ok({ version: '0.1.0', platform: 'linux', devMode: true }),
    'plugins:list': () => ok(plugins),
    'plugins:frame': ({ pluginId }: { pluginId: string }) => ok({ url: `${options.frameBase}/${pluginId}.html`, origin: new URL(options.frameBase).origin }),
    'plugins:inspect': () => ok(fakeTicket('folder')),
    'plugins:install': ({ grants }: { grants: string[] }) => {
      const target = plugins.find((entry) => entry.id === 'clipboard-tools') as PluginInfo;
      target.granted = grants as PluginInfo['granted'];
      emit('plugins:changed', plugins);
      return ok(target);
    },
    'plugins:cancel-install': () => ok({ discarded: true }),
    'plugins:review': ({ pluginId }: { pluginId: string }) => {
      const ticket = fakeTicket('folder');
      const target = plugins.find((entry) => entry.id === pluginId);
      const manifest = { ...(ticket.inspection.manifest as NonNullable<InstallTicket['inspection']['manifest']>), id: pluginId, name: target?.name ?? pluginId };
      return ok({ ...ticket.inspection, ok: true, reason: null, detail: null, manifest, publisher: { ...ticket.inspection.publisher!, trusted: true, name: 'Gatehouse Examples' } });
    },
    'plugins:set-status': ({ pluginId, status }: { pluginId: string; status: 'active' | 'disabled' | 'removed' }) => {
      if (status === 'removed') {
        plugins = plugins.filter((entry) => entry.id !== pluginId);
        emit('plugins:changed', plugins);
        return ok(null);
      }
      const target = plugins.find((entry) => entry.id === pluginId);
      if (!target) return { ok: false, code: 'PLUGIN_NOT_FOUND', error: `No plugin "${pluginId}".` };
      if (status === 'active' && target.needsConsent) return { ok: false, code: 'CONSENT_REQUIRED', error: 'The plugin needs consent first.' };
      target.status = status;
      refreshMayAct(target);
      emit('plugins:changed', plugins);
      return ok(target);
    },
    'plugins:set-grants': ({ pluginId, capabilities }: { pluginId: string; capabilities: string[] }) => {
      const target = plugins.find((entry) => entry.id === pluginId);
      if (!target) return { ok: false, code: 'PLUGIN_NOT_FOUND', error: `No plugin "${pluginId}".` };
      target.granted = capabilities as PluginInfo['granted'];
      target.needsConsent = false;
      refreshMayAct(target);
      emit('plugins:changed', plugins);
      return ok(target);
    },
    'plugins:frame-closed': () => ok({ withdrawn: 0 }),
    'action:request': ({ message }: { message: { correlationId?: string } }) =>
      ok({ ok: true, correlationId: message.correlationId ?? 'unknown', result: { written: true } }),
    'storage:request': ({ message }: { message: { correlationId?: string } }) => ok({ ok: true, correlationId: message.correlationId ?? 'unknown', result: null }),
    'confirmations:list': () => ok(pending),
    'confirmations:answer': ({ id }: { id: string }) => {
      const known = pending.some((request) => request.id === id);
      pending = pending.filter((request) => request.id !== id);
      setTimeout(() => emit('confirmations:changed', pending), 50);
      return ok({ accepted: known });
    },
    'confirmations:decline-plugin': ({ pluginId }: { pluginId: string }) => {
      const before = pending.length;
      pending = pending.filter((request) => request.plugin.id !== pluginId);
      setTimeout(() => emit('confirmations:changed', pending), 50);
      return ok({ declined: before - pending.length });
    },
    'host:get-paused': () => ok({ paused: fakePaused }),
    'host:set-paused': ({ paused }: { paused: boolean }) => {
      fakePaused = paused;
      if (paused) pending = [];
      setTimeout(() => emit('confirmations:changed', pending), 50);
      return ok({ paused });
    },
    'approvals:list': () =>
      ok([
        {
          pluginId: 'docker-panel',
          key: 'k1',
          expiresAt: now + 540_000,
          preview: { kind: 'process.exec', process: { executable: '/usr/bin/docker', args: ['container', 'start', 'db'], cwd: null, envKeys: [], timeoutMs: 30_000 } },
        },
      ]),
    'approvals:revoke': () => ok({ revoked: 1 }),
    'audit:query': (query: Record<string, unknown>) => {
      const limit = typeof query.limit === 'number' ? query.limit : 200;
      const cursor = typeof query.cursor === 'number' ? query.cursor : 0;
      const seqs = matching(query);
      const total = seqs ? seqs.length : auditTotal;
      const records: AuditRecordView[] = [];
      for (let index = cursor; index < Math.min(total, cursor + limit); index++) {
        const seq = seqs ? seqs[index] : auditTotal - index;
        if (seq !== undefined) records.push(fakeAuditRecord(seq));
      }
      return ok({ records, total, nextCursor: cursor + records.length < total ? cursor + records.length : null });
    },
    'audit:get': ({ seq }: { seq: number }) => ok(seq >= 1 && seq <= auditTotal ? fakeAuditRecord(seq) : null),
    'audit:verify': () => ok({ ok: true, records: auditTotal, files: 4, firstBadSeq: null, problem: null, durationMs: 2140 }),
    'audit:export': () => ok({ path: '/home/ada/Downloads/gatehouse-audit.jsonl', records: 1234, bytes: 456_789 }),
    'scopes:list': () => ok(scopes),
    'scopes:save': ({ kind, scope }: { kind: 'fs' | 'process'; scope: Record<string, unknown> & { id: string; title: string } }) => {
      if (scope.id === 'invalid') {
        return { ok: false, code: 'SCOPE_INVALID', error: 'Invalid scope: roots[0]: must be inside the home folder', details: { issues: [{ path: 'roots[0]', message: 'must be inside the home folder' }] } };
      }
      const list = scopes[kind].filter((entry) => entry.id !== scope.id);
      scopes = { ...scopes, [kind]: [...list, { ...scope, preset: false }] };
      return ok(scopes);
    },
    'scopes:remove': ({ kind, id }: { kind: 'fs' | 'process'; id: string }) => {
      scopes = { ...scopes, [kind]: scopes[kind].filter((entry) => entry.id !== id) };
      return ok(scopes);
    },
    'trust:list': () => ok(publishers),
    'trust:add': ({ publicKey, name }: { publicKey: string; name: string }) => {
      const entry = { keyId: `ed25519:${'1'.repeat(32)}`, name, fingerprint: FAKE_FINGERPRINT, publicKey, addedAt: new Date().toISOString() };
      publishers = [...publishers.filter((publisher) => publisher.keyId !== entry.keyId), entry];
      return ok(entry);
    },
    'trust:remove': ({ keyId }: { keyId: string }) => {
      const before = publishers.length;
      publishers = publishers.filter((publisher) => publisher.keyId !== keyId);
      return ok({ removed: publishers.length < before });
    },
    'secrets:status': ({ scopeId }: { scopeId: string }) => ok({ scopeId, available: scopeId !== 'git', names: secrets.get(scopeId) ?? [] }),
    'secrets:set': ({ scopeId, name }: { scopeId: string; name: string }) => {
      secrets.set(scopeId, [...new Set([...(secrets.get(scopeId) ?? []), name])].sort());
      return ok({ scopeId, available: true, names: secrets.get(scopeId) ?? [] });
    },
    'secrets:delete': ({ scopeId, name }: { scopeId: string; name: string }) => {
      const names = secrets.get(scopeId) ?? [];
      secrets.set(scopeId, names.filter((entry) => entry !== name));
      return ok({ scopeId, available: true, names: secrets.get(scopeId) ?? [], deleted: names.includes(name) });
    },
    'marketplace:get': () => ok(market),
    'marketplace:set-key': ({ publicKey }: { publicKey: string | null }) => {
      market = { ...market, indexKey: publicKey ? { keyId: `ed25519:${'2'.repeat(32)}`, fingerprint: FAKE_FINGERPRINT, publicKey } : null };
      return ok(market);
    },
    'marketplace:open-index': () => {
      market = {
        ...market,
        entries: [
          {
            key: 'json-tools@2.1.0',
            id: 'json-tools',
            name: 'JSON tools <b>plain text</b>',
            version: '2.1.0',
            publisherKeyId: 'ed25519:9c1e5a7b3d2f4e6a8b0c1d2e3f4a5b6c',
            publisherFingerprint: FAKE_FINGERPRINT,
            riskTier: 'medium',
            capabilities: ['system.clipboard.write'],
            description: 'Formats and validates JSON on the clipboard.\nNever reads it.',
            source: { type: 'file', path: '/home/ada/Downloads/json-tools-2.1.0.ghplugin' },
          },
        ],
      };
      return ok(market);
    },
    'marketplace:stage': () => ok(fakeTicket('marketplace')),
    'settings:get': () => ok(settings),
    'settings:update': (patch: Partial<HostSettingsView>) => {
      settings = { ...settings, ...patch };
      return ok(settings);
    },
  };

  const invoke = (async (channel: keyof IpcResponses, payload: unknown) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return (handlers[channel] as (payload: unknown) => unknown)(payload);
  }) as Invoke;
  const subscribe: Subscribe = (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    listeners.set(event, set);
    return () => set.delete(listener as (payload: unknown) => void);
  };

  return {
    ...createGatehouseApi(invoke, subscribe),
    emit(event, payload) {
      if (event === 'audit:appended') auditTotal += 1;
      emit(event, payload);
    },
  };
}
