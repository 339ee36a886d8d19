// The renderer-facing half of the IPC channel table: for each channel, the verb of `window.gatehouse` that
// calls it and how the verb's arguments become the request; and the events the renderer may listen to.
// No zod and no other import: the sandboxed preload bundles this file (it can require only electron), and
// the request and response schemas of the same channels live in ipc-contract.ts, checked against this table
// by the type checker in both directions.

/**
 * How a verb's arguments become the channel's request: `[]` takes none (the request is `undefined`),
 * `'request'` takes the request object itself, and a list of field names takes those fields in order
 * (an argument left `undefined` is left out of the request).
 */
export type VerbArgs = readonly [] | 'request' | readonly [string, ...string[]];

export interface VerbEntry {
  /** `group.name`: the verb is `window.gatehouse.group.name(...)`. */
  verb: `${string}.${string}`;
  args: VerbArgs;
}

export const IPC_VERBS = {
  'app:get-info': { verb: 'app.info', args: [] },
  'plugins:list': { verb: 'plugins.list', args: [] },
  'plugins:frame': { verb: 'plugins.frame', args: ['pluginId'] },
  /** Main asks for a folder and answers what installing it would mean, with a one-time ticket; null when cancelled. */
  'plugins:inspect': { verb: 'plugins.inspect', args: [] },
  /** Main asks for a packed `.ghplugin`, unpacks it privately and answers like `inspect`; null when cancelled. */
  'plugins:inspect-file': { verb: 'plugins.inspectFile', args: [] },
  /** Installs exactly the inspected bundle, trusting its publisher first when asked, and grants `grants` (the user's consent). */
  'plugins:install': { verb: 'plugins.install', args: 'request' },
  'plugins:cancel-install': { verb: 'plugins.cancelInstall', args: ['token'] },
  /** The installed bundle as an inspection: what changed since the user last consented. */
  'plugins:review': { verb: 'plugins.review', args: ['pluginId'] },
  'plugins:set-status': { verb: 'plugins.setStatus', args: ['pluginId', 'status'] },
  'plugins:set-grants': { verb: 'plugins.setGrants', args: ['pluginId', 'capabilities'] },
  /** The plugin's frame unloaded: its waiting prompts are withdrawn and its running requests cancelled. */
  'plugins:frame-closed': { verb: 'plugins.frameClosed', args: ['pluginId'] },
  'action:request': { verb: 'actions.request', args: ['pluginId', 'message'] },
  'storage:request': { verb: 'storage.request', args: ['pluginId', 'message'] },
  'confirmations:list': { verb: 'confirmations.list', args: [] },
  'confirmations:answer': { verb: 'confirmations.answer', args: ['id', 'decision'] },
  'confirmations:decline-plugin': { verb: 'confirmations.declinePlugin', args: ['pluginId'] },
  'host:get-paused': { verb: 'pause.get', args: [] },
  'host:set-paused': { verb: 'pause.set', args: ['paused'] },
  'approvals:list': { verb: 'approvals.list', args: [] },
  'approvals:revoke': { verb: 'approvals.revoke', args: ['pluginId', 'key'] },
  'audit:query': { verb: 'audit.query', args: 'request' },
  'audit:get': { verb: 'audit.get', args: ['seq'] },
  'audit:verify': { verb: 'audit.verify', args: [] },
  'audit:export': { verb: 'audit.export', args: ['format', 'filter'] },
  'scopes:list': { verb: 'scopes.list', args: [] },
  'scopes:save': { verb: 'scopes.save', args: ['kind', 'scope'] },
  'scopes:remove': { verb: 'scopes.remove', args: ['kind', 'id'] },
  'settings:get': { verb: 'settings.get', args: [] },
  'settings:update': { verb: 'settings.update', args: 'request' },
  'trust:list': { verb: 'trust.list', args: [] },
  'trust:add': { verb: 'trust.add', args: ['publicKey', 'name'] },
  'trust:remove': { verb: 'trust.remove', args: ['keyId'] },
  'secrets:status': { verb: 'secrets.status', args: ['scopeId'] },
  /** The value goes to the keychain once; no call ever returns it. */
  'secrets:set': { verb: 'secrets.set', args: ['scopeId', 'name', 'value'] },
  'secrets:delete': { verb: 'secrets.delete', args: ['scopeId', 'name'] },
  'marketplace:get': { verb: 'marketplace.get', args: [] },
  'marketplace:set-key': { verb: 'marketplace.setKey', args: ['publicKey'] },
  /** Main asks for an index file and verifies it; null when cancelled. */
  'marketplace:open-index': { verb: 'marketplace.openIndex', args: [] },
  /** Main asks for the candidate's bundle, checks it against its entry and answers an install ticket; null when cancelled. */
  'marketplace:stage': { verb: 'marketplace.stage', args: ['key'] },
  /** The plugin's port asked to stop its running request (the plugin is the port's). */
  'action:cancel': { verb: 'actions.cancel', args: ['pluginId', 'correlationId'] },
  /** The plugin's port took every event of the request up to `seq`. */
  'action:ack': { verb: 'actions.ack', args: ['pluginId', 'correlationId', 'seq'] },
  /** What runs now (process execs and workflows). */
  'running:list': { verb: 'running.list', args: [] },
  /** The user's Stop for one running request. */
  'running:stop': { verb: 'running.stop', args: ['pluginId', 'correlationId'] },
  'setup:status': { verb: 'setup.status', args: ['pluginId'] },
  /** Runs the steps through the normal prompts; resolves with every step's status when it ends. */
  'setup:run': { verb: 'setup.run', args: ['pluginId'] },
  'setup:teardown': { verb: 'setup.teardown', args: ['pluginId'] },
  'setup:set-overrides': { verb: 'setup.setOverrides', args: ['pluginId', 'overrides'] },
  /** The plugin's backend: running, stopped or unavailable with why; null for a plugin without one. */
  'backend:status': { verb: 'backends.status', args: ['pluginId'] },
  /** The backend's last log lines (bounded), with how many older ones were dropped. */
  'backend:logs': { verb: 'backends.logs', args: ['pluginId'] },
  /** A message from the plugin's frame to its backend (the plugin is the port's); false when none runs. */
  'backend:post': { verb: 'backends.post', args: ['pluginId', 'data'] },
} as const satisfies Record<string, VerbEntry>;

/** Pushed from main to the renderer; the preload lets the renderer listen to these and no other. */
export const IPC_EVENTS = [
  'confirmations:changed',
  'audit:appended',
  'plugins:changed',
  'action:event',
  'running:changed',
  'backend:message',
  'backend:changed',
] as const;

export type IpcChannel = keyof typeof IPC_VERBS;
export type IpcEventName = (typeof IPC_EVENTS)[number];
