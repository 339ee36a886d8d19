import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import { SHA256_DIGEST_PATTERN, sha256Digest, type Sha256Digest } from './hash.js';
import { KEY_ID_PATTERN, isPublicKeyBase64 } from './keys.js';
import { isSemver } from './semver.js';
import { isSignatureBase64 } from './signing.js';

export const SIGNATURE_FORMAT = 1;

const digestSchema = z.string().regex(SHA256_DIGEST_PATTERN, { message: 'must be sha256:<64 lowercase hex>' });

/** signature.json, checked strictly: unknown fields are refused. File paths are checked separately. */
export const signatureFileSchema = z.strictObject({
  format: z.literal(SIGNATURE_FORMAT),
  pluginId: z.string().min(1).max(128),
  version: z.string().refine(isSemver, { message: 'must be a semantic version' }),
  publisherKeyId: z.string().regex(KEY_ID_PATTERN, { message: 'must be ed25519:<32 lowercase hex>' }),
  manifestDigest: digestSchema,
  files: z.record(z.string(), digestSchema),
  signature: z.string().refine(isSignatureBase64, { message: 'must be base64 of a 64-byte ed25519 signature' }),
  /** The publisher's public key, so an install can show its fingerprint and ask to trust it; bound by publisherKeyId. */
  publisherPublicKey: z.string().refine(isPublicKeyBase64, { message: 'must be base64 of a raw 32-byte ed25519 public key' }).optional(),
});
export type SignatureFile = z.infer<typeof signatureFileSchema>;

/** The part of signature.json that is signed. */
export type SignedPayload = Omit<SignatureFile, 'signature' | 'publisherPublicKey'>;

/** The signed fields of signature.json, in a fresh object (key order does not matter once canonical). */
export function signedPayloadOf(file: SignedPayload): SignedPayload {
  const { format, pluginId, version, publisherKeyId, manifestDigest, files } = file;
  return { format, pluginId, version, publisherKeyId, manifestDigest, files };
}

/** The bundle digest: sha256 of the canonical JSON of the signed payload. Identifies one exact bundle. */
export function bundleDigestOf(payload: SignedPayload): Sha256Digest {
  return sha256Digest(canonicalJson(signedPayloadOf(payload)));
}
