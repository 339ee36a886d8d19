// Serializes writes to one hosts file across every Gatehouse process of the machine: an in-process queue,
// then a lock file naming its owner process, taken over at once when that process is gone (a crash).
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ActionFailure } from '../action-failure';
import { takeOwnerLock, type OwnerLock } from '../owner-lock';

/** A live holder refreshes its lock every second; one not refreshed for this long has a reused pid (or hangs). */
const STALE_MS = 10_000;
const REFRESH_MS = 1000;
/** How long a write waits for a live holder before giving up. */
const WAIT_MS = 30_000;

const inProcess = new Map<string, Promise<void>>();

/** Where the cross-process lock of a hosts file lives: beside it (hidden) when that folder is writable, else in `lockDir`. */
export async function hostsLockPath(hostsPath: string, lockDir: string): Promise<string> {
  const absolute = resolve(hostsPath);
  try {
    await access(dirname(absolute), constants.W_OK);
    return join(dirname(absolute), `.${basename(absolute)}.gatehouse.lock`);
  } catch {
    await mkdir(lockDir, { recursive: true, mode: 0o700 });
    return join(lockDir, `hosts-${createHash('sha256').update(absolute).digest('hex').slice(0, 16)}.lock`);
  }
}

export interface HostsLockHandle {
  /** Reads the lock file: false once another process could have taken the lock over. */
  isHeld(): boolean;
}

/** Takes the lock file, waiting for a live holder; a holder that is gone, or silent too long, is taken over at once. */
export async function takeHostsLock(lockPath: string): Promise<OwnerLock> {
  const deadline = Date.now() + WAIT_MS;
  for (let delay = 10; ; delay = Math.min(250, Math.ceil(delay * 1.3))) {
    const lock = await takeOwnerLock(lockPath, (owner) => Date.now() - owner.mtimeMs < STALE_MS);
    if (lock !== null) return lock;
    if (Date.now() + delay > deadline)
      throw new ActionFailure('TIMEOUT', 'Another writer holds the hosts file lock; try again.', { reason: 'hosts-locked' });
    await sleep(delay);
  }
}

/**
 * Runs `fn` holding both an in-process mutex and the cross-process lock file for `hostsPath`, so that writes to
 * one hosts file are serialized across every Gatehouse process of the machine.
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
    const lock = await takeHostsLock(lockPath);
    const refresher = setInterval(() => void lock.refresh(), REFRESH_MS);
    refresher.unref();
    try {
      return await fn({ isHeld: () => lock.isHeld() });
    } finally {
      clearInterval(refresher);
      await lock.release();
    }
  } finally {
    releaseLocal();
    if (inProcess.get(lockPath) === tail) inProcess.delete(lockPath);
  }
}
