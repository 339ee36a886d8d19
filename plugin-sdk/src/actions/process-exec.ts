import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { absolutePathSchema, encodingSchema, envSchema, reasonSchema, scopeIdSchema, timeoutMsSchema } from '../primitives.js';

export const argsSchema = z
  .array(
    z.string().check(
      z.maxLength(LIMITS.execArgLength, `each argument must be at most ${LIMITS.execArgLength} characters`),
      z.refine((a) => !a.includes('\0'), 'arguments may not contain NUL'),
    ),
  )
  .check(z.maxLength(LIMITS.execArgs, `at most ${LIMITS.execArgs} arguments`));

export const inputSchema = z.string().check(z.maxLength(LIMITS.execInputLength, `must be at most ${LIMITS.execInputLength} characters`));

/** The fields a process exec and a workflow step share. */
export const processInvocationShape = {
  command: absolutePathSchema,
  args: z.optional(argsSchema),
  cwd: z.optional(absolutePathSchema),
  env: z.optional(envSchema),
  timeoutMs: z.optional(timeoutMsSchema),
  input: z.optional(inputSchema),
  encoding: z.optional(encodingSchema),
  reason: z.optional(reasonSchema),
};

export const processExecPayloadSchema = z.strictObject({
  scope: scopeIdSchema,
  ...processInvocationShape,
  dryRun: z.optional(z.boolean()),
  /** Send output as it is written, as events on the port before the final envelope. */
  stream: z.optional(z.boolean()),
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
