// The one IPC channel map: request schemas (validated in main) and response types, shared by main, preload and renderer.
import type { SetupRunReport, SetupStatusView } from './setup-types';
import { z } from 'zod';
import type { PrivilegedActionResponse } from '@gatehouse/plugin-sdk';
import type { AuditPageView, AuditRecordView, AuditVerifyView } from './audit-types';
import { auditQuerySchema } from './audit-types';
import type { ConfirmationRequest, ActionPreview } from './confirmation';
import { confirmationDecisionSchema } from './confirmation';
import type { PluginInfo } from './plugin-info';
import type { PluginInspection } from './plugin-inspection';
import { pluginMessageSchema } from './plugin-message-bounds';
import { SECRET_NAME_PATTERN } from './scope-rules';

const pluginId = z.string().min(1).max(63);
const none = z.undefined().or(z.null()).or(z.strictObject({}));
/** A one-time install ticket: main maps it to the folder it inspected, so the renderer never names a path. */
const installToken = z.string().regex(/^[A-Za-z0-9_-]{32}$/, { message: 'must be an install ticket' });
const scopeId = z.string().min(1).max(64);
const secretName = z
  .string()
  .regex(SECRET_NAME_PATTERN, { message: 'must be a secret name: a letter or "_", then letters, digits, "_", "." or "-"' });
const publicKey = z.string().min(1).max(200);

export interface AppInfo {
  version: string;
  platform: string;
  devMode: boolean;
}

export interface PluginFrame {
  url: string;
  origin: string;
}

export interface ScopeListing {
  fs: Array<Record<string, unknown> & { id: string; title: string; preset: boolean }>;
  process: Array<Record<string, unknown> & { id: string; title: string; preset: boolean }>;
}

export interface HostSettingsView {
  hostsPath: string;
  clipboard: { readConfirmation: 'always' | 'never'; writeConfirmation: 'always' | 'never' };
  confirmationTimeoutMs: number;
}

/** What installing a chosen folder or staged candidate would mean, and the ticket that installs exactly it. */
export interface InstallTicket {
  token: string;
  inspection: PluginInspection;
  /**
   * Where the bundle came from: a folder the user picked, a packed `.ghplugin` the user picked (unpacked by
   * main into a private staging folder), or a marketplace candidate checked against its entry.
   */
  source: 'folder' | 'file' | 'marketplace';
}

/** A publisher key the user trusts. */
export interface TrustedPublisherView {
  keyId: string;
  name: string;
  /** sha256 of the raw key in groups of four hex digits, for people to compare. */
  fingerprint: string;
  publicKey: string;
  addedAt: string;
}

/** Whether the OS keychain works, and the names (never values) of one process scope's secrets. */
export interface SecretsStatus {
  scopeId: string;
  available: boolean;
  names: string[];
}

/** One install candidate of a signed index; every string is plain text. */
export interface MarketplaceEntryView {
  /** `${id}@${version}`: what `marketplace:stage` takes. */
  key: string;
  id: string;
  name: string;
  version: string;
  publisherKeyId: string;
  publisherFingerprint: string;
  riskTier: 'low' | 'medium' | 'high';
  capabilities: string[];
  description: string;
  source: { type: 'file'; path: string } | { type: 'url'; url: string };
}

export interface MarketplaceView {
  indexKey: { keyId: string; fingerprint: string; publicKey: string } | null;
  entries: MarketplaceEntryView[];
}

export interface ApprovalView {
  pluginId: string;
  key: string;
  expiresAt: number;
  preview: ActionPreview;
}

export const ipcRequestSchemas = {
  'app:get-info': none,
  'plugins:list': none,
  'plugins:frame': z.strictObject({ pluginId }),
  'plugins:inspect': none,
  'plugins:inspect-file': none,
  'plugins:install': z.strictObject({
    token: installToken,
    grants: z.array(z.string().max(200)).max(64),
    trustPublisher: z.strictObject({ name: z.string().min(1).max(100) }).optional(),
  }),
  'plugins:cancel-install': z.strictObject({ token: installToken }),
  'plugins:review': z.strictObject({ pluginId }),
  'plugins:set-status': z.strictObject({ pluginId, status: z.enum(['active', 'disabled', 'removed']) }),
  'plugins:set-grants': z.strictObject({ pluginId, capabilities: z.array(z.string().max(200)).max(64) }),
  'plugins:frame-closed': z.strictObject({ pluginId }),
  'action:request': z.strictObject({ pluginId, message: pluginMessageSchema }),
  'storage:request': z.strictObject({ pluginId, message: pluginMessageSchema }),
  'confirmations:list': none,
  'confirmations:answer': z.strictObject({ id: z.string().max(64), decision: confirmationDecisionSchema }),
  'confirmations:decline-plugin': z.strictObject({ pluginId }),
  'host:get-paused': none,
  'host:set-paused': z.strictObject({ paused: z.boolean() }),
  'approvals:list': none,
  'approvals:revoke': z.strictObject({ pluginId, key: z.string().max(128).optional() }),
  'audit:query': auditQuerySchema,
  'audit:get': z.strictObject({ seq: z.number().int().positive() }),
  'audit:verify': none,
  'audit:export': z.strictObject({
    format: z.enum(['jsonl', 'csv']),
    filter: auditQuerySchema.omit({ cursor: true, limit: true, group: true }),
  }),
  'scopes:list': none,
  'scopes:save': z.strictObject({ kind: z.enum(['fs', 'process']), scope: z.unknown() }),
  'scopes:remove': z.strictObject({ kind: z.enum(['fs', 'process']), id: z.string().max(64) }),
  'settings:get': none,
  'settings:update': z.strictObject({
    hostsPath: z.string().max(4096).optional(),
    clipboard: z.strictObject({ readConfirmation: z.enum(['always', 'never']), writeConfirmation: z.enum(['always', 'never']) }).optional(),
  }),
  'trust:list': none,
  'trust:add': z.strictObject({ publicKey, name: z.string().min(1).max(100) }),
  'trust:remove': z.strictObject({ keyId: z.string().min(1).max(100) }),
  'secrets:status': z.strictObject({ scopeId }),
  'secrets:set': z.strictObject({ scopeId, name: secretName, value: z.string().min(1).max(32_768) }),
  'secrets:delete': z.strictObject({ scopeId, name: secretName }),
  'marketplace:get': none,
  'marketplace:set-key': z.strictObject({ publicKey: publicKey.nullable() }),
  'marketplace:open-index': none,
  'marketplace:stage': z.strictObject({ key: z.string().min(3).max(300) }),
  // A plugin's setup on this machine (src/core/services/setup-service.ts).
  'setup:status': z.strictObject({ pluginId }),
  'setup:run': z.strictObject({ pluginId }),
  'setup:teardown': z.strictObject({ pluginId }),
  'setup:set-overrides': z.strictObject({
    pluginId,
    overrides: z.strictObject({
      env: z.record(z.string().max(128), z.string().max(32_768)).optional(),
      paths: z.record(z.string().max(4096), z.string().max(4096)).optional(),
      selfManaged: z.boolean().optional(),
    }),
  }),
} as const;

export type IpcChannel = keyof typeof ipcRequestSchemas;
export type IpcRequest<C extends IpcChannel> = z.input<(typeof ipcRequestSchemas)[C]>;

export interface IpcResponses {
  'app:get-info': AppInfo;
  'plugins:list': PluginInfo[];
  'plugins:frame': PluginFrame;
  'plugins:inspect': InstallTicket | null;
  'plugins:inspect-file': InstallTicket | null;
  'plugins:install': PluginInfo;
  'plugins:cancel-install': { discarded: boolean };
  'plugins:review': PluginInspection;
  'plugins:set-status': PluginInfo | null;
  'plugins:set-grants': PluginInfo;
  'plugins:frame-closed': { withdrawn: number };
  'action:request': PrivilegedActionResponse;
  'storage:request': PrivilegedActionResponse;
  'confirmations:list': ConfirmationRequest[];
  'confirmations:answer': { accepted: boolean };
  'confirmations:decline-plugin': { declined: number };
  'host:get-paused': { paused: boolean };
  'host:set-paused': { paused: boolean };
  'approvals:list': ApprovalView[];
  'approvals:revoke': { revoked: number };
  'audit:query': AuditPageView;
  'audit:get': AuditRecordView | null;
  'audit:verify': AuditVerifyView;
  'audit:export': { path: string; records: number; bytes: number } | null;
  'scopes:list': ScopeListing;
  'scopes:save': ScopeListing;
  'scopes:remove': ScopeListing;
  'settings:get': HostSettingsView;
  'settings:update': HostSettingsView;
  'trust:list': TrustedPublisherView[];
  'trust:add': TrustedPublisherView;
  'trust:remove': { removed: boolean };
  'secrets:status': SecretsStatus;
  'secrets:set': SecretsStatus;
  'secrets:delete': SecretsStatus & { deleted: boolean };
  'marketplace:get': MarketplaceView;
  'marketplace:set-key': MarketplaceView;
  'marketplace:open-index': MarketplaceView | null;
  'marketplace:stage': InstallTicket | null;
  'setup:status': SetupStatusView;
  'setup:run': SetupRunReport;
  'setup:teardown': SetupRunReport;
  'setup:set-overrides': SetupStatusView;
}

/** Pushed from main to the renderer. */
export interface IpcEvents {
  'confirmations:changed': ConfirmationRequest[];
  'audit:appended': AuditRecordView;
  'plugins:changed': PluginInfo[];
}
export type IpcEventName = keyof IpcEvents;
export const IPC_CHANNELS = Object.keys(ipcRequestSchemas) as IpcChannel[];
