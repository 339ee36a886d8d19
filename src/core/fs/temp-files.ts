import { randomBytes } from 'node:crypto';
import { lstat, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { HeldDir } from './held-dir';

const SUFFIX = '.gatehouse-tmp';
/** The names tempNameFor makes: leftovers are recognised by this pattern only. */
export const TEMP_NAME = /^\..*\.(\d+)\.[0-9a-f]{16}\.gatehouse-tmp$/s;
/** A temp file older than this is stale even if its writer's pid is alive again (pid reuse). */
const STALE_AFTER_MS = 60 * 60 * 1000;

const activeTempFiles = new Set<string>();

/** A fresh temp file name beside `targetName`, carrying the writer's pid so that leftovers can be told from live writes. */
export function tempNameFor(targetName: string): string {
  return `.${targetName.slice(0, 32)}.${process.pid}.${randomBytes(8).toString('hex')}${SUFFIX}`;
}

/** Marks a temp file as being written by this process, so that a cleanup running meanwhile leaves it alone. */
export function trackTempFile(path: string): () => void {
  activeTempFiles.add(path);
  return () => activeTempFiles.delete(path);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * Removes temp files that an interrupted atomic write left in `dir`: those of a writer that is gone, of this
 * process but no longer in use, or older than an hour. Returns the names removed; never throws.
 */
export async function cleanupStaleTempFiles(dir: string): Promise<string[]> {
  return cleanupIn(dir, (name) => join(dir, name));
}

/** The same cleanup inside a held directory: names are looked up in it, and only regular files are removed. */
export async function cleanupStaleTempFilesIn(dir: HeldDir): Promise<string[]> {
  return cleanupIn(dir.self(), (name) => dir.at(name), join(dir.path, ''));
}

async function cleanupIn(listPath: string, at: (name: string) => string, trackedDir = listPath): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(listPath);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    let stale = pid === process.pid ? !activeTempFiles.has(join(trackedDir, name)) : !isAlive(pid);
    try {
      const stats = await lstat(at(name));
      if (!stats.isFile()) continue;
      if (!stale) stale = Date.now() - stats.mtimeMs > STALE_AFTER_MS;
      if (stale) {
        await unlink(at(name));
        removed.push(name);
      }
    } catch {
      // Another cleanup or the writer itself got there first.
    }
  }
  return removed;
}
