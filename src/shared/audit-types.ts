// The audit record as every layer sees it; the core's audit log writes exactly this shape.
import { z } from 'zod';

export interface AuditWorkflowFields {
  workflowId: string;
  stepId?: string;
  stepTitle?: string;
  stepStatus?: string;
  stepCorrelationId?: string;
  confirmation?: string;
}

export interface AuditRecordView {
  seq: number;
  time: string;
  correlationId: string | null;
  pluginId: string | null;
  pluginVersion?: string | null;
  action: string;
  scope?: string | null;
  phase: string;
  decision?: string | null;
  code?: string | null;
  reason?: string | null;
  summary?: Record<string, unknown>;
  outcome?: Record<string, unknown>;
  workflow?: AuditWorkflowFields | null;
  prevHash: string;
  hash: string;
  /** On the rows of a grouped query (`group: 'request'`): the request's first record, record count and latest decision. */
  story?: { first: AuditRecordView; records: number; decision: string | null };
}

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

export interface AuditPageView {
  records: AuditRecordView[];
  total: number;
  nextCursor: number | null;
}

export interface AuditVerifyView {
  ok: boolean;
  records: number;
  files: number;
  firstBadSeq: number | null;
  problem: string | null;
  durationMs: number;
  /** What the log repaired when it was opened (a torn last line after a crash), if anything. */
  startup?: { repaired: boolean; detail: string | null };
}
