import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { absolutePathSchema, encodingSchema, modeSchema, reasonSchema, scopeIdSchema } from '../primitives.js';

const contentSchema = z
  .string()
  .max(LIMITS.fsContentLength, { message: `must be at most ${LIMITS.fsContentLength} characters` });

export const mkdirOperationSchema = z.strictObject({
  type: z.literal('mkdir'),
  path: absolutePathSchema,
  recursive: z.boolean().optional(),
  mode: modeSchema.optional(),
});
export const writeFileOperationSchema = z.strictObject({
  type: z.literal('writeFile'),
  path: absolutePathSchema,
  content: contentSchema,
  encoding: encodingSchema.optional(),
  mode: modeSchema.optional(),
});
export const appendFileOperationSchema = z.strictObject({
  type: z.literal('appendFile'),
  path: absolutePathSchema,
  content: contentSchema,
  encoding: encodingSchema.optional(),
});
export const renameOperationSchema = z.strictObject({
  type: z.literal('rename'),
  from: absolutePathSchema,
  to: absolutePathSchema,
});
export const removeOperationSchema = z.strictObject({
  type: z.literal('remove'),
  path: absolutePathSchema,
  recursive: z.boolean().optional(),
  force: z.boolean().optional(),
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
    .min(1, { message: 'must list at least one operation' })
    .max(LIMITS.fsOperations, { message: `at most ${LIMITS.fsOperations} operations` }),
  dryRun: z.boolean().optional(),
  reason: reasonSchema.optional(),
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
