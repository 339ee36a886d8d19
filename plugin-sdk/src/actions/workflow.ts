import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { lineSchema, scopeIdSchema } from '../primitives.js';
import { processInvocationShape, type ProcessExecResult } from './process-exec.js';

export const stepIdSchema = z
  .string()
  .check(
    z.maxLength(LIMITS.stepIdLength, `must be at most ${LIMITS.stepIdLength} characters`),
    z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must start with a letter or digit and use letters, digits, ".", "_" or "-"'),
  );

export const workflowStepSchema = z.strictObject({
  id: stepIdSchema,
  title: lineSchema(LIMITS.titleLength).check(z.minLength(1)),
  phase: z.optional(lineSchema(LIMITS.titleLength)),
  ...processInvocationShape,
  onError: z.optional(z.literal(['abort', 'continue'])),
});
export type WorkflowStep = z.infer<typeof workflowStepSchema>;

export const workflowRunPayloadSchema = z
  .strictObject({
    scope: scopeIdSchema,
    kind: z.literal('process-sequence'),
    title: lineSchema(LIMITS.titleLength).check(z.minLength(1)),
    summary: z.optional(z.string().check(z.maxLength(LIMITS.summaryLength))),
    steps: z
      .array(workflowStepSchema)
      .check(z.minLength(1, 'must list at least one step'), z.maxLength(LIMITS.workflowSteps, `at most ${LIMITS.workflowSteps} steps`)),
    confirmation: z.optional(
      z.strictObject({
        message: z.string().check(z.minLength(1), z.maxLength(LIMITS.confirmationMessageLength)),
        requiredForStepIds: z.optional(z.array(stepIdSchema).check(z.maxLength(LIMITS.workflowSteps))),
      }),
    ),
    dryRun: z.optional(z.boolean()),
    /** Send step transitions and output as they happen, as events on the port before the final envelope. */
    stream: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((payload, ctx) => {
      const seen = new Set<string>();
      payload.steps.forEach((step, index) => {
        if (seen.has(step.id)) ctx.addIssue({ code: 'custom', path: ['steps', index, 'id'], message: `duplicate step id "${step.id}"` });
        seen.add(step.id);
      });
      payload.confirmation?.requiredForStepIds?.forEach((id, index) => {
        if (!seen.has(id)) {
          ctx.addIssue({ code: 'custom', path: ['confirmation', 'requiredForStepIds', index], message: `names no step: "${id}"` });
        }
      });
    }),
  );
export type WorkflowRunPayload = z.infer<typeof workflowRunPayloadSchema>;

export type WorkflowStatus = 'completed' | 'partial' | 'failed';
export type WorkflowStepStatus = 'ok' | 'error' | 'skipped';

export interface WorkflowStepResult {
  stepId: string;
  title: string;
  status: WorkflowStepStatus;
  correlationId: string;
  result?: ProcessExecResult;
  code?: string;
  error?: string;
}

export interface WorkflowRunResult {
  workflowId: string;
  correlationId: string;
  scope: string;
  kind: 'process-sequence';
  title: string;
  status: WorkflowStatus;
  dryRun: boolean;
  summary: { totalSteps: number; completedSteps: number; failedSteps: number; skippedSteps: number };
  steps: WorkflowStepResult[];
}
