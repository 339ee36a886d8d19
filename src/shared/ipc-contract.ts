// The IPC channel table: for every channel its request schema (validated in main before any handler runs)
// and its response schema (the type the renderer gets, checked against what the host answers in tests).
// Its renderer-facing half, the verb of `window.gatehouse` each channel gets, is ipc-verbs.ts (zod-free, for
// the preload); the type checker holds the two tables to the same channels, and the dispatcher's handler map
// to both.
import { privilegedActionResponseSchema } from '@gatehouse/plugin-sdk';
import { z } from 'zod';
import { backendLogsViewSchema, backendMessageEnvelopeSchema, backendStatusViewSchema } from './backend-views';
import { auditPageViewSchema, auditQuerySchema, auditRecordViewSchema, auditVerifyViewSchema } from './audit-types';
import { actionPreviewSchema, confirmationDecisionSchema, confirmationRequestSchema } from './confirmation';
import type { IpcChannel, IpcEventName } from './ipc-verbs';
import { pluginInfoSchema } from './plugin-info';
import { pluginInspectionSchema } from './plugin-inspection';
import { pluginMessageSchema } from './plugin-message-bounds';
import { actionEventEnvelopeSchema, runningActionViewSchema } from './running-actions';
import { SECRET_NAME_PATTERN } from './scope-rules';
import { setupRunReportSchema, setupStatusViewSchema } from './setup-types';
import { scopeListingSchema, scopeSaveRequestSchema } from './scope-schemas';

export type { IpcChannel, IpcEventName } from './ipc-verbs';

const pluginId = z.string().min(1).max(63);
const none = z.undefined().or(z.null()).or(z.strictObject({}));
/** A one-time install ticket: main maps it to the folder it inspected, so the renderer never names a path. */
const installToken = z.string().regex(/^[A-Za-z0-9_-]{32}$/, { message: 'must be an install ticket' });
const scopeId = z.string().min(1).max(64);
const secretName = z
  .string()
  .regex(SECRET_NAME_PATTERN, { message: 'must be a secret name: a letter or "_", then letters, digits, "_", "." or "-"' });
const publicKey = z.string().min(1).max(200);
const scopeKind = z.enum(['fs', 'process']);
const correlationId = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, { message: 'must be a correlation id' });
const clipboardPolicy = z.strictObject({ readConfirmation: z.enum(['always', 'never']), writeConfirmation: z.enum(['always', 'never']) });

export const appInfoSchema = z.object({ version: z.string(), platform: z.string(), devMode: z.boolean() });
export type AppInfo = z.infer<typeof appInfoSchema>;

export const pluginFrameSchema = z.object({ url: z.string(), origin: z.string() });
export type PluginFrame = z.infer<typeof pluginFrameSchema>;

export const hostSettingsViewSchema = z.object({
  hostsPath: z.string(),
  clipboard: clipboardPolicy,
  confirmationTimeoutMs: z.number(),
});
export type HostSettingsView = z.infer<typeof hostSettingsViewSchema>;

/** What installing a chosen folder or staged candidate would mean, and the ticket that installs exactly it. */
export const installTicketSchema = z.object({
  token: z.string(),
  inspection: pluginInspectionSchema,
  /**
   * Where the bundle came from: a folder the user picked, a packed `.ghplugin` the user picked (unpacked by
   * main into a private staging folder), or a marketplace candidate checked against its entry.
   */
  source: z.enum(['folder', 'file', 'marketplace']),
});
export type InstallTicket = z.infer<typeof installTicketSchema>;

/** A publisher key the user trusts. */
export const trustedPublisherViewSchema = z.object({
  keyId: z.string(),
  name: z.string(),
  /** sha256 of the raw key in groups of four hex digits, for people to compare. */
  fingerprint: z.string(),
  publicKey: z.string(),
  addedAt: z.string(),
});
export type TrustedPublisherView = z.infer<typeof trustedPublisherViewSchema>;

/** Whether the OS keychain works, and the names (never values) of one process scope's secrets. */
export const secretsStatusSchema = z.object({ scopeId: z.string(), available: z.boolean(), names: z.array(z.string()) });
export type SecretsStatus = z.infer<typeof secretsStatusSchema>;

/** One install candidate of a signed index; every string is plain text. */
export const marketplaceEntryViewSchema = z.object({
  /** `${id}@${version}`: what `marketplace:stage` takes. */
  key: z.string(),
  id: z.string(),
  name: z.string(),
  version: z.string(),
  publisherKeyId: z.string(),
  publisherFingerprint: z.string(),
  riskTier: z.enum(['low', 'medium', 'high']),
  capabilities: z.array(z.string()),
  description: z.string(),
  source: z.discriminatedUnion('type', [
    z.object({ type: z.literal('file'), path: z.string() }),
    z.object({ type: z.literal('url'), url: z.string() }),
  ]),
});
export type MarketplaceEntryView = z.infer<typeof marketplaceEntryViewSchema>;

export const marketplaceViewSchema = z.object({
  indexKey: z.object({ keyId: z.string(), fingerprint: z.string(), publicKey: z.string() }).nullable(),
  entries: z.array(marketplaceEntryViewSchema),
});
export type MarketplaceView = z.infer<typeof marketplaceViewSchema>;

export const approvalViewSchema = z.object({
  pluginId: z.string(),
  key: z.string(),
  expiresAt: z.number(),
  preview: actionPreviewSchema,
});
export type ApprovalView = z.infer<typeof approvalViewSchema>;

export type { ScopeListing } from './scope-schemas';

/** One channel: what the renderer may send and what the host answers. */
interface ChannelSchemas {
  request: z.ZodType;
  response: z.core.$ZodType;
}

const channel = <Req extends z.ZodType, Res extends z.core.$ZodType>(request: Req, response: Res) => ({ request, response });

/** Every channel of the app. A channel is added here and in IPC_VERBS (ipc-verbs.ts), and handled in the dispatcher. */
export const ipcChannels = {
  'app:get-info': channel(none, appInfoSchema),
  'plugins:list': channel(none, z.array(pluginInfoSchema)),
  'plugins:frame': channel(z.strictObject({ pluginId }), pluginFrameSchema),
  'plugins:inspect': channel(none, installTicketSchema.nullable()),
  'plugins:inspect-file': channel(none, installTicketSchema.nullable()),
  'plugins:install': channel(
    z.strictObject({
      token: installToken,
      grants: z.array(z.string().max(200)).max(64),
      trustPublisher: z.strictObject({ name: z.string().min(1).max(100) }).optional(),
    }),
    pluginInfoSchema,
  ),
  'plugins:cancel-install': channel(z.strictObject({ token: installToken }), z.object({ discarded: z.boolean() })),
  'plugins:review': channel(z.strictObject({ pluginId }), pluginInspectionSchema),
  'plugins:set-status': channel(
    z.strictObject({ pluginId, status: z.enum(['active', 'disabled', 'removed']) }),
    pluginInfoSchema.nullable(),
  ),
  'plugins:set-grants': channel(z.strictObject({ pluginId, capabilities: z.array(z.string().max(200)).max(64) }), pluginInfoSchema),
  'plugins:frame-closed': channel(z.strictObject({ pluginId }), z.object({ withdrawn: z.number() })),
  'action:request': channel(z.strictObject({ pluginId, message: pluginMessageSchema }), privilegedActionResponseSchema),
  'storage:request': channel(z.strictObject({ pluginId, message: pluginMessageSchema }), privilegedActionResponseSchema),
  'confirmations:list': channel(none, z.array(confirmationRequestSchema)),
  'confirmations:answer': channel(
    z.strictObject({ id: z.string().max(64), decision: confirmationDecisionSchema }),
    z.object({ accepted: z.boolean() }),
  ),
  'confirmations:decline-plugin': channel(z.strictObject({ pluginId }), z.object({ declined: z.number() })),
  'host:get-paused': channel(none, z.object({ paused: z.boolean() })),
  'host:set-paused': channel(z.strictObject({ paused: z.boolean() }), z.object({ paused: z.boolean() })),
  'approvals:list': channel(none, z.array(approvalViewSchema)),
  'approvals:revoke': channel(z.strictObject({ pluginId, key: z.string().max(128).optional() }), z.object({ revoked: z.number() })),
  'audit:query': channel(auditQuerySchema, auditPageViewSchema),
  'audit:get': channel(z.strictObject({ seq: z.number().int().positive() }), auditRecordViewSchema.nullable()),
  'audit:verify': channel(none, auditVerifyViewSchema),
  'audit:export': channel(
    z.strictObject({
      format: z.enum(['jsonl', 'csv']),
      filter: auditQuerySchema.omit({ cursor: true, limit: true, group: true }),
    }),
    z.object({ path: z.string(), records: z.number(), bytes: z.number() }).nullable(),
  ),
  'scopes:list': channel(none, scopeListingSchema),
  'scopes:save': channel(scopeSaveRequestSchema, scopeListingSchema),
  'scopes:remove': channel(z.strictObject({ kind: scopeKind, id: z.string().max(64) }), scopeListingSchema),
  'settings:get': channel(none, hostSettingsViewSchema),
  'settings:update': channel(
    z.strictObject({ hostsPath: z.string().max(4096).optional(), clipboard: clipboardPolicy.optional() }),
    hostSettingsViewSchema,
  ),
  'trust:list': channel(none, z.array(trustedPublisherViewSchema)),
  'trust:add': channel(z.strictObject({ publicKey, name: z.string().min(1).max(100) }), trustedPublisherViewSchema),
  'trust:remove': channel(z.strictObject({ keyId: z.string().min(1).max(100) }), z.object({ removed: z.boolean() })),
  'secrets:status': channel(z.strictObject({ scopeId }), secretsStatusSchema),
  'secrets:set': channel(z.strictObject({ scopeId, name: secretName, value: z.string().min(1).max(32_768) }), secretsStatusSchema),
  'secrets:delete': channel(z.strictObject({ scopeId, name: secretName }), secretsStatusSchema.extend({ deleted: z.boolean() })),
  'marketplace:get': channel(none, marketplaceViewSchema),
  'marketplace:set-key': channel(z.strictObject({ publicKey: publicKey.nullable() }), marketplaceViewSchema),
  'marketplace:open-index': channel(none, marketplaceViewSchema.nullable()),
  'marketplace:stage': channel(z.strictObject({ key: z.string().min(3).max(300) }), installTicketSchema.nullable()),
  // Long-running actions: a plugin's cancel and acknowledgements (forwarded from its port), the Running list.
  'action:cancel': channel(z.strictObject({ pluginId, correlationId }), z.object({ cancelled: z.boolean() })),
  'action:ack': channel(
    z.strictObject({ pluginId, correlationId, seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
    z.object({ acked: z.boolean() }),
  ),
  'running:list': channel(none, z.array(runningActionViewSchema)),
  'running:stop': channel(z.strictObject({ pluginId, correlationId }), z.object({ stopped: z.boolean() })),
  // A plugin's setup on this machine (src/core/services/setup-service.ts).
  'setup:status': channel(z.strictObject({ pluginId }), setupStatusViewSchema),
  'setup:run': channel(z.strictObject({ pluginId }), setupRunReportSchema),
  'setup:teardown': channel(z.strictObject({ pluginId }), setupRunReportSchema),
  'setup:set-overrides': channel(
    z.strictObject({
      pluginId,
      overrides: z.strictObject({
        env: z.record(z.string().max(128), z.string().max(32_768)).optional(),
        paths: z.record(z.string().max(4096), z.string().max(4096)).optional(),
        selfManaged: z.boolean().optional(),
      }),
    }),
    setupStatusViewSchema,
  ),
  // A plugin's backend (src/core/services/backends-service.ts): its state and logs, and its frame's messages.
  'backend:status': channel(z.strictObject({ pluginId }), backendStatusViewSchema.nullable()),
  'backend:logs': channel(z.strictObject({ pluginId }), backendLogsViewSchema),
  'backend:post': channel(
    z.strictObject({ pluginId, data: pluginMessageSchema }),
    z.discriminatedUnion('delivered', [
      z.strictObject({ delivered: z.literal(true) }),
      z.strictObject({
        delivered: z.literal(false),
        code: z.enum(['BACKEND_NOT_RUNNING', 'RATE_LIMITED', 'VALIDATION_FAILED']),
        error: z.string().max(500),
      }),
    ]),
  ),
} as const satisfies { [C in IpcChannel]: ChannelSchemas }; // exactly the channels of IPC_VERBS: no more, no fewer

/** What the renderer passes (before defaults). */
export type IpcRequest<C extends IpcChannel> = z.input<(typeof ipcChannels)[C]['request']>;
/** What the handler receives (after the schema's defaults). */
export type IpcParsedRequest<C extends IpcChannel> = z.output<(typeof ipcChannels)[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.output<(typeof ipcChannels)[C]['response']>;

/** Pushed from main to the renderer (the names are IPC_EVENTS in ipc-verbs.ts). */
export const ipcEventSchemas = {
  'confirmations:changed': z.array(confirmationRequestSchema),
  'audit:appended': auditRecordViewSchema,
  'plugins:changed': z.array(pluginInfoSchema),
  'action:event': actionEventEnvelopeSchema,
  'running:changed': z.array(runningActionViewSchema),
  'backend:message': backendMessageEnvelopeSchema,
  'backend:changed': z.null(),
} as const satisfies { [E in IpcEventName]: z.ZodType };
export type IpcEvents = { [E in IpcEventName]: z.output<(typeof ipcEventSchemas)[E]> };

export const IPC_CHANNELS = Object.keys(ipcChannels) as IpcChannel[];
