import { createHash } from 'node:crypto';

/** A content digest as written in signature.json: `sha256:<64 lowercase hex>`. */
export type Sha256Digest = `sha256:${string}`;

export const SHA256_DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** The `sha256:<hex>` digest of some bytes or a UTF-8 string. */
export function sha256Digest(data: Uint8Array | string): Sha256Digest {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
