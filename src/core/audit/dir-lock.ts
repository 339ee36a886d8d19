// One writer per audit directory: a lock file naming the owning process, taken over when that process is gone.
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditUnavailableError } from './audit-errors';
import { LOCK_FILE } from './audit-files';

/** Directories this process holds, so a stale lock that names a reused pid equal to ours is recognized. */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory's lock; resolves to its release. */
export async function lockAuditDir(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  const mine = String(process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(mine);
        await handle.sync();
      } finally {
        await handle.close();
      }
      held.add(dir);
      return async () => {
        held.delete(dir);
        const owner = await readFile(path, 'utf8').catch(() => null);
        if (owner === mine) await unlink(path).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new AuditUnavailableError(`cannot lock the audit directory: ${(error as Error).message}`, { cause: error });
      }
    }
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (owner === process.pid && held.has(dir)) throw new AuditUnavailableError(`the audit log in ${dir} is already open in this process`);
    if (Number.isSafeInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
      throw new AuditUnavailableError(`the audit log in ${dir} is already open in process ${owner}`);
    }
    // The owner is gone (a crash), or it was an earlier process that had our pid: the lock is stale.
    await unlink(path).catch(() => undefined);
  }
  throw new AuditUnavailableError(`cannot lock the audit directory ${dir}`);
}
