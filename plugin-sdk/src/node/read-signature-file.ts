import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { isPluginBundleError } from './bundle-error.js';
import { BUNDLE_LIMITS } from './bundle-limits.js';
import { MANIFEST_FILE_NAME, SIGNATURE_FILE_NAME, isSafeBundlePath } from './bundle-path.js';
import { keyIdForPublicKey } from './keys.js';
import { readRegularFile } from './read-regular-file.js';
import { signatureFileSchema, type SignatureFile } from './signature-file.js';
import { bundleFailure, type BundleVerificationFailure } from './verification-result.js';

/**
 * Reads and checks the shape of `<dir>/signature.json` without checking the signature or any file:
 * enough to show which publisher key signed a bundle before the user decides to trust it.
 */
export async function readBundleSignature(dir: string): Promise<{ ok: true; signature: SignatureFile } | BundleVerificationFailure> {
  const dirStat = await lstat(dir).catch(() => null);
  if (!dirStat || !dirStat.isDirectory())
    return bundleFailure('not-a-directory', 'The bundle is not a directory (a symlink to one is refused too).');
  const path = join(dir, SIGNATURE_FILE_NAME);
  const stat = await lstat(path).catch(() => null);
  if (!stat) return bundleFailure('signature-missing', 'The bundle has no signature.json.', SIGNATURE_FILE_NAME);
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, BUNDLE_LIMITS.signatureFileBytes);
  } catch (error) {
    if (isPluginBundleError(error, 'symlink-present'))
      return bundleFailure('symlink-present', 'signature.json is a symlink.', SIGNATURE_FILE_NAME);
    if (isPluginBundleError(error, 'unsupported-file'))
      return bundleFailure('unsupported-file', 'signature.json is not a regular file.', SIGNATURE_FILE_NAME);
    if (isPluginBundleError(error, 'limit-exceeded'))
      return bundleFailure('signature-malformed', 'signature.json is too large.', SIGNATURE_FILE_NAME);
    return bundleFailure('io-error', `signature.json could not be read: ${(error as Error).message}`, SIGNATURE_FILE_NAME);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    return bundleFailure('signature-malformed', 'signature.json is not valid JSON.', SIGNATURE_FILE_NAME);
  }
  const parsed = signatureFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'signature.json';
    return bundleFailure(
      'signature-malformed',
      `signature.json is malformed at ${where}: ${issue?.message ?? 'invalid'}.`,
      SIGNATURE_FILE_NAME,
    );
  }
  const rawFiles = (raw as { files: Record<string, unknown> }).files;
  const paths = Object.keys(rawFiles);
  if (paths.length !== Object.keys(parsed.data.files).length) {
    return bundleFailure('signature-malformed', 'signature.json lists a file name that cannot be read back.', SIGNATURE_FILE_NAME);
  }
  if (paths.length > BUNDLE_LIMITS.files)
    return bundleFailure('limit-exceeded', `signature.json lists more than ${BUNDLE_LIMITS.files} files.`);
  for (const listed of paths) {
    if (!isSafeBundlePath(listed))
      return bundleFailure('path-escape', 'signature.json lists a path that leaves the bundle or is not a plain relative path.', listed);
    if (listed === SIGNATURE_FILE_NAME) return bundleFailure('signature-malformed', 'signature.json lists itself.', SIGNATURE_FILE_NAME);
  }
  if (!Object.hasOwn(parsed.data.files, MANIFEST_FILE_NAME))
    return bundleFailure('signature-malformed', 'signature.json does not list manifest.json.', SIGNATURE_FILE_NAME);
  if (parsed.data.files[MANIFEST_FILE_NAME] !== parsed.data.manifestDigest) {
    return bundleFailure(
      'manifest-mismatch',
      'The manifest digest in signature.json differs from the listed manifest.json digest.',
      MANIFEST_FILE_NAME,
    );
  }
  const embedded = parsed.data.publisherPublicKey;
  if (embedded !== undefined && keyIdForPublicKey(embedded) !== parsed.data.publisherKeyId) {
    return bundleFailure(
      'signature-malformed',
      'The public key in signature.json does not match its publisher key id.',
      SIGNATURE_FILE_NAME,
    );
  }
  return { ok: true, signature: parsed.data };
}
