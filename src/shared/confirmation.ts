// What a confirmation dialog shows: structured data only, never HTML. Shared by core, main and renderer.
import { z } from 'zod';

const envKeysSchema = z.array(z.string());

/** What the tool's OS sandbox lets it reach; `enforced: false` when it runs unsandboxed. */
export const processSandboxPreviewSchema = z.object({
  enforced: z.boolean(),
  network: z.boolean(),
  writePaths: z.array(z.string()),
  readPaths: z.array(z.string()),
});
export type ProcessSandboxPreview = z.infer<typeof processSandboxPreviewSchema>;

export const processPreviewSchema = z.object({
  executable: z.string(),
  args: z.array(z.string()),
  cwd: z.string().nullable(),
  envKeys: envKeysSchema,
  timeoutMs: z.number(),
  sandbox: processSandboxPreviewSchema.optional(),
});
export type ProcessPreview = z.infer<typeof processPreviewSchema>;

export const actionPreviewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clipboard.read') }),
  z.object({ kind: z.literal('clipboard.write'), length: z.number() }),
  z.object({
    kind: z.literal('hosts.write'),
    path: z.string(),
    tag: z.string(),
    diff: z.string(),
    records: z.array(z.object({ address: z.string(), hostname: z.string(), comment: z.string().optional() })),
    elevated: z.boolean(),
  }),
  z.object({
    kind: z.literal('fs.mutate'),
    operations: z.array(
      z.object({ type: z.string(), path: z.string(), to: z.string().optional(), bytes: z.number().optional(), detail: z.string().optional() }),
    ),
  }),
  z.object({ kind: z.literal('process.exec'), process: processPreviewSchema }),
  z.object({
    kind: z.literal('workflow.run'),
    title: z.string(),
    summary: z.string().optional(),
    message: z.string().optional(),
    steps: z.array(
      z.object({ id: z.string(), title: z.string(), phase: z.string().optional(), gated: z.boolean(), onError: z.enum(['abort', 'continue']), process: processPreviewSchema }),
    ),
  }),
  z.object({
    kind: z.literal('workflow.step'),
    workflowTitle: z.string(),
    workflowId: z.string(),
    stepIndex: z.number(),
    totalSteps: z.number(),
    step: z.object({ id: z.string(), title: z.string(), phase: z.string().optional(), process: processPreviewSchema }),
  }),
]);
export type ActionPreview = z.infer<typeof actionPreviewSchema>;

export const confirmationRequestSchema = z.object({
  /** One-time id: an answer is accepted once, for this id only. */
  id: z.string(),
  correlationId: z.string(),
  plugin: z.object({ id: z.string(), name: z.string(), publisher: z.string(), version: z.string(), signed: z.boolean() }),
  action: z.string(),
  scope: z.string().nullable(),
  /** The plugin's own words, shown labelled as such. */
  reason: z.string().nullable(),
  preview: actionPreviewSchema,
  /**
   * Whether approving may also remember this exact command, and for how long. Null: an approval covers this
   * one run only and the dialog offers nothing more. Set: the dialog offers the choice, "only this time" first.
   */
  remember: z.object({ forMs: z.number().int().positive() }).nullable(),
  requestedAt: z.number(),
  expiresAt: z.number(),
});
export type ConfirmationRequest = z.infer<typeof confirmationRequestSchema>;

/**
 * The user's answer. `approved-remember` approves this run and also remembers this exact command for the time
 * the request offered; for a request that offered nothing to remember it counts as a plain `approved`.
 */
export const confirmationDecisionSchema = z.enum(['approved', 'approved-remember', 'declined']);
export type ConfirmationDecision = z.infer<typeof confirmationDecisionSchema>;

/** How a confirmation ended, as the audit log records it (remembering or not, an approval is recorded as approved). */
export type ConfirmationOutcome = Exclude<ConfirmationDecision, 'approved-remember'> | 'timeout' | 'cancelled' | 'not-required' | 'remembered';
