// One writer per audit directory: a lock file naming the owning process, taken over when that process is gone.
import { join } from 'node:path';
import { holdsLockHere, readLockOwner, takeOwnerLock } from '../owner-lock';
import { AuditUnavailableError } from './audit-errors';
import { LOCK_FILE } from './audit-files';

/** Takes the directory's lock; resolves to its release. */
export async function lockAuditDir(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  if (holdsLockHere(path)) throw new AuditUnavailableError(`the audit log in ${dir} is already open in this process`);
  let lock;
  try {
    lock = await takeOwnerLock(path);
  } catch (error) {
    throw new AuditUnavailableError(`cannot lock the audit directory: ${(error as Error).message}`, { cause: error });
  }
  if (lock === null) {
    const owner = await readLockOwner(path).catch(() => null);
    throw new AuditUnavailableError(`the audit log in ${dir} is already open${owner ? ` in process ${owner.pid}` : ''}`);
  }
  return () => lock.release();
}
