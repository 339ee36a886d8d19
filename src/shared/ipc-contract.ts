// The one IPC channel map: request schemas (validated in main) and response types, shared by main, preload and renderer.
import { z } from 'zod';
import type { PrivilegedActionResponse } from '@gatehouse/plugin-sdk';
import type { AuditPageView, AuditRecordView, AuditVerifyView } from './audit-types';
import { auditQuerySchema } from './audit-types';
import type { ConfirmationRequest, ActionPreview } from './confirmation';
import { confirmationDecisionSchema } from './confirmation';
import type { PluginInfo } from './plugin-info';

const pluginId = z.string().min(1).max(63);
const none = z.undefined().or(z.null()).or(z.strictObject({}));

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
  'plugins:install': none,
  'plugins:set-status': z.strictObject({ pluginId, status: z.enum(['active', 'disabled', 'removed']) }),
  'plugins:set-grants': z.strictObject({ pluginId, capabilities: z.array(z.string().max(200)).max(64) }),
  'action:request': z.strictObject({ pluginId, message: z.unknown() }),
  'storage:request': z.strictObject({ pluginId, message: z.unknown() }),
  'confirmations:list': none,
  'confirmations:answer': z.strictObject({ id: z.string().max(64), decision: confirmationDecisionSchema }),
  'approvals:list': none,
  'approvals:revoke': z.strictObject({ pluginId, key: z.string().max(128).optional() }),
  'audit:query': auditQuerySchema,
  'audit:get': z.strictObject({ seq: z.number().int().positive() }),
  'audit:verify': none,
  'audit:export': z.strictObject({ format: z.enum(['jsonl', 'csv']), filter: auditQuerySchema.omit({ cursor: true, limit: true }) }),
  'scopes:list': none,
  'scopes:save': z.strictObject({ kind: z.enum(['fs', 'process']), scope: z.unknown() }),
  'scopes:remove': z.strictObject({ kind: z.enum(['fs', 'process']), id: z.string().max(64) }),
  'settings:get': none,
  'settings:update': z.strictObject({
    hostsPath: z.string().max(4096).optional(),
    clipboard: z.strictObject({ readConfirmation: z.enum(['always', 'never']), writeConfirmation: z.enum(['always', 'never']) }).optional(),
  }),
} as const;

export type IpcChannel = keyof typeof ipcRequestSchemas;
export type IpcRequest<C extends IpcChannel> = z.input<(typeof ipcRequestSchemas)[C]>;

export interface IpcResponses {
  'app:get-info': AppInfo;
  'plugins:list': PluginInfo[];
  'plugins:frame': PluginFrame;
  'plugins:install': PluginInfo | null;
  'plugins:set-status': PluginInfo | null;
  'plugins:set-grants': PluginInfo;
  'action:request': PrivilegedActionResponse;
  'storage:request': PrivilegedActionResponse;
  'confirmations:list': ConfirmationRequest[];
  'confirmations:answer': { accepted: boolean };
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
}

/** Pushed from main to the renderer. */
export interface IpcEvents {
  'confirmations:changed': ConfirmationRequest[];
  'audit:appended': AuditRecordView;
  'plugins:changed': PluginInfo[];
}
export type IpcEventName = keyof IpcEvents;
export const IPC_EVENT_NAMES: readonly IpcEventName[] = ['confirmations:changed', 'audit:appended', 'plugins:changed'];
export const IPC_CHANNELS = Object.keys(ipcRequestSchemas) as IpcChannel[];
