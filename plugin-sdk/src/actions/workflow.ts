import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { lineSchema, scopeIdSchema } from '../primitives.js';
import { processInvocationShape, type ProcessExecResult } from './process-exec.js';

export const stepIdSchema = z
  .string()
  .max(LIMITS.stepIdLength, { message: `must be at most ${LIMITS.stepIdLength} characters` })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'must start with a letter or digit and use letters, digits, ".", "_" or "-"' });

export const workflowStepSchema = z.strictObject({
  id: stepIdSchema,
  title: lineSchema(LIMITS.titleLength).min(1),
  phase: lineSchema(LIMITS.titleLength).optional(),
  ...processInvocationShape,
  onError: z.enum(['abort', 'continue']).optional(),
});
export type WorkflowStep = z.infer<typeof workflowStepSchema>;

export const workflowRunPayloadSchema = z
  .strictObject({
    scope: scopeIdSchema,
    kind: z.literal('process-sequence'),
    title: lineSchema(LIMITS.titleLength).min(1),
    summary: z.string().max(LIMITS.summaryLength).optional(),
    steps: z
      .array(workflowStepSchema)
      .min(1, { message: 'must list at least one step' })
      .max(LIMITS.workflowSteps, { message: `at most ${LIMITS.workflowSteps} steps` }),
    confirmation: z
      .strictObject({
        message: z.string().min(1).max(LIMITS.confirmationMessageLength),
        requiredForStepIds: z.array(stepIdSchema).max(LIMITS.workflowSteps).optional(),
      })
      .optional(),
    dryRun: z.boolean().optional(),
  })
  .superRefine((payload, ctx) => {
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
  });
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
