import * as z from 'zod/mini';
import { clipboardReadPayloadSchema, clipboardWritePayloadSchema } from './actions/clipboard.js';
import type { ClipboardReadResult, ClipboardWriteResult } from './actions/clipboard.js';
import { hostsWritePayloadSchema, type HostsWriteResult } from './actions/hosts.js';
import { fsMutatePayloadSchema, type FsMutateResult } from './actions/fs-mutate.js';
import { processExecPayloadSchema, type ProcessExecResult } from './actions/process-exec.js';
import { workflowRunPayloadSchema, type WorkflowRunResult } from './actions/workflow.js';
import { correlationIdSchema } from './primitives.js';

export const PRIVILEGED_ACTIONS = [
  'system.clipboard.read',
  'system.clipboard.write',
  'system.hosts.write',
  'system.fs.mutate',
  'system.process.exec',
  'system.workflow.run',
] as const;
export type PrivilegedActionName = (typeof PRIVILEGED_ACTIONS)[number];

export const clipboardReadRequestSchema = z.strictObject({
  action: z.literal('system.clipboard.read'),
  payload: clipboardReadPayloadSchema,
});
export const clipboardWriteRequestSchema = z.strictObject({
  action: z.literal('system.clipboard.write'),
  payload: clipboardWritePayloadSchema,
});
export const hostsWriteRequestSchema = z.strictObject({ action: z.literal('system.hosts.write'), payload: hostsWritePayloadSchema });
export const fsMutateRequestSchema = z.strictObject({ action: z.literal('system.fs.mutate'), payload: fsMutatePayloadSchema });
export const processExecRequestSchema = z.strictObject({ action: z.literal('system.process.exec'), payload: processExecPayloadSchema });
export const workflowRunRequestSchema = z.strictObject({ action: z.literal('system.workflow.run'), payload: workflowRunPayloadSchema });

/** A privileged action request: `{ action, payload }`, strict on every level. */
export const privilegedActionRequestSchema = z.discriminatedUnion('action', [
  clipboardReadRequestSchema,
  clipboardWriteRequestSchema,
  hostsWriteRequestSchema,
  fsMutateRequestSchema,
  processExecRequestSchema,
  workflowRunRequestSchema,
]);
export type PrivilegedActionRequest = z.infer<typeof privilegedActionRequestSchema>;
export type PrivilegedActionRequestOf<A extends PrivilegedActionName> = Extract<PrivilegedActionRequest, { action: A }>;
export type PrivilegedActionPayloadOf<A extends PrivilegedActionName> = PrivilegedActionRequestOf<A>['payload'];

/** What a request travels as on the wire: `{ correlationId, request }`. */
export const privilegedActionMessageSchema = z.strictObject({
  correlationId: correlationIdSchema,
  request: privilegedActionRequestSchema,
});
export type PrivilegedActionMessage = z.infer<typeof privilegedActionMessageSchema>;

/** The result type of each action. */
export interface PrivilegedActionResultMap {
  'system.clipboard.read': ClipboardReadResult;
  'system.clipboard.write': ClipboardWriteResult;
  'system.hosts.write': HostsWriteResult;
  'system.fs.mutate': FsMutateResult;
  'system.process.exec': ProcessExecResult;
  'system.workflow.run': WorkflowRunResult;
}
export type PrivilegedActionResultOf<A extends PrivilegedActionName> = PrivilegedActionResultMap[A];

const actionSet: ReadonlySet<string> = new Set(PRIVILEGED_ACTIONS);
/**
 * True when `value` names one of the six actions.
 * @example isPrivilegedActionName('system.hosts.write') // true
 */
export function isPrivilegedActionName(value: unknown): value is PrivilegedActionName {
  return typeof value === 'string' && actionSet.has(value);
}
