import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { hostnameSchema, ipAddressSchema, lineSchema, reasonSchema } from '../primitives.js';

export const hostsRecordSchema = z.strictObject({
  address: ipAddressSchema,
  hostname: hostnameSchema,
  comment: z.optional(lineSchema(LIMITS.hostsCommentLength)),
});
export type HostsRecord = z.infer<typeof hostsRecordSchema>;

export const hostsTagSchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(LIMITS.tagLength, `must be at most ${LIMITS.tagLength} characters`),
    z.regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, ".", "_" or "-"'),
  );

export const hostsWritePayloadSchema = z.strictObject({
  records: z.array(hostsRecordSchema).check(z.maxLength(LIMITS.hostsRecords, `at most ${LIMITS.hostsRecords} records`)),
  tag: z.optional(hostsTagSchema),
  dryRun: z.optional(z.boolean()),
  reason: z.optional(reasonSchema),
});
export type HostsWritePayload = z.infer<typeof hostsWritePayloadSchema>;

export interface HostsWriteResult {
  tag: string;
  dryRun: boolean;
  /** False when the section already held exactly these records: nothing was written and the user was not asked. */
  changed: boolean;
  /** Unified diff of the tagged section, old to new; empty when nothing changed. */
  diff: string;
  recordCount: number;
}
