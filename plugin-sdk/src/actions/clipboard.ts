import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { reasonSchema } from '../primitives.js';

export const clipboardReadPayloadSchema = z.strictObject({ reason: z.optional(reasonSchema) });
export type ClipboardReadPayload = z.infer<typeof clipboardReadPayloadSchema>;

export const clipboardWritePayloadSchema = z.strictObject({
  text: z.string().check(z.maxLength(LIMITS.clipboardTextLength, `must be at most ${LIMITS.clipboardTextLength} characters`)),
  reason: z.optional(reasonSchema),
});
export type ClipboardWritePayload = z.infer<typeof clipboardWritePayloadSchema>;

export interface ClipboardReadResult {
  text: string;
  length: number;
}

export interface ClipboardWriteResult {
  length: number;
}
