import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { hostnameSchema, ipAddressSchema, lineSchema, reasonSchema } from '../primitives.js';

export const hostsRecordSchema = z.strictObject({
  address: ipAddressSchema,
  hostname: hostnameSchema,
  comment: lineSchema(LIMITS.hostsCommentLength).optional(),
});
export type HostsRecord = z.infer<typeof hostsRecordSchema>;

export const hostsTagSchema = z
  .string()
  .min(1)
  .max(LIMITS.tagLength, { message: `must be at most ${LIMITS.tagLength} characters` })
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { message: 'must be lowercase letters, digits, ".", "_" or "-"' });

export const hostsWritePayloadSchema = z.strictObject({
  records: z.array(hostsRecordSchema).max(LIMITS.hostsRecords, { message: `at most ${LIMITS.hostsRecords} records` }),
  tag: hostsTagSchema.optional(),
  dryRun: z.boolean().optional(),
  reason: reasonSchema.optional(),
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
