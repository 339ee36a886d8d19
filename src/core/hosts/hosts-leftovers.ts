// What a hosts write killed by a crash leaves behind: the lock file of a process that is gone, and the temp
// file of an unfinished atomic replace. Removed when the core opens, so a crash costs no wait and leaves
// nothing in the hosts folder.
import { lstat, readdir, rmdir, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isProcessAlive, ownerIsGone, readLockOwner, removeLeftoverSideFiles, removeStaleLock } from '../owner-lock';
import { resolveHostsTarget } from './hosts-file';
import { hostsLockPath } from './hosts-lock';

/** How old a lock folder of the earlier lock library (refreshed every second by a live holder) must be to be gone. */
const LEGACY_LOCK_STALE_MS = 10_000;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Matches the temp files an atomic replace of `targetName` creates beside it (the naming of fs/temp-files'
 * tempNameFor: `.<name>.<pid>.<16 hex>.gatehouse-tmp`), capturing the writer's pid. Only these are ours.
 */
export function hostsTempFilePattern(targetName: string): RegExp {
  return new RegExp(`^\\.${escapeRegExp(targetName.slice(0, 32))}\\.(\\d+)\\.[0-9a-f]{16}\\.gatehouse-tmp$`, 's');
}

/** Removes this user's temp files of `target` whose writer is gone: regular files only, never a link or folder. */
async function removeDeadTempFiles(target: string): Promise<string[]> {
  const dir = dirname(target);
  const pattern = hostsTempFilePattern(basename(target));
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = pattern.exec(name);
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isProcessAlive(pid)) continue;
    const path = join(dir, name);
    const st = await lstat(path).catch(() => null);
    if (st === null || !st.isFile() || (process.getuid !== undefined && st.uid !== process.getuid())) continue;
    await unlink(path).then(
      () => removed.push(path),
      () => undefined,
    );
  }
  return removed;
}

/** A lock folder of the lock library used before: removed (never recursively) once its holder stopped refreshing it. */
async function removeLegacyLockFolder(hostsPath: string): Promise<string[]> {
  const path = `${resolve(hostsPath)}.gatehouse.lock`;
  const st = await lstat(path).catch(() => null);
  if (st === null || !st.isDirectory() || Date.now() - st.mtimeMs < LEGACY_LOCK_STALE_MS) return [];
  return rmdir(path).then(
    () => [path],
    () => [],
  );
}

/**
 * Takes over the hosts lock when its owner process is gone and removes this user's hosts temp files whose
 * writer is gone. Never throws: whatever cannot be removed now is handled by the next write.
 */
export async function removeHostsLeftovers(hostsPath: string, lockDir: string): Promise<string[]> {
  const removed: string[] = [];
  try {
    const lockPath = await hostsLockPath(hostsPath, lockDir);
    const owner = await readLockOwner(lockPath);
    if (owner !== null && ownerIsGone(lockPath, owner)) {
      await removeStaleLock(lockPath, owner.content);
      removed.push(lockPath);
    }
    removed.push(...(await removeLeftoverSideFiles(lockPath)).map((name) => join(dirname(lockPath), name)));
    removed.push(...(await removeLegacyLockFolder(hostsPath)));
    removed.push(...(await removeDeadTempFiles(await resolveHostsTarget(hostsPath))));
  } catch {
    // Start-up goes on; a lock that is still there is taken over by the next write, a temp file cleaned by it.
  }
  return removed;
}
