import { mkdir } from 'node:fs/promises';
import { errnoOf } from './fs-errors';
import { changedDuringWrite, type HeldDir } from './held-dir';

/** Test hook: runs right before each syscall that changes the disk, with a word naming it. */
export type EffectHook = (step: string) => Promise<void> | void;

export interface WalkOptions {
  /** Create missing directories on the way with this mode (mkdir -p); without it a missing one is ENOENT. */
  createMode?: number;
  beforeEffect?: EffectHook;
  /** The path the caller asked for, for messages. */
  path: string;
}

/**
 * Walks from `start` through `names`, one held directory at a time, never following a symlink: a component
 * that is a symlink or not a directory is refused as a change made during the write. Returns the last
 * directory (the caller closes it) and whether any directory was created. `start` stays open.
 */
export async function walkDown(
  start: HeldDir,
  names: readonly string[],
  options: WalkOptions,
): Promise<{ dir: HeldDir; created: boolean }> {
  let current = start;
  let created = false;
  try {
    for (const name of names) {
      const next = await openOrCreate(current, name, options, () => (created = true));
      if (current !== start) await current.close();
      current = next;
    }
    return { dir: current, created };
  } catch (error) {
    if (current !== start) await current.close();
    throw error;
  }
}

async function openOrCreate(parent: HeldDir, name: string, options: WalkOptions, onCreate: () => void): Promise<HeldDir> {
  try {
    return await parent.openDir(name);
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 'ELOOP' || errno === 'ENOTDIR') throw changedDuringWrite(options.path);
    if (errno !== 'ENOENT' || options.createMode === undefined) throw error;
  }
  await options.beforeEffect?.(`mkdir ${name}`);
  await parent.assertInPlace();
  try {
    // mkdir never follows a final symlink: a link planted at `name` meanwhile gives EEXIST, then ENOTDIR below.
    await mkdir(parent.at(name), { mode: options.createMode });
    onCreate();
    await parent.sync();
  } catch (error) {
    if (errnoOf(error) !== 'EEXIST') throw error;
  }
  try {
    return await parent.openDir(name);
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 'ELOOP' || errno === 'ENOTDIR' || errno === 'ENOENT') throw changedDuringWrite(options.path);
    throw error;
  }
}

/** Throws unless walking `names` from `start` (following no symlink) still reaches `held`. */
export async function assertStillReachable(start: HeldDir, names: readonly string[], held: HeldDir, path: string): Promise<void> {
  if (names.length === 0) {
    if (start !== held && (start.dev !== held.dev || start.ino !== held.ino)) throw changedDuringWrite(path);
    return;
  }
  let parent: HeldDir;
  try {
    parent = (await walkDown(start, names.slice(0, -1), { path })).dir;
  } catch {
    throw changedDuringWrite(path);
  }
  try {
    if (!(await held.isEntryOf(parent, names[names.length - 1]!))) throw changedDuringWrite(path);
  } finally {
    if (parent !== start) await parent.close();
  }
}
