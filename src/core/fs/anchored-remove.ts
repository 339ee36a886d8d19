import { readdir, rmdir, unlink } from 'node:fs/promises';
import type { EffectHook } from './anchored-walk';
import { errnoOf, predictedOsFailure } from './fs-errors';
import type { HeldDir } from './held-dir';

/** How often one entry is looked at again when it keeps changing under the remove (entries added, swapped). */
const ATTEMPTS = 8;

/**
 * Removes entry `name` of `dir` and, when it is a directory, everything below it: a walk of held directories
 * that unlinks each entry by its name in its own held parent. A symlink is removed, never followed; a
 * directory is entered only through O_NOFOLLOW|O_DIRECTORY; another filesystem mounted below is not entered.
 */
export async function removeTree(dir: HeldDir, name: string, beforeEffect?: EffectHook): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const stats = await dir.lstatAt(name);
    if (!stats) return;
    try {
      if (!stats.isDirectory()) {
        await beforeEffect?.(`unlink ${name}`);
        await dir.assertInPlace();
        await unlink(dir.at(name));
        return;
      }
      await emptyDirectory(dir, name, beforeEffect);
      await beforeEffect?.(`rmdir ${name}`);
      await dir.assertInPlace();
      await rmdir(dir.at(name));
      return;
    } catch (error) {
      // ENOTDIR/ELOOP: swapped for a file or link; ENOTEMPTY/EEXIST: filled again; EISDIR/EPERM: swapped for a directory. Look again.
      if (!['ENOTDIR', 'ELOOP', 'ENOTEMPTY', 'EEXIST', 'EISDIR', 'EPERM', 'ENOENT'].includes(errnoOf(error) ?? '')) throw error;
      if (attempt === ATTEMPTS - 1) throw error;
    }
  }
}

async function emptyDirectory(parent: HeldDir, name: string, beforeEffect?: EffectHook): Promise<void> {
  const child = await parent.openDir(name);
  try {
    if (child.dev !== parent.dev)
      throw predictedOsFailure('EXDEV', `${child.path} is another mounted filesystem; a remove does not enter it`, child.path);
    for (const entry of await readdir(child.self())) await removeTree(child, entry, beforeEffect);
  } finally {
    await child.close();
  }
}
