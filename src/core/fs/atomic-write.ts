import { constants } from 'node:fs';
import { lstat, open, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { scopeViolation } from '../action-failure';
import { errnoOf, osFailure } from './fs-errors';
import { cleanupStaleTempFiles, tempNameFor, trackTempFile } from './temp-files';

export interface AtomicWriteOptions {
  /** Exact permission bits of the new file. Default: the replaced file's bits, else 0o666 less the umask. */
  mode?: number;
  /** The canonical directory the target must still resolve to when the temp file is created and renamed. */
  expectedParent?: string;
  /** Runs after the temp file is complete and before the final check and rename. */
  beforeCommit?: () => Promise<void> | void;
}

export interface AtomicWriteResult {
  /** Whether a file was replaced (false: created). */
  replaced: boolean;
  bytes: number;
}

/** Throws SCOPE_VIOLATION `path-changed-during-write` unless `dir` still resolves to `expected`. */
export async function assertDirectoryUnchanged(dir: string, expected: string, path: string): Promise<void> {
  let actual: string;
  try {
    actual = await realpath(dir);
  } catch (error) {
    throw osFailure(error, path);
  }
  if (actual !== expected) {
    throw scopeViolation('path-changed-during-write', `A directory on the way to ${path} changed while it was being written.`, { path });
  }
}

/** fsync a directory so that a rename or unlink in it is durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await handle.sync();
  } catch (error) {
    // Some filesystems cannot fsync a directory; the rename itself has still happened.
    if (errnoOf(error) !== 'EINVAL' && errnoOf(error) !== 'ENOTSUP') throw error;
  } finally {
    await handle.close();
  }
}

// write-file-atomic and similar libraries realpath the target, which would follow a final symlink out of a root.
/**
 * Replaces `targetPath` with `data` so that a crash leaves the old or the new content, never a mix:
 * temp file in the same directory (O_CREAT|O_EXCL|O_NOFOLLOW), write, fsync, rename over the target, fsync the
 * directory. A symlink at `targetPath` is refused, never followed.
 */
export async function writeFileAtomic(targetPath: string, data: Buffer | string, options: AtomicWriteOptions = {}): Promise<AtomicWriteResult> {
  const dir = dirname(targetPath);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (options.expectedParent !== undefined) await assertDirectoryUnchanged(dir, options.expectedParent, targetPath);
  await cleanupStaleTempFiles(dir);

  const existingMode = await modeOfExisting(targetPath);
  if (existingMode === 'symlink') {
    throw scopeViolation('symlink-final-component', `${targetPath} is a symbolic link; it is never followed.`, { path: targetPath });
  }
  const mode = options.mode ?? existingMode ?? 0o666 & ~process.umask();
  const tempPath = join(dir, tempNameFor(basename(targetPath)));
  const untrack = trackTempFile(tempPath);
  let committed = false;
  let removeTemp = true;
  try {
    const handle = await open(tempPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      await handle.chmod(mode);
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeCommit?.();
    if (options.expectedParent !== undefined) {
      try {
        await assertDirectoryUnchanged(dir, options.expectedParent, targetPath);
      } catch (error) {
        // The temp path may now lead somewhere else; leave the file for a later cleanup rather than unlink through it.
        removeTemp = false;
        throw error;
      }
    }
    if ((await modeOfExisting(targetPath)) === 'symlink') {
      throw scopeViolation('path-changed-during-write', `${targetPath} became a symbolic link while it was being written.`, { path: targetPath });
    }
    await rename(tempPath, targetPath);
    committed = true;
    await syncDirectory(dir);
    return { replaced: existingMode !== undefined, bytes: bytes.length };
  } catch (error) {
    throw osFailure(error, targetPath);
  } finally {
    if (!committed && removeTemp) await unlink(tempPath).catch(() => undefined);
    untrack();
  }
}

/** The permission bits of an existing regular file, 'symlink' for a link, undefined when absent. */
async function modeOfExisting(path: string): Promise<number | 'symlink' | undefined> {
  try {
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) return 'symlink';
    if (stats.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
    return stats.mode & 0o7777;
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined;
    throw osFailure(error, path);
  }
}
