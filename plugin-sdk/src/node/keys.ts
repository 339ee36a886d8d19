import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { PluginBundleError } from './bundle-error.js';

/** A publisher key as exchanged between people and tools: base64 of the raw 32-byte ed25519 public key. */
export interface PublicKeyDescription {
  /** `ed25519:` + the first 16 bytes (hex) of sha256 of the raw public key. */
  keyId: string;
  /** The full sha256 of the raw public key in groups of 4 upper-case hex digits, for people to compare. */
  fingerprint: string;
  /** Base64 of the raw 32-byte public key. */
  publicKey: string;
}

/** A freshly generated signing key pair; `privateKeyPem` is PKCS#8 PEM and must stay secret. */
export interface SigningKeyPair extends PublicKeyDescription {
  privateKeyPem: string;
}

export const KEY_ID_PATTERN = /^ed25519:[0-9a-f]{32}$/;
const PUBLIC_KEY_BASE64_PATTERN = /^[A-Za-z0-9+/]{43}=$/;

/** Generates a new ed25519 signing key pair. */
export function generateSigningKeyPair(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { ...describePublicKey(publicKeyToBase64(publicKey)), privateKeyPem };
}

/** True when `value` is base64 of exactly 32 bytes (the raw ed25519 public key form used everywhere). */
export function isPublicKeyBase64(value: unknown): value is string {
  return typeof value === 'string' && PUBLIC_KEY_BASE64_PATTERN.test(value) && Buffer.from(value, 'base64').toString('base64') === value;
}

/**
 * Key id, fingerprint and normalized form of a base64 raw public key. Throws `key-invalid` otherwise.
 * @example describePublicKey(publicKey).keyId // 'ed25519:3f1c...'
 */
export function describePublicKey(publicKeyBase64: string): PublicKeyDescription {
  publicKeyFromBase64(publicKeyBase64);
  const hash = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex');
  return {
    keyId: `ed25519:${hash.slice(0, 32)}`,
    fingerprint: hash.toUpperCase().match(/.{4}/g)!.join(' '),
    publicKey: publicKeyBase64,
  };
}

/** The key id of a base64 raw public key. */
export function keyIdForPublicKey(publicKeyBase64: string): string {
  return describePublicKey(publicKeyBase64).keyId;
}

/** Imports a base64 raw ed25519 public key. Throws `key-invalid` when it is not one. */
export function publicKeyFromBase64(publicKeyBase64: string): KeyObject {
  if (!isPublicKeyBase64(publicKeyBase64)) {
    throw new PluginBundleError('key-invalid', 'A public key must be base64 of the raw 32-byte ed25519 key.');
  }
  try {
    const x = Buffer.from(publicKeyBase64, 'base64').toString('base64url');
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  } catch {
    throw new PluginBundleError('key-invalid', 'The public key is not a valid ed25519 key.');
  }
}

/** Base64 of the raw 32 bytes of an ed25519 public (or private: its public half) key. */
export function publicKeyToBase64(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new PluginBundleError('key-invalid', 'The key is not an ed25519 key.');
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new PluginBundleError('key-invalid', 'The key has no public part.');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** Imports an ed25519 private key from PKCS#8 PEM (or passes a KeyObject through after checking it). */
export function privateKeyFrom(key: KeyObject | string): KeyObject {
  let object: KeyObject;
  try {
    object = typeof key === 'string' ? createPrivateKey({ key, format: 'pem' }) : key;
  } catch {
    throw new PluginBundleError('key-invalid', 'The private key is not a valid PKCS#8 PEM key.');
  }
  if (object.type !== 'private' || object.asymmetricKeyType !== 'ed25519') {
    throw new PluginBundleError('key-invalid', 'The private key is not an ed25519 private key.');
  }
  return object;
}
