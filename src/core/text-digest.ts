import { createHash } from 'node:crypto';

/** Length and sha256 of a text: what the audit log keeps instead of the text itself. */
export function describeText(text: string): { length: number; sha256: string } {
  return { length: text.length, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}
