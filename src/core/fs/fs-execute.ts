import { constants, type Stats } from 'node:fs';
import { mkdir, open, rename, rm, rmdir, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FsChange, FsMutateResult, FsOperationType } from '@gatehouse/plugin-sdk';
import { ActionFailure, scopeViolation } from '../action-failure';
import { assertDirectoryUnchanged, syncDirectory, writeFileAtomic } from './atomic-write';
import { errnoOf, osFailure, predictedOsFailure } from './fs-errors';
import { diskFsView } from './fs-view';
import { plannedChange, requestedPath, type FsPlan, type PlannedOperation } from './fs-plan';

export interface FsCommitEvent {
  operationIndex: number;
  type: FsOperationType;
  path: string;
}

/** Runs right before an operation's last check and its change on disk; tests use it to race the executor. */
export type FsCommitHook = (event: FsCommitEvent) => Promise<void> | void;

/**
 * Carries out a checked plan in order. Each operation re-checks that the directories it was checked against
 * still resolve to themselves right before it changes anything. Stops between operations when `signal` aborts.
 * On failure the error carries the changes made so far.
 */
export async function executeFsPlan(plan: FsPlan, options: { beforeCommit?: FsCommitHook; signal?: AbortSignal } = {}): Promise<FsChange[]> {
  const changes: FsChange[] = [];
  for (const planned of plan.operations) {
    const path = requestedPath(planned.operation);
    if (options.signal?.aborted) {
      const partial: FsMutateResult = { scope: plan.scopeId, dryRun: false, changes };
      throw new ActionFailure('CANCELLED', 'The batch was stopped before this operation.', { operationIndex: planned.index, path }, partial);
    }
    try {
      changes.push(await executeOne(planned, () => options.beforeCommit?.({ operationIndex: planned.index, type: planned.operation.type, path })));
    } catch (error) {
      const failure = osFailure(error, path, { operationIndex: planned.index });
      const details = { ...failure.details, operationIndex: planned.index, path };
      const partial: FsMutateResult = { scope: plan.scopeId, dryRun: false, changes };
      throw new ActionFailure(failure.code, failure.message, details, partial);
    }
  }
  return changes;
}

async function executeOne(planned: PlannedOperation, beforeCommit: () => Promise<void> | void): Promise<FsChange> {
  const { operation, entry } = planned;
  const path = requestedPath(operation);
  const checkAnchors = async () => {
    for (const anchor of planned.anchors) await assertDirectoryUnchanged(anchor, anchor, path);
  };
  if (planned.effect === 'unchanged') return plannedChange(planned);

  switch (operation.type) {
    case 'mkdir': {
      await beforeCommit();
      await checkAnchors();
      const first = await mkdir(entry.path, { recursive: operation.recursive === true, mode: operation.mode ?? 0o777 });
      await syncDirectory(planned.anchors[0] ?? dirname(entry.path));
      return plannedChange(planned, operation.recursive && first === undefined ? 'unchanged' : 'created');
    }
    case 'writeFile': {
      const written = await writeFileAtomic(entry.path, planned.data!, {
        mode: operation.mode,
        expectedParent: entry.parent.path,
        beforeCommit,
      });
      return plannedChange(planned, written.replaced ? 'replaced' : 'created');
    }
    case 'appendFile': {
      await beforeCommit();
      await checkAnchors();
      const created = await appendToFile(entry.path, planned.data!, path);
      if (created) await syncDirectory(entry.parent.path);
      return plannedChange(planned, created ? 'created' : 'appended');
    }
    case 'rename': {
      await beforeCommit();
      await checkAnchors();
      await rename(entry.path, planned.destination!.path);
      await syncDirectory(entry.parent.path);
      if (planned.destination!.parent.path !== entry.parent.path) await syncDirectory(planned.destination!.parent.path);
      return plannedChange(planned);
    }
    case 'remove': {
      await beforeCommit();
      await checkAnchors();
      const kind = await diskFsView.kindOf(entry.path);
      if (kind === 'absent') {
        if (operation.force) return plannedChange(planned, 'unchanged');
        throw predictedOsFailure('ENOENT', `${path} does not exist`, path);
      }
      if (kind !== 'dir') await unlink(entry.path);
      else if (operation.recursive) await rm(entry.path, { recursive: true, force: operation.force === true });
      else await rmdir(entry.path);
      await syncDirectory(entry.parent.path);
      return plannedChange(planned);
    }
  }
}

/** Appends without following a final symlink; returns whether the file was created. */
async function appendToFile(canonicalPath: string, data: Buffer, path: string): Promise<boolean> {
  const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW | constants.O_NONBLOCK;
  let handle: FileHandle;
  let created = false;
  try {
    try {
      handle = await open(canonicalPath, flags);
    } catch (error) {
      if (errnoOf(error) !== 'ENOENT') throw error;
      handle = await open(canonicalPath, flags | constants.O_CREAT | constants.O_EXCL, 0o666);
      created = true;
    }
  } catch (error) {
    if (errnoOf(error) === 'ELOOP') throw scopeViolation('symlink-final-component', `${path} is a symbolic link; it is never followed.`, { path });
    throw error;
  }
  try {
    const stats: Stats = await handle.stat();
    if (!stats.isFile()) throw predictedOsFailure('EINVAL', `${path} is not a regular file`, path);
    // A second hard link may live outside every root; appending in place would change that file too.
    if (stats.nlink > 1) throw scopeViolation('hardlinked-file', `${path} has other hard links; appending to it could change a file outside the scope.`, { path });
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return created;
}
