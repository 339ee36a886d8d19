import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { PluginBundleError } from './bundle-error.js';
import { BUNDLE_LIMITS } from './bundle-limits.js';
import { parseManifestIdentity } from './bundle-manifest.js';
import { PLUGIN_ID_RULE } from '../plugin-id.js';
import { MANIFEST_FILE_NAME, SIGNATURE_FILE_NAME, isSafeBundlePath } from './bundle-path.js';
import { writeFileAtomic } from './atomic-write.js';
import { sha256Digest, type Sha256Digest } from './hash.js';
import { describePublicKey, privateKeyFrom, publicKeyToBase64 } from './keys.js';
import { readRegularFile } from './read-regular-file.js';
import { isSemver } from './semver.js';
import { SIGNATURE_FORMAT, bundleDigestOf, type SignatureFile, type SignedPayload } from './signature-file.js';
import { signCanonicalJson } from './signing.js';
import { walkBundle } from './walk-bundle.js';

/** What signing wrote: the signature.json content and the bundle digest. */
export interface SignedBundle {
  signature: SignatureFile;
  digest: Sha256Digest;
}

/**
 * Hashes every file of the bundle folder `dir`, signs the payload with the publisher's ed25519 key and
 * writes `signature.json` (replacing an old one). `publicKey` (base64 raw), when given, must be the
 * private key's public half. Throws PluginBundleError (`unsafe-path`, `symlink-present`,
 * `manifest-invalid`, `key-invalid`, `key-mismatch`, ...).
 * @example await signPluginBundle('./my-plugin', privateKeyPem)
 */
export async function signPluginBundle(dir: string, privateKey: KeyObject | string, publicKey?: string): Promise<SignedBundle> {
  const key = privateKeyFrom(privateKey);
  const ownPublicKey = publicKeyToBase64(key);
  if (publicKey !== undefined && publicKey !== ownPublicKey) {
    throw new PluginBundleError('key-mismatch', 'The public key is not the public half of the private key.');
  }
  const entries = await walkBundle(dir);
  const files: Record<string, Sha256Digest> = {};
  let manifestBytes: Buffer | null = null;
  for (const entry of entries) {
    if (!isSafeBundlePath(entry.path)) {
      throw new PluginBundleError('unsafe-path', 'A file name cannot be signed: it has a backslash, colon or control character.', {
        path: entry.path,
      });
    }
    const content = await readRegularFile(join(dir, entry.path), BUNDLE_LIMITS.fileBytes);
    if (entry.path === MANIFEST_FILE_NAME) manifestBytes = content;
    files[entry.path] = sha256Digest(content);
  }
  if (!manifestBytes) throw new PluginBundleError('manifest-invalid', 'The bundle has no manifest.json.');
  const identity = parseManifestIdentity(manifestBytes);
  if (!identity) throw new PluginBundleError('manifest-invalid', 'manifest.json must be a JSON object with string "id" and "version".');
  // A numeric id would parse as an IPv4 host in the plugin's URL (see plugin-id.ts); say so at signing time.
  if (!/^[a-z]/.test(identity.id))
    throw new PluginBundleError('manifest-invalid', `The manifest id "${identity.id.slice(0, 64)}" ${PLUGIN_ID_RULE}.`);
  if (!isSemver(identity.version))
    throw new PluginBundleError('manifest-invalid', 'The manifest version must be a semantic version such as 1.2.3.');
  const payload: SignedPayload = {
    format: SIGNATURE_FORMAT,
    pluginId: identity.id,
    version: identity.version,
    publisherKeyId: describePublicKey(ownPublicKey).keyId,
    manifestDigest: sha256Digest(manifestBytes),
    files,
  };
  const signature: SignatureFile = { ...payload, signature: signCanonicalJson(payload, key), publisherPublicKey: ownPublicKey };
  await writeFileAtomic(join(dir, SIGNATURE_FILE_NAME), `${JSON.stringify(signature, null, 2)}\n`);
  return { signature, digest: bundleDigestOf(payload) };
}
