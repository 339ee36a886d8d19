import { redactSecrets } from './redact-secrets';

export interface StreamRedactor {
  /** The part of the output so far that can no longer become a secret, redacted. */
  push(chunk: Buffer): Buffer;
  /** What is still held back, redacted: the output ended. */
  end(): Buffer;
}

/**
 * Redacts secrets from output that arrives in pieces: a secret split across two reads is still found,
 * because the last (longest secret - 1) bytes are held back until the next read or the end. Null without secrets.
 */
export function createStreamRedactor(secrets: readonly string[]): StreamRedactor | null {
  const needles = [...new Set(secrets.filter((secret) => secret.length > 0))];
  if (needles.length === 0) return null;
  const keep = Math.max(...needles.map((secret) => Buffer.byteLength(secret, 'utf8'))) - 1;
  let held = Buffer.alloc(0);
  return {
    push(chunk) {
      const redacted = redactSecrets(held.length ? Buffer.concat([held, chunk]) : chunk, needles, false);
      if (redacted.length <= keep) {
        held = Buffer.from(redacted);
        return Buffer.alloc(0);
      }
      // A copy, so the held tail does not pin the whole read.
      held = Buffer.from(redacted.subarray(redacted.length - keep));
      return redacted.subarray(0, redacted.length - keep);
    },
    end() {
      const rest = held;
      held = Buffer.alloc(0);
      return rest;
    },
  };
}
