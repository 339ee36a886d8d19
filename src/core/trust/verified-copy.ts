import { chmod, lstat, mkdir, mkdtemp, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BUNDLE_LIMITS,
  SIGNATURE_FILE_NAME,
  isPluginBundleError,
  readRegularFile,
  verifyPluginBundle,
  type BundleExpectation,
  type BundleVerificationFailure,
  type BundleVerificationSuccess,
} from '@gatehouse/plugin-sdk/node';
import type { TrustStore } from './trust-store';
import { verifyInstalledBundle } from './verify-installed-bundle';

/** A verified, host-owned copy of a bundle: serve files from `dir` only. */
export interface VerifiedCopy {
  ok: true;
  /** `<cacheDir>/<digest hex>`: the same content always lands in the same folder. */
  dir: string;
  verification: BundleVerificationSuccess;
}

export interface VerifiedCopyOptions {
  trust: Pick<TrustStore, 'lookup'>;
  expect?: BundleExpectation;
}

/**
 * Verifies the bundle in `dir`, copies exactly its signed files into a folder under `cacheDir` named by
 * the bundle digest, and verifies the copy again. What the plugin frame is served from then cannot
 * change when the source folder does. Files of the copy are read-only.
 * @example const copy = await createVerifiedCopy(pluginDir, join(userData, 'verified'), { trust });
 */
export async function createVerifiedCopy(
  dir: string,
  cacheDir: string,
  options: VerifiedCopyOptions,
): Promise<VerifiedCopy | BundleVerificationFailure> {
  const source = await verifyInstalledBundle(dir, options.trust, options.expect);
  if (!source.ok) return source;
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  const target = join(cacheDir, source.digest.slice('sha256:'.length));
  const existing = await reuse(target, source, options);
  if (existing) return existing;
  const staging = await mkdtemp(join(cacheDir, '.staging-'));
  try {
    for (const path of [...Object.keys(source.files), SIGNATURE_FILE_NAME]) {
      const max = path === SIGNATURE_FILE_NAME ? BUNDLE_LIMITS.signatureFileBytes : BUNDLE_LIMITS.fileBytes;
      const content = await readRegularFile(join(dir, path), max);
      await writeCopyFile(staging, path, content);
    }
    const copy = await verifyInstalledBundle(staging, options.trust, options.expect);
    if (!copy.ok) return copy;
    if (copy.digest !== source.digest)
      return { ok: false, reason: 'digest-mismatch', detail: 'The bundle changed while it was being copied.' };
    try {
      await rename(staging, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      // Another copy of the same digest won the race, or a damaged one is in the way.
      const raced = await reuse(target, source, options);
      if (raced) return raced;
      await rm(target, { recursive: true, force: true });
      await rename(staging, target);
    }
    return { ok: true, dir: target, verification: copy };
  } catch (error) {
    return copyFailure(error);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function reuse(target: string, source: BundleVerificationSuccess, options: VerifiedCopyOptions): Promise<VerifiedCopy | null> {
  if (!(await lstat(target).catch(() => null))) return null;
  const check = await verifyPluginBundle(target, {
    trustedKeys: (keyId) => options.trust.lookup(keyId),
    ...(options.expect ? { expect: options.expect } : {}),
  });
  if (check.ok && check.digest === source.digest) return { ok: true, dir: target, verification: check };
  await rm(target, { recursive: true, force: true });
  return null;
}

async function writeCopyFile(root: string, path: string, content: Buffer): Promise<void> {
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i += 1) {
    await mkdir(join(root, ...segments.slice(0, i)), { recursive: true, mode: 0o755 });
  }
  const handle = await open(join(root, ...segments), 'wx', 0o444);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(join(root, ...segments), 0o444);
}

function copyFailure(error: unknown): BundleVerificationFailure {
  const path = isPluginBundleError(error) && typeof error.detail.path === 'string' ? error.detail.path : undefined;
  const where = path === undefined ? {} : { path };
  const code = isPluginBundleError(error) ? error.code : undefined;
  if (code === 'symlink-present' || code === 'unsupported-file' || code === 'limit-exceeded') {
    return { ok: false, reason: code, detail: `The bundle changed while it was being copied: ${(error as Error).message}`, ...where };
  }
  if ((error as NodeJS.ErrnoException).code === 'ENOENT')
    return { ok: false, reason: 'file-missing', detail: 'A signed file vanished while the bundle was being copied.' };
  return { ok: false, reason: 'io-error', detail: `The verified copy could not be written: ${(error as Error).message}`, ...where };
}
