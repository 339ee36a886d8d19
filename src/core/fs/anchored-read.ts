// Reads an existing file for a confirmation's preview. Display only, but it still walks like an effect does:
// from a handle on the scope root, one component at a time, following no symlink, so a link planted on the way
// cannot make the prompt show a file outside the scope.
import { constants } from 'node:fs';
import { ActionFailure } from '../action-failure';
import { walkDown } from './anchored-walk';
import { errnoOf } from './fs-errors';
import { HeldDir, withDir } from './held-dir';

export type PreviewRead =
  /** `bytes` holds at most `limit` bytes; `size` is the whole file's. */
  | { kind: 'file'; size: number; bytes: Buffer }
  | { kind: 'absent' }
  /** Not a regular file, or not reachable without following a link: nothing is shown from it. */
  | { kind: 'unreadable'; reason: string };

/**
 * Reads at most `limit` bytes of entry `names[-1]` below the held `root`. Never follows a symlink (the walk and
 * the final open use O_NOFOLLOW), never blocks on a FIFO (O_NONBLOCK), and reads only a regular file.
 */
export async function readForPreview(root: string, names: readonly string[], limit: number): Promise<PreviewRead> {
  const name = names[names.length - 1];
  if (name === undefined) return { kind: 'unreadable', reason: 'not a file' };
  try {
    return await withDir(HeldDir.openCanonical(root), async (start) => {
      const { dir } = await walkDown(start, names.slice(0, -1), { path: names.join('/') });
      try {
        const handle = await dir.openFile(name, constants.O_RDONLY | constants.O_NONBLOCK);
        try {
          const stats = await handle.stat();
          if (!stats.isFile()) return { kind: 'unreadable', reason: 'not a regular file' } as const;
          const bytes = Buffer.alloc(Math.min(limit, stats.size));
          let filled = 0;
          while (filled < bytes.length) {
            const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
            if (bytesRead === 0) break;
            filled += bytesRead;
          }
          return { kind: 'file', size: stats.size, bytes: bytes.subarray(0, filled) } as const;
        } finally {
          await handle.close();
        }
      } finally {
        if (dir !== start) await dir.close();
      }
    });
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 'ENOENT') return { kind: 'absent' };
    // The walk reports a link or a non-directory on the way as a changed path; the final open as ELOOP.
    if (error instanceof ActionFailure || errno === 'ELOOP' || errno === 'ENOTDIR')
      return { kind: 'unreadable', reason: 'a symbolic link is in the way' };
    if (errno === 'EACCES' || errno === 'EPERM') return { kind: 'unreadable', reason: 'permission denied' };
    return { kind: 'unreadable', reason: 'changed while it was read' };
  }
}
