import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BUNDLE_LIMITS,
  isSafeBundlePath,
  isPluginBundleError,
  readRegularFile,
  sha256Digest,
  type BundleVerificationFailure,
} from '@gatehouse/plugin-sdk/node';

/** The signed file list of a verified bundle: POSIX relative path → `sha256:<hex>`. */
export type SignedFileList = Readonly<Record<string, string>>;

/**
 * True when `content` is exactly the signed content of `path`. The cheap check for a file that is
 * about to be served: no signature work, one hash.
 */
export function isSignedFileContent(files: SignedFileList, path: string, content: Uint8Array): boolean {
  return isSafeBundlePath(path) && Object.hasOwn(files, path) && files[path] === sha256Digest(content);
}

/**
 * Reads one file of a verified bundle for serving and re-checks its digest against the signed list.
 * Only listed paths are served; a symlink anywhere on the way, or changed content, is refused.
 * @example const file = await readVerifiedFile(copy.dir, copy.verification.files, 'ui/index.html');
 */
export async function readVerifiedFile(
  root: string,
  files: SignedFileList,
  path: string,
): Promise<{ ok: true; content: Buffer } | BundleVerificationFailure> {
  if (!isSafeBundlePath(path))
    return { ok: false, reason: 'path-escape', detail: 'The path is not a plain relative path inside the bundle.', path };
  if (!Object.hasOwn(files, path))
    return { ok: false, reason: 'file-not-listed', detail: 'The file is not part of the signed bundle.', path };
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i += 1) {
    const stat = await lstat(join(root, ...segments.slice(0, i))).catch(() => null);
    if (!stat) return { ok: false, reason: 'file-missing', detail: 'A signed file is missing.', path };
    if (!stat.isDirectory())
      return { ok: false, reason: 'symlink-present', detail: 'A folder on the way to the file is not a plain folder.', path };
  }
  let content: Buffer;
  try {
    content = await readRegularFile(join(root, ...segments), BUNDLE_LIMITS.fileBytes);
  } catch (error) {
    if (isPluginBundleError(error, 'symlink-present'))
      return { ok: false, reason: 'symlink-present', detail: 'The file is a symlink.', path };
    if (isPluginBundleError(error, 'unsupported-file'))
      return { ok: false, reason: 'unsupported-file', detail: 'The file is not a regular file.', path };
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { ok: false, reason: 'file-missing', detail: 'A signed file is missing.', path };
    return { ok: false, reason: 'io-error', detail: `The file could not be read: ${(error as Error).message}`, path };
  }
  if (files[path] !== sha256Digest(content))
    return { ok: false, reason: 'digest-mismatch', detail: 'The file changed after verification.', path };
  return { ok: true, content };
}
