import { realpath } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { writeFileIn, type AnchoredWriteResult } from './anchored-write';
import { osFailure } from './fs-errors';
import { HeldDir, withDir } from './held-dir';
import type { TempJournal } from './temp-journal';

export interface AtomicWriteOptions {
  /** Exact permission bits of the new file. Default: the replaced file's bits without setuid/setgid/sticky and world-write, else 0o666 less the umask. */
  mode?: number;
  /** Runs after the temp file is complete and before the final check and rename. */
  beforeCommit?: () => Promise<void> | void;
  /** Records the temp file before it exists, so that the host removes it at its next start after a crash. */
  journal?: TempJournal;
}

/**
 * Replaces the file at a path the host itself chose (its own data, the hosts file) so that a crash leaves the
 * old or the new content, never a mix. The folder is opened once (symlinks above it are the host's own
 * configuration) and everything after happens inside that held folder: temp file created there
 * (O_CREAT|O_EXCL|O_NOFOLLOW), written, fsync'd, renamed over the target, folder fsync'd.
 * A symlink at the target is refused, never followed. Plugin-named paths go through fs-execute instead.
 */
export async function writeFileAtomic(
  targetPath: string,
  data: Buffer | string,
  options: AtomicWriteOptions = {},
): Promise<AnchoredWriteResult> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let dir: HeldDir;
  try {
    dir = await HeldDir.openTrusted(await realpath(dirname(targetPath)));
  } catch (error) {
    throw osFailure(error, targetPath);
  }
  return withDir(dir, (held) =>
    writeFileIn(held, basename(targetPath), bytes, {
      path: targetPath,
      allowWorldWritable: false,
      ...(options.mode !== undefined ? { mode: options.mode } : {}),
      ...(options.beforeCommit ? { beforeCommit: options.beforeCommit } : {}),
      ...(options.journal ? { journal: options.journal } : {}),
    }),
  );
}
