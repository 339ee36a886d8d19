import { z } from 'zod';
import { LIMITS } from '../limits.js';
import {
  absolutePathSchema,
  encodingSchema,
  envSchema,
  reasonSchema,
  scopeIdSchema,
  timeoutMsSchema,
} from '../primitives.js';

export const argsSchema = z
  .array(
    z
      .string()
      .max(LIMITS.execArgLength, { message: `each argument must be at most ${LIMITS.execArgLength} characters` })
      .refine((a) => !a.includes('\0'), { message: 'arguments may not contain NUL' }),
  )
  .max(LIMITS.execArgs, { message: `at most ${LIMITS.execArgs} arguments` });

export const inputSchema = z
  .string()
  .max(LIMITS.execInputLength, { message: `must be at most ${LIMITS.execInputLength} characters` });

/** The fields a process exec and a workflow step share. */
export const processInvocationShape = {
  command: absolutePathSchema,
  args: argsSchema.optional(),
  cwd: absolutePathSchema.optional(),
  env: envSchema.optional(),
  timeoutMs: timeoutMsSchema.optional(),
  input: inputSchema.optional(),
  encoding: encodingSchema.optional(),
  reason: reasonSchema.optional(),
};

export const processExecPayloadSchema = z.strictObject({
  scope: scopeIdSchema,
  ...processInvocationShape,
  dryRun: z.boolean().optional(),
});
export type ProcessExecPayload = z.infer<typeof processExecPayloadSchema>;

export interface ProcessExecResult {
  command: string;
  args: string[];
  cwd: string | null;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  timedOut: boolean;
  durationMs: number;
  dryRun: boolean;
}
