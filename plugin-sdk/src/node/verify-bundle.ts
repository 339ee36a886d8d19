import { join } from 'node:path';
import { isPluginBundleError } from './bundle-error.js';
import { BUNDLE_LIMITS } from './bundle-limits.js';
import { parseManifestIdentity } from './bundle-manifest.js';
import { MANIFEST_FILE_NAME } from './bundle-path.js';
import { sha256Digest, type Sha256Digest } from './hash.js';
import { isPublicKeyBase64, keyIdForPublicKey } from './keys.js';
import { readBundleSignature } from './read-signature-file.js';
import { readRegularFile } from './read-regular-file.js';
import { compareSemver } from './semver.js';
import { bundleDigestOf, signedPayloadOf, type SignatureFile } from './signature-file.js';
import { verifyCanonicalJson } from './signing.js';
import { bundleFailure, type BundleVerificationFailure, type BundleVerificationResult } from './verification-result.js';
import { walkBundle } from './walk-bundle.js';

/** Trusted publisher keys: key id → base64 raw public key, as a map or a lookup function. */
export type TrustedKeys = ReadonlyMap<string, string> | ((keyId: string) => string | null | undefined | Promise<string | null | undefined>);

/** What the caller expects of the bundle, beyond a valid signature by a trusted key. */
export interface BundleExpectation {
  /** The plugin id the bundle must have (an update of an installed plugin). */
  pluginId?: string;
  /** The bundle version must be at least this. */
  minVersion?: string;
  /** The version installed before: a bundle older than it is a replay and is refused. */
  previousVersion?: string;
}

export interface VerifyBundleOptions {
  trustedKeys: TrustedKeys;
  expect?: BundleExpectation;
}

/**
 * Verifies a plugin bundle folder: signature.json well formed, no path escapes, publisher trusted,
 * signature valid, no symlink or special file, every file listed and every listed file present and
 * unchanged, manifest identity equal to the signed one, and the expectations met. Never throws.
 * @example
 * const result = await verifyPluginBundle(dir, { trustedKeys: new Map([[keyId, publicKey]]) });
 * if (!result.ok) console.log(result.reason, result.detail);
 */
export async function verifyPluginBundle(dir: string, options: VerifyBundleOptions): Promise<BundleVerificationResult> {
  try {
    return await verify(dir, options);
  } catch (error) {
    if (isPluginBundleError(error)) return fromBundleError(error.code, error.message, error.detail);
    return bundleFailure('io-error', `The bundle could not be read: ${(error as Error).message}`);
  }
}

async function verify(dir: string, options: VerifyBundleOptions): Promise<BundleVerificationResult> {
  const read = await readBundleSignature(dir);
  if (!read.ok) return read;
  const signature = read.signature;
  const trusted = await lookupKey(options.trustedKeys, signature.publisherKeyId);
  if (!trusted) return bundleFailure('publisher-untrusted', `The publisher key ${signature.publisherKeyId} is not trusted.`);
  const payload = signedPayloadOf(signature);
  if (!verifyCanonicalJson(payload, signature.signature, trusted)) {
    return bundleFailure('signature-invalid', 'The signature does not match the signed content and publisher key.');
  }
  const onDisk = await walkBundle(dir);
  const present = new Set(onDisk.map((entry) => entry.path));
  const missing = Object.keys(signature.files).find((path) => !present.has(path));
  if (missing !== undefined) return bundleFailure('file-missing', 'A signed file is missing from the bundle.', missing);
  const extra = onDisk.find((entry) => !Object.hasOwn(signature.files, entry.path));
  if (extra) return bundleFailure('file-not-listed', 'The bundle holds a file that is not signed.', extra.path);
  const manifestCheck = await checkManifest(dir, signature);
  if (!manifestCheck.ok) return manifestCheck;
  for (const path of Object.keys(signature.files).sort()) {
    if (path === MANIFEST_FILE_NAME) continue;
    const digest = await digestOf(dir, path);
    if (typeof digest !== 'string') return digest;
    if (digest !== signature.files[path]) return bundleFailure('digest-mismatch', 'A file differs from its signed digest.', path);
  }
  const expectation = checkExpectation(signature, options.expect);
  if (expectation) return expectation;
  return {
    ok: true,
    pluginId: signature.pluginId,
    version: signature.version,
    publisherKeyId: signature.publisherKeyId,
    digest: bundleDigestOf(payload),
    manifestDigest: signature.manifestDigest as Sha256Digest,
    files: { ...signature.files } as Record<string, Sha256Digest>,
    manifest: manifestCheck.manifest,
  };
}

async function lookupKey(trustedKeys: TrustedKeys, keyId: string): Promise<string | null> {
  const found = typeof trustedKeys === 'function' ? await trustedKeys(keyId) : trustedKeys.get(keyId);
  // A key stored under the wrong id is as good as no key.
  if (!isPublicKeyBase64(found) || keyIdForPublicKey(found) !== keyId) return null;
  return found;
}

async function checkManifest(
  dir: string,
  signature: SignatureFile,
): Promise<{ ok: true; manifest: Record<string, unknown> } | BundleVerificationFailure> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(join(dir, MANIFEST_FILE_NAME), BUNDLE_LIMITS.manifestBytes);
  } catch (error) {
    if (isPluginBundleError(error, 'limit-exceeded'))
      return bundleFailure('manifest-mismatch', 'manifest.json is larger than signed manifests may be.', MANIFEST_FILE_NAME);
    return readFailure(error, MANIFEST_FILE_NAME);
  }
  if (sha256Digest(bytes) !== signature.manifestDigest) {
    return bundleFailure('manifest-mismatch', 'manifest.json differs from the signed manifest.', MANIFEST_FILE_NAME);
  }
  const identity = parseManifestIdentity(bytes);
  if (!identity)
    return bundleFailure('manifest-invalid', 'manifest.json is not a JSON object with string "id" and "version".', MANIFEST_FILE_NAME);
  if (identity.id !== signature.pluginId || identity.version !== signature.version) {
    return bundleFailure('manifest-mismatch', 'The manifest id or version differs from signature.json.', MANIFEST_FILE_NAME);
  }
  return { ok: true, manifest: identity.manifest };
}

async function digestOf(dir: string, path: string): Promise<string | BundleVerificationFailure> {
  try {
    return sha256Digest(await readRegularFile(join(dir, path), BUNDLE_LIMITS.fileBytes));
  } catch (error) {
    return readFailure(error, path);
  }
}

function readFailure(error: unknown, path: string): BundleVerificationFailure {
  if (isPluginBundleError(error)) return fromBundleError(error.code, error.message, { path });
  const code = (error as NodeJS.ErrnoException).code;
  // Intermediate symlinked folders show up as ENOTDIR/ELOOP; a vanished file as ENOENT.
  if (code === 'ENOENT') return bundleFailure('file-missing', 'A signed file is missing from the bundle.', path);
  if (code === 'ELOOP') return bundleFailure('symlink-present', 'A symlink is not allowed in a bundle.', path);
  return bundleFailure('io-error', `A file could not be read: ${(error as Error).message}`, path);
}

function fromBundleError(code: string, message: string, detail: Record<string, unknown>): BundleVerificationFailure {
  const path = typeof detail.path === 'string' ? detail.path : undefined;
  switch (code) {
    case 'not-a-directory':
    case 'symlink-present':
    case 'unsupported-file':
    case 'limit-exceeded':
      return bundleFailure(code, message, path);
    default:
      return bundleFailure('io-error', message, path);
  }
}

function checkExpectation(signature: SignatureFile, expect: BundleExpectation | undefined): BundleVerificationFailure | null {
  if (!expect) return null;
  if (expect.pluginId !== undefined && expect.pluginId !== signature.pluginId) {
    return bundleFailure('plugin-id-mismatch', `The bundle is plugin ${signature.pluginId}, not ${expect.pluginId}.`);
  }
  for (const [floor, label] of [
    [expect.previousVersion, 'the installed version'],
    [expect.minVersion, 'the minimum version'],
  ] as const) {
    if (floor === undefined) continue;
    let older: boolean;
    try {
      older = compareSemver(signature.version, floor) < 0;
    } catch {
      return bundleFailure(
        'replayed-older-version',
        `The expected version ${floor} is not a semantic version, so the bundle cannot be ordered against it.`,
      );
    }
    if (older) return bundleFailure('replayed-older-version', `Version ${signature.version} is older than ${label} ${floor}.`);
  }
  return null;
}
