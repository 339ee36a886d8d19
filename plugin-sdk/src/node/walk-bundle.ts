import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PluginBundleError } from './bundle-error.js';
import { BUNDLE_LIMITS } from './bundle-limits.js';
import { SIGNATURE_FILE_NAME } from './bundle-path.js';

/** One regular file found in a bundle folder. */
export interface BundleFileEntry {
  /** POSIX path relative to the bundle root, as it appears on disk. */
  path: string;
  size: number;
}

/**
 * Lists every regular file under `root` with lstat, never following a symlink, sorted by path.
 * The root `signature.json` is left out. Throws `not-a-directory`, `symlink-present`,
 * `unsupported-file` (fifo, socket, device) or `limit-exceeded`.
 */
export async function walkBundle(root: string): Promise<BundleFileEntry[]> {
  const rootStat = await lstat(root).catch(() => null);
  if (!rootStat || !rootStat.isDirectory()) {
    throw new PluginBundleError('not-a-directory', 'The bundle is not a directory (a symlink to one is refused too).', { path: root });
  }
  const files: BundleFileEntry[] = [];
  let totalBytes = 0;
  let directories = 0;
  const visit = async (relativeDir: string, depth: number): Promise<void> => {
    if (depth > BUNDLE_LIMITS.depth)
      throw new PluginBundleError('limit-exceeded', 'The bundle is nested too deeply.', { path: relativeDir });
    const names = (await readdir(join(root, relativeDir))).sort();
    for (const name of names) {
      const relative = relativeDir === '' ? name : `${relativeDir}/${name}`;
      if (relative === SIGNATURE_FILE_NAME) {
        const stat = await lstat(join(root, relative));
        if (stat.isSymbolicLink()) throw new PluginBundleError('symlink-present', 'signature.json is a symlink.', { path: relative });
        if (!stat.isFile()) throw new PluginBundleError('unsupported-file', 'signature.json is not a regular file.', { path: relative });
        continue;
      }
      const stat = await lstat(join(root, relative));
      if (stat.isSymbolicLink())
        throw new PluginBundleError('symlink-present', 'A symlink is not allowed in a bundle.', { path: relative });
      if (stat.isDirectory()) {
        directories += 1;
        if (directories > BUNDLE_LIMITS.directories)
          throw new PluginBundleError('limit-exceeded', `A bundle holds at most ${BUNDLE_LIMITS.directories} folders.`);
        await visit(relative, depth + 1);
      } else if (stat.isFile()) {
        totalBytes += stat.size;
        files.push({ path: relative, size: stat.size });
        if (files.length > BUNDLE_LIMITS.files)
          throw new PluginBundleError('limit-exceeded', `A bundle holds at most ${BUNDLE_LIMITS.files} files.`);
        if (stat.size > BUNDLE_LIMITS.fileBytes)
          throw new PluginBundleError('limit-exceeded', `A file is larger than ${BUNDLE_LIMITS.fileBytes} bytes.`, { path: relative });
        if (totalBytes > BUNDLE_LIMITS.totalBytes)
          throw new PluginBundleError('limit-exceeded', `A bundle holds at most ${BUNDLE_LIMITS.totalBytes} bytes.`);
      } else {
        throw new PluginBundleError('unsupported-file', 'Only regular files and folders are allowed in a bundle.', { path: relative });
      }
    }
  };
  await visit('', 1);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
