import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { reasonSchema } from '../primitives.js';

export const clipboardReadPayloadSchema = z.strictObject({ reason: reasonSchema.optional() });
export type ClipboardReadPayload = z.infer<typeof clipboardReadPayloadSchema>;

export const clipboardWritePayloadSchema = z.strictObject({
  text: z.string().max(LIMITS.clipboardTextLength, { message: `must be at most ${LIMITS.clipboardTextLength} characters` }),
  reason: reasonSchema.optional(),
});
export type ClipboardWritePayload = z.infer<typeof clipboardWritePayloadSchema>;

export interface ClipboardReadResult {
  text: string;
  length: number;
}

export interface ClipboardWriteResult {
  length: number;
}
