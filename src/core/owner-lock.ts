// A lock file that names the process holding it, so a lock left by a crash is taken over at once rather than
// waited out. Shared by the audit directory lock and the hosts file lock.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, open, readdir, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Whether a process with this pid exists (EPERM: it does, but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock paths this process holds, so a stale lock naming a reused pid equal to ours is recognized. */
const heldHere = new Set<string>();

export interface OwnerLock {
  readonly path: string;
  /** Reads the lock file now: true only while it still carries this holder's token. */
  isHeld(): boolean;
  /** Touches the lock file, so that a waiter can tell a live holder from one whose pid was reused. */
  refresh(): Promise<void>;
  /** Removes the lock file when it is still this holder's. */
  release(): Promise<void>;
}

export type LockOwner = { pid: number; content: string; mtimeMs: number } | null;

/** The current owner of a lock file, or null when there is none. Content unreadable as a pid reads as pid 0. */
export async function readLockOwner(path: string): Promise<LockOwner> {
  try {
    const [content, st] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    const pid = Number(content.split('\n')[0]?.trim());
    return { pid: Number.isSafeInteger(pid) && pid > 0 ? pid : 0, content, mtimeMs: st.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** True when the owner is gone: its process has exited, or it is this process's pid but not held here. */
export function ownerIsGone(path: string, owner: NonNullable<LockOwner>): boolean {
  // Lock files appear whole (they are linked into place), so one without a pid is not ours to honour.
  if (owner.pid === 0) return true;
  if (owner.pid === process.pid) return !heldHere.has(path);
  return !isProcessAlive(owner.pid);
}

/** Side files of a lock: a new lock being written (`.new`) or a stale one being removed (`.stale`), named with their writer's pid. */
const SIDE_FILE = /^(\d+)\.[0-9a-f]{16}\.(?:new|stale)$/;
/** Side files this process is using right now. */
const ownSideFiles = new Set<string>();

function sideName(path: string, kind: 'new' | 'stale'): string {
  return `${path}.${process.pid}.${randomBytes(8).toString('hex')}.${kind}`;
}

/**
 * Removes a lock file whose owner was judged gone. The file is first moved to a name of our own, so two
 * processes taking over at once cannot remove each other's new lock: if what was moved is not the stale
 * lock that was judged, it is put back (and its holder's `isHeld()` check before any effect covers the rest).
 */
export async function removeStaleLock(path: string, staleContent: string): Promise<void> {
  const grabbed = sideName(path, 'stale');
  ownSideFiles.add(grabbed);
  try {
    try {
      await rename(path, grabbed);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const content = await readFile(grabbed, 'utf8').catch(() => null);
    if (content !== staleContent) await link(grabbed, path).catch(() => undefined);
    await unlink(grabbed).catch(() => undefined);
  } finally {
    ownSideFiles.delete(grabbed);
  }
}

/** Removes side files that a process killed while taking or taking over this lock left beside it. */
export async function removeLeftoverSideFiles(path: string): Promise<string[]> {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = name.startsWith(prefix) ? SIDE_FILE.exec(name.slice(prefix.length)) : null;
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && isProcessAlive(pid)) continue;
    if (pid === process.pid && ownSideFiles.has(join(dir, name))) continue;
    await unlink(join(dir, name)).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}

/** Writes the whole lock file under a side name, then links it into place, so no reader ever sees it half written. */
async function createLockFile(path: string, content: string): Promise<boolean> {
  const staged = sideName(path, 'new');
  ownSideFiles.add(staged);
  try {
    const handle = await open(staged, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(staged, path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  } finally {
    await unlink(staged).catch(() => undefined);
    ownSideFiles.delete(staged);
  }
}

/** Creates the lock file if there is none; resolves to null when another holder has it. */
export async function tryTakeOwnerLock(path: string): Promise<OwnerLock | null> {
  const content = `${process.pid}\n${randomBytes(16).toString('hex')}\n`;
  if (!(await createLockFile(path, content))) return null;
  heldHere.add(path);
  await removeLeftoverSideFiles(path);
  const isHeld = (): boolean => {
    try {
      return readFileSync(path, 'utf8') === content;
    } catch {
      return false;
    }
  };
  return {
    path,
    isHeld,
    async refresh() {
      if (!isHeld()) return;
      const now = new Date();
      await utimes(path, now, now).catch(() => undefined);
    },
    async release() {
      heldHere.delete(path);
      if (isHeld()) await unlink(path).catch(() => undefined);
    },
  };
}

/**
 * Takes the lock, taking it over at once when its owner is gone. `stillValid` decides about a lock whose owner
 * process is alive: return false to take it over anyway (for example, not refreshed for too long). Resolves to
 * null when a live holder has it.
 */
export async function takeOwnerLock(
  path: string,
  stillValid: (owner: NonNullable<LockOwner>) => boolean = () => true,
): Promise<OwnerLock | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const lock = await tryTakeOwnerLock(path);
    if (lock !== null) return lock;
    const owner = await readLockOwner(path);
    if (owner === null) continue;
    if (!ownerIsGone(path, owner) && stillValid(owner)) return null;
    await removeStaleLock(path, owner.content);
  }
  return null;
}

/** Whether this process holds the lock at `path` (through a lock it took). */
export function holdsLockHere(path: string): boolean {
  return heldHere.has(path);
}
