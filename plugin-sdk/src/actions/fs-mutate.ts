import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { absolutePathSchema, encodingSchema, modeSchema, reasonSchema, scopeIdSchema } from '../primitives.js';

const contentSchema = z.string().check(z.maxLength(LIMITS.fsContentLength, `must be at most ${LIMITS.fsContentLength} characters`));

export const mkdirOperationSchema = z.strictObject({
  type: z.literal('mkdir'),
  path: absolutePathSchema,
  recursive: z.optional(z.boolean()),
  mode: z.optional(modeSchema),
});
export const writeFileOperationSchema = z.strictObject({
  type: z.literal('writeFile'),
  path: absolutePathSchema,
  content: contentSchema,
  encoding: z.optional(encodingSchema),
  mode: z.optional(modeSchema),
});
export const appendFileOperationSchema = z.strictObject({
  type: z.literal('appendFile'),
  path: absolutePathSchema,
  content: contentSchema,
  encoding: z.optional(encodingSchema),
});
export const renameOperationSchema = z.strictObject({
  type: z.literal('rename'),
  from: absolutePathSchema,
  to: absolutePathSchema,
});
export const removeOperationSchema = z.strictObject({
  type: z.literal('remove'),
  path: absolutePathSchema,
  recursive: z.optional(z.boolean()),
  force: z.optional(z.boolean()),
});

export const fsOperationSchema = z.discriminatedUnion('type', [
  mkdirOperationSchema,
  writeFileOperationSchema,
  appendFileOperationSchema,
  renameOperationSchema,
  removeOperationSchema,
]);
export type FsOperation = z.infer<typeof fsOperationSchema>;
export type FsOperationType = FsOperation['type'];
export const FS_OPERATION_TYPES = ['mkdir', 'writeFile', 'appendFile', 'rename', 'remove'] as const satisfies readonly FsOperationType[];

export const fsMutatePayloadSchema = z.strictObject({
  scope: scopeIdSchema,
  operations: z
    .array(fsOperationSchema)
    .check(
      z.minLength(1, 'must list at least one operation'),
      z.maxLength(LIMITS.fsOperations, `at most ${LIMITS.fsOperations} operations`),
    ),
  dryRun: z.optional(z.boolean()),
  reason: z.optional(reasonSchema),
});
export type FsMutatePayload = z.infer<typeof fsMutatePayloadSchema>;

export interface FsChange {
  type: FsOperationType;
  path: string;
  to?: string;
  bytes?: number;
  /** What happened: created, replaced, appended, renamed, removed, or unchanged (already there / absent with force). */
  effect: 'created' | 'replaced' | 'appended' | 'renamed' | 'removed' | 'unchanged';
}

export interface FsMutateResult {
  scope: string;
  dryRun: boolean;
  changes: FsChange[];
}
