import { z } from 'zod';
import { FS_OPERATION_TYPES, LIMITS, absolutePathSchema, scopeIdSchema } from '@gatehouse/plugin-sdk';
import { FS_SCOPE_MAX_WRITE_BYTES } from './scope-rules';

/**
 * A folder set a plugin may change: which roots, which operation types, whether each batch is confirmed,
 * the largest single write, and whether world-writable modes are allowed.
 */
export const fsScopeSchema = z.strictObject({
  id: scopeIdSchema,
  title: z.string().min(1).max(LIMITS.titleLength),
  roots: z.array(absolutePathSchema).min(1, { message: 'must list at least one root' }).max(64),
  allowedOperations: z.array(z.enum(FS_OPERATION_TYPES)).min(1, { message: 'must allow at least one operation type' }),
  confirmation: z.enum(['always', 'never']).default('always'),
  maxWriteBytes: z.number().int().positive().max(FS_SCOPE_MAX_WRITE_BYTES),
  /**
   * Whether a requested or kept mode may leave files and folders writable by every user. Absent means false
   * (scopes saved before this field existed stay valid and stay strict); only an administrator turns it on.
   */
  allowWorldWritable: z.boolean().optional(),
});
export type FsScope = z.infer<typeof fsScopeSchema>;
export type FsScopeInput = z.input<typeof fsScopeSchema>;
