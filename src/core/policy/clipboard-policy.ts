import { z } from 'zod';

/** Clipboard reads are gated more strictly than writes: reading may expose what the user copied elsewhere. */
export const clipboardPolicySchema = z.strictObject({
  readConfirmation: z.enum(['always', 'never']).default('always'),
  writeConfirmation: z.enum(['always', 'never']).default('never'),
});
export type ClipboardPolicy = z.infer<typeof clipboardPolicySchema>;

export const DEFAULT_CLIPBOARD_POLICY: ClipboardPolicy = { readConfirmation: 'always', writeConfirmation: 'never' };
