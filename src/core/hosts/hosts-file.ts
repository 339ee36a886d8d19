import { constants } from 'node:fs';
import { access, readFile, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ActionFailure } from '../action-failure';
import { writeFileAtomic } from '../fs/atomic-write';
import { errnoOf, osFailure } from '../fs/fs-errors';
import type { HostsElevation } from './hosts-elevation';

/** A hosts file larger than this is refused rather than read into memory. */
export const MAX_HOSTS_FILE_BYTES = 64 * 1024 * 1024;

const PERMISSION_ERRNOS = new Set(['EACCES', 'EPERM']);

/** The file a hosts path names, following a symlink the host configured (the path is the host's, not a plugin's). */
export async function resolveHostsTarget(hostsPath: string): Promise<string> {
  try {
    return await realpath(hostsPath);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return hostsPath;
    throw osFailure(error, hostsPath);
  }
}

/** The current bytes of the hosts file; a missing file reads as empty. */
export async function readHostsFile(hostsPath: string): Promise<Buffer> {
  try {
    const size = (await stat(hostsPath)).size;
    if (size > MAX_HOSTS_FILE_BYTES) {
      throw new ActionFailure('OS_ERROR', `The hosts file is larger than ${MAX_HOSTS_FILE_BYTES} bytes.`, {
        errno: 'EFBIG',
        path: hostsPath,
      });
    }
    return await readFile(hostsPath);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return Buffer.alloc(0);
    throw osFailure(error, hostsPath);
  }
}

/** True when this user cannot replace the hosts file in place (the file or its folder is not writable). */
export async function hostsWriteNeedsElevation(hostsPath: string): Promise<boolean> {
  const target = await resolveHostsTarget(hostsPath);
  const writable = async (path: string) =>
    access(path, constants.W_OK).then(
      () => true,
      (error: unknown) => !PERMISSION_ERRNOS.has(errnoOf(error) ?? '') && errnoOf(error) !== 'EROFS',
    );
  return !(await writable(dirname(target))) || !(await writable(target));
}

export interface HostsContentWrite {
  elevation?: HostsElevation;
  /** Runs right before the new content replaces the old; throwing stops the write. */
  beforeCommit?: () => Promise<void> | void;
}

/**
 * Replaces the hosts file with `content`: atomically when this user may, else through the elevation helper,
 * which is given the content itself (never a file path). Returns whether elevation was used.
 */
export async function writeHostsContent(
  hostsPath: string,
  content: Buffer,
  options: HostsContentWrite = {},
): Promise<{ elevated: boolean }> {
  const target = await resolveHostsTarget(hostsPath);
  try {
    await writeFileAtomic(target, content, { beforeCommit: options.beforeCommit });
    return { elevated: false };
  } catch (error) {
    const errno = error instanceof ActionFailure ? error.details?.errno : errnoOf(error);
    if (typeof errno !== 'string' || !PERMISSION_ERRNOS.has(errno)) throw osFailure(error, hostsPath);
    if (!options.elevation) {
      throw new ActionFailure('OS_ERROR', 'The hosts file is not writable and this platform has no elevation helper.', {
        errno,
        path: hostsPath,
      });
    }
  }
  try {
    await options.beforeCommit?.();
    await options.elevation.writeHostsFile(hostsPath, content);
    return { elevated: true };
  } catch (error) {
    throw osFailure(error, hostsPath, { elevated: true });
  }
}
