import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { privateKeyFrom, publicKeyFromBase64 } from './keys.js';

const SIGNATURE_BASE64_PATTERN = /^[A-Za-z0-9+/]{86}==$/;

/**
 * Signs the canonical JSON (RFC 8785) of `value` with an ed25519 private key; returns base64.
 * @example const signature = signCanonicalJson({ format: 1, entries }, privateKeyPem)
 */
export function signCanonicalJson(value: unknown, privateKey: KeyObject | string): string {
  return sign(null, Buffer.from(canonicalJson(value), 'utf8'), privateKeyFrom(privateKey)).toString('base64');
}

/** True when `signature` is base64 of 64 bytes, the length of every ed25519 signature. */
export function isSignatureBase64(value: unknown): value is string {
  return typeof value === 'string' && SIGNATURE_BASE64_PATTERN.test(value) && Buffer.from(value, 'base64').toString('base64') === value;
}

/** True when `signature` (base64) is a valid ed25519 signature of the canonical JSON of `value`. */
export function verifyCanonicalJson(value: unknown, signature: string, publicKeyBase64: string): boolean {
  if (!isSignatureBase64(signature)) return false;
  let publicKey: KeyObject;
  let payload: Buffer;
  try {
    publicKey = publicKeyFromBase64(publicKeyBase64);
    payload = Buffer.from(canonicalJson(value), 'utf8');
  } catch {
    return false;
  }
  return verify(null, payload, publicKey, Buffer.from(signature, 'base64'));
}
