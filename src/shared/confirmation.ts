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

/** How much file content one prompt may carry: the core cuts its preview to these (checked again here). */
export const FS_PREVIEW_LIMITS = {
  /** A file (existing or new) larger than this is described by its size only. */
  fileBytes: 16 * 1024,
  /** A diff longer than this is described by its sizes only. */
  diffChars: 32 * 1024,
  /** All content previews of one request together; later operations get their sizes only. */
  batchChars: 128 * 1024,
} as const;

/**
 * What a write will put in a file: the diff against the existing file (small text on both sides), the new
 * text (a new file, an append, or an existing file that could not be shown), or only sizes and why.
 */
export const fsContentPreviewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('diff'), diff: z.string().max(FS_PREVIEW_LIMITS.diffChars), bytes: z.number(), existingBytes: z.number() }),
  z.object({
    kind: z.literal('text'),
    text: z.string().max(FS_PREVIEW_LIMITS.fileBytes),
    bytes: z.number(),
    note: z.string().max(200).optional(),
  }),
  z.object({
    kind: z.literal('summary'),
    /** Why no content is shown. */
    why: z.enum(['binary', 'large', 'budget']),
    bytes: z.number(),
    existingBytes: z.number().optional(),
    existingBinary: z.boolean().optional(),
  }),
]);
export type FsContentPreview = z.infer<typeof fsContentPreviewSchema>;

export const fsOperationPreviewSchema = z.object({
  type: z.string(),
  /** The paths as the plugin sent them. */
  path: z.string(),
  to: z.string().optional(),
  bytes: z.number().optional(),
  detail: z.string().optional(),
  /** The scope root the (canonical) path lies under, and the path below it, so a prompt shows each root once. */
  root: z.string().optional(),
  relative: z.string().optional(),
  toRoot: z.string().optional(),
  toRelative: z.string().optional(),
  content: fsContentPreviewSchema.optional(),
});
export type FsOperationPreview = z.infer<typeof fsOperationPreviewSchema>;

/** One step of a running workflow as a gated step's prompt shows it: done (with its exit code), failed, skipped, this one, or still to come. */
export const workflowStepStateSchema = z.object({
  id: z.string(),
  title: z.string(),
  state: z.enum(['done', 'failed', 'skipped', 'current', 'next']),
  exitCode: z.number().nullable().optional(),
  code: z.string().optional(),
  gated: z.boolean(),
});
export type WorkflowStepState = z.infer<typeof workflowStepStateSchema>;

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
  z.object({ kind: z.literal('fs.mutate'), operations: z.array(fsOperationPreviewSchema) }),
  z.object({ kind: z.literal('process.exec'), process: processPreviewSchema }),
  z.object({
    kind: z.literal('workflow.run'),
    title: z.string(),
    summary: z.string().optional(),
    message: z.string().optional(),
    steps: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        phase: z.string().optional(),
        gated: z.boolean(),
        onError: z.enum(['abort', 'continue']),
        process: processPreviewSchema,
      }),
    ),
  }),
  z.object({
    kind: z.literal('workflow.step'),
    workflowTitle: z.string(),
    workflowId: z.string(),
    stepIndex: z.number(),
    totalSteps: z.number(),
    step: z.object({ id: z.string(), title: z.string(), phase: z.string().optional(), process: processPreviewSchema }),
    /** The plan as a stepper: every step with what became of the earlier ones (absent from older hosts). */
    plan: z.array(workflowStepStateSchema).optional(),
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
  /** How many identical requests of this plugin this one prompt answers (they merged into it); absent means one. */
  count: z.number().int().min(2).optional(),
});
export type ConfirmationRequest = z.infer<typeof confirmationRequestSchema>;

/**
 * The user's answer. `approved-remember` approves this run and also remembers this exact command for the time
 * the request offered; for a request that offered nothing to remember it counts as a plain `approved`.
 */
export const confirmationDecisionSchema = z.enum(['approved', 'approved-remember', 'declined']);
export type ConfirmationDecision = z.infer<typeof confirmationDecisionSchema>;

/** How a confirmation ended, as the audit log records it (remembering or not, an approval is recorded as approved). */
export type ConfirmationOutcome =
  Exclude<ConfirmationDecision, 'approved-remember'> | 'timeout' | 'cancelled' | 'not-required' | 'remembered' | 'no-change';
