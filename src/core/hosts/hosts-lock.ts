import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { ActionFailure } from '../action-failure';

/** A lock is stale when its holder stopped refreshing it this long ago (the holder refreshes it every second). */
const STALE_MS = 4000;
const RETRIES = { retries: 120, minTimeout: 10, maxTimeout: 250, factor: 1.3 };

const inProcess = new Map<string, Promise<void>>();

/** Where the cross-process lock of a hosts file lives: beside it when that folder is writable, else in `lockDir`. */
export async function hostsLockPath(hostsPath: string, lockDir: string): Promise<string> {
  const absolute = resolve(hostsPath);
  try {
    await access(dirname(absolute), constants.W_OK);
    return `${absolute}.gatehouse.lock`;
  } catch {
    await mkdir(lockDir, { recursive: true, mode: 0o700 });
    return join(lockDir, `hosts-${createHash('sha256').update(absolute).digest('hex').slice(0, 16)}.lock`);
  }
}

export interface HostsLockHandle {
  /** False once another process could have taken the lock over (our refreshes stopped landing). */
  isHeld(): boolean;
}

/**
 * Runs `fn` holding both an in-process mutex and a cross-process lock (proper-lockfile) for `hostsPath`, so that
 * writes to one hosts file are serialized across every Gatehouse process of the machine.
 */
export async function withHostsFileLock<T>(hostsPath: string, lockDir: string, fn: (lock: HostsLockHandle) => Promise<T>): Promise<T> {
  const lockPath = await hostsLockPath(hostsPath, lockDir);
  const previous = inProcess.get(lockPath) ?? Promise.resolve();
  let releaseLocal!: () => void;
  const mine = new Promise<void>((done) => (releaseLocal = done));
  const tail = previous.then(() => mine);
  inProcess.set(lockPath, tail);
  await previous;
  try {
    let held = true;
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(resolve(hostsPath), {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_MS,
        update: 1000,
        retries: RETRIES,
        onCompromised: () => {
          held = false;
        },
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'ELOCKED') {
        throw new ActionFailure('TIMEOUT', 'Another writer holds the hosts file lock; try again.', { reason: 'hosts-locked' });
      }
      throw error;
    }
    try {
      return await fn({ isHeld: () => held });
    } finally {
      if (held) await release().catch(() => undefined);
    }
  } finally {
    releaseLocal();
    if (inProcess.get(lockPath) === tail) inProcess.delete(lockPath);
  }
}
