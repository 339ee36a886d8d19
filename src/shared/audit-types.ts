// The audit record as every layer sees it; the core's audit log writes exactly this shape.
import { z } from 'zod';

const auditWorkflowFieldsSchema = z.object({
  workflowId: z.string(),
  stepId: z.string().optional(),
  stepTitle: z.string().optional(),
  stepStatus: z.string().optional(),
  stepCorrelationId: z.string().optional(),
  confirmation: z.string().optional(),
});
const auditRecordFields = z.object({
  seq: z.number(),
  time: z.string(),
  correlationId: z.string().nullable(),
  pluginId: z.string().nullable(),
  pluginVersion: z.string().nullable().optional(),
  action: z.string(),
  scope: z.string().nullable().optional(),
  phase: z.string(),
  decision: z.string().nullable().optional(),
  code: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
  summary: z.record(z.string(), z.unknown()).optional(),
  outcome: z.record(z.string(), z.unknown()).optional(),
  workflow: auditWorkflowFieldsSchema.nullable().optional(),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditRecordViewSchema = auditRecordFields.extend({
  /** On the rows of a grouped query (`group: 'request'`): the request's first record, record count and latest decision. */
  story: z.object({ first: auditRecordFields, records: z.number(), decision: z.string().nullable() }).optional(),
});
export type AuditRecordView = z.infer<typeof auditRecordViewSchema>;

export const auditQuerySchema = z.strictObject({
  pluginId: z.string().max(128).optional(),
  action: z.string().max(128).optional(),
  decision: z.string().max(32).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  from: z.union([z.string().max(64), z.number()]).optional(),
  to: z.union([z.string().max(64), z.number()]).optional(),
  text: z.string().max(256).optional(),
  correlationId: z.string().max(128).optional(),
  workflowId: z.string().max(128).optional(),
  group: z.literal('request').optional(),
  cursor: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});
export type AuditQueryInput = z.infer<typeof auditQuerySchema>;

export const auditPageViewSchema = z.object({
  records: z.array(auditRecordViewSchema),
  total: z.number(),
  nextCursor: z.number().nullable(),
});
export type AuditPageView = z.infer<typeof auditPageViewSchema>;

export const auditVerifyViewSchema = z.object({
  ok: z.boolean(),
  records: z.number(),
  files: z.number(),
  firstBadSeq: z.number().nullable(),
  problem: z.string().nullable(),
  durationMs: z.number(),
  /** What the log repaired when it was opened (a torn last line after a crash), if anything. */
  startup: z.object({ repaired: z.boolean(), detail: z.string().nullable() }).optional(),
});
export type AuditVerifyView = z.infer<typeof auditVerifyViewSchema>;
