import { dirname, join, relative, sep } from 'node:path';
import type { FsChange, FsOperation } from '@gatehouse/plugin-sdk';
import { scopeViolation } from '../action-failure';
import type { FsScope } from '../../shared/fs-scope-schema';
import { contentBytes } from './content-bytes';
import { checkRequestedMode } from './file-modes';
import { osFailure, predictedOsFailure } from './fs-errors';
import { diskFsView, SimulatedFsView, type FsView } from './fs-view';
import { isWithin, resolveDirectory, resolveEntry, type ResolvedEntry } from './resolve-path';

/** One operation that passed every check, with the canonical paths it will act on. */
export interface PlannedOperation {
  index: number;
  operation: FsOperation;
  /** The entry acted on (for a rename, its source). */
  entry: ResolvedEntry;
  /** The destination of a rename. */
  destination?: ResolvedEntry;
  /** The bytes of a writeFile or appendFile. */
  data?: Buffer;
  /** What the operation is expected to do, judged against the disk as the earlier operations leave it. */
  effect: FsChange['effect'];
  /** Existing canonical directories that must still resolve to themselves when the operation runs. */
  anchors: string[];
}

export interface FsPlan {
  scopeId: string;
  /** The scope's roots, canonical when planned: execution walks from a handle on one of them. */
  roots: string[];
  /** Whether the scope lets entries be writable by every user. */
  allowWorldWritable: boolean;
  operations: PlannedOperation[];
}

/** The path an operation names first (a rename's source). */
export function requestedPath(operation: FsOperation): string {
  return operation.type === 'rename' ? operation.from : operation.path;
}

/**
 * Checks a whole batch against its scope before anything is written, following the batch's own effect on the
 * disk (a mkdir before a write into it; a symlink renamed before a write through its new name).
 * Throws SCOPE_VIOLATION, VALIDATION_FAILED, or OS_ERROR for a failure the OS would certainly give.
 */
export async function planFsBatch(scope: FsScope, operations: readonly FsOperation[], base: FsView = diskFsView): Promise<FsPlan> {
  const roots: string[] = [];
  for (const root of scope.roots) {
    try {
      roots.push((await resolveDirectory(base, root)).path);
    } catch (error) {
      throw osFailure(error, root);
    }
  }
  const view = new SimulatedFsView(base);
  const planned: PlannedOperation[] = [];
  for (const [index, operation] of operations.entries()) {
    try {
      planned.push(await planOne(scope, roots, view, operation, index));
    } catch (error) {
      throw osFailure(error, requestedPath(operation), { operationIndex: index });
    }
  }
  return { scopeId: scope.id, roots, allowWorldWritable: scope.allowWorldWritable === true, operations: planned };
}

async function planOne(
  scope: FsScope,
  roots: string[],
  view: SimulatedFsView,
  operation: FsOperation,
  index: number,
): Promise<PlannedOperation> {
  const at = (path: string) => ({ operationIndex: index, path });
  if (!scope.allowedOperations.includes(operation.type)) {
    throw scopeViolation('operation-not-allowed', `Scope "${scope.id}" does not allow ${operation.type}.`, at(requestedPath(operation)));
  }
  const inside = (entry: ResolvedEntry, path: string) => {
    if (!roots.some((root) => isWithin(entry.path, root))) {
      throw scopeViolation('path-outside-roots', `${path} is outside the roots of scope "${scope.id}".`, at(path));
    }
  };
  const notRoot = (entry: ResolvedEntry, path: string) => {
    if (roots.some((root) => isWithin(root, entry.path))) {
      throw scopeViolation(
        'root-itself',
        `${path} is a root of scope "${scope.id}" (or holds one) and may not be ${operation.type === 'rename' ? 'renamed or replaced' : 'removed or replaced'}.`,
        at(path),
      );
    }
  };
  const parentMustExist = (entry: ResolvedEntry, path: string) => {
    if (entry.parent.blockedBy !== null) throw predictedOsFailure('ENOTDIR', `A parent of ${path} is not a directory`, path, at(path));
    if (entry.parent.missingFrom !== null)
      throw predictedOsFailure('ENOENT', `The parent directory of ${path} does not exist`, path, at(path));
  };

  if ('mode' in operation)
    checkRequestedMode(operation.mode, { allowWorldWritable: scope.allowWorldWritable === true }, at(operation.path));

  switch (operation.type) {
    case 'mkdir': {
      const entry = await resolveEntry(view, operation.path);
      inside(entry, operation.path);
      if (entry.kind === 'symlink') {
        throw scopeViolation('symlink-final-component', `${operation.path} is a symbolic link.`, at(operation.path));
      }
      if (entry.kind === 'dir' && operation.recursive) {
        return { index, operation, entry, effect: 'unchanged', anchors: [] };
      }
      if (entry.kind !== 'absent')
        throw predictedOsFailure('EEXIST', `${operation.path} already exists`, operation.path, at(operation.path));
      const missingFrom = entry.parent.missingFrom;
      if (entry.parent.blockedBy !== null || missingFrom === null || !operation.recursive) {
        parentMustExist(entry, operation.path);
        view.recordCreate(entry.path, 'dir');
        return { index, operation, entry, effect: 'created', anchors: [entry.parent.path] };
      }
      if (!roots.some((root) => isWithin(missingFrom, root))) {
        throw scopeViolation(
          'path-outside-roots',
          `Creating ${operation.path} would create ${missingFrom}, outside the roots of scope "${scope.id}".`,
          at(operation.path),
        );
      }
      let created = missingFrom;
      view.recordCreate(created, 'dir');
      for (const part of relative(missingFrom, entry.path).split(sep).filter(Boolean)) {
        created = join(created, part);
        view.recordCreate(created, 'dir');
      }
      return { index, operation, entry, effect: 'created', anchors: [dirname(missingFrom)] };
    }
    case 'writeFile':
    case 'appendFile': {
      const data = contentBytes(operation.content, operation.encoding, index);
      if (data.length > scope.maxWriteBytes) {
        throw scopeViolation(
          'write-too-large',
          `Writing ${data.length} bytes exceeds the ${scope.maxWriteBytes}-byte limit of scope "${scope.id}".`,
          {
            ...at(operation.path),
            bytes: data.length,
            maxWriteBytes: scope.maxWriteBytes,
          },
        );
      }
      const entry = await resolveEntry(view, operation.path);
      inside(entry, operation.path);
      notRoot(entry, operation.path);
      if (entry.kind === 'symlink') {
        throw scopeViolation('symlink-final-component', `${operation.path} is a symbolic link; it is never followed.`, at(operation.path));
      }
      parentMustExist(entry, operation.path);
      if (entry.kind === 'dir') throw predictedOsFailure('EISDIR', `${operation.path} is a directory`, operation.path, at(operation.path));
      if (operation.type === 'appendFile' && entry.kind === 'other') {
        throw predictedOsFailure('EINVAL', `${operation.path} is not a regular file`, operation.path, at(operation.path));
      }
      if (entry.kind === 'absent') view.recordCreate(entry.path, 'file');
      const effect = entry.kind === 'absent' ? 'created' : operation.type === 'appendFile' ? 'appended' : 'replaced';
      return { index, operation, entry, data, effect, anchors: [entry.parent.path] };
    }
    case 'remove': {
      const entry = await resolveEntry(view, operation.path);
      inside(entry, operation.path);
      notRoot(entry, operation.path);
      if (entry.kind === 'absent') {
        if (operation.force) return { index, operation, entry, effect: 'unchanged', anchors: [] };
        throw predictedOsFailure('ENOENT', `${operation.path} does not exist`, operation.path, at(operation.path));
      }
      view.recordRemove(entry.path);
      return { index, operation, entry, effect: 'removed', anchors: [entry.parent.path] };
    }
    case 'rename': {
      const entry = await resolveEntry(view, operation.from);
      inside(entry, operation.from);
      notRoot(entry, operation.from);
      const destination = await resolveEntry(view, operation.to);
      inside(destination, operation.to);
      notRoot(destination, operation.to);
      if (entry.kind === 'absent')
        throw predictedOsFailure('ENOENT', `${operation.from} does not exist`, operation.from, at(operation.from));
      parentMustExist(destination, operation.to);
      if (entry.path === destination.path) return { index, operation, entry, destination, effect: 'unchanged', anchors: [] };
      if (isWithin(destination.path, entry.path)) {
        throw predictedOsFailure('EINVAL', `${operation.to} is inside ${operation.from}`, operation.to, at(operation.to));
      }
      if (destination.kind !== 'absent') {
        if (entry.kind === 'dir' && destination.kind !== 'dir') {
          throw predictedOsFailure('ENOTDIR', `${operation.to} is not a directory`, operation.to, at(operation.to));
        }
        if (entry.kind !== 'dir' && destination.kind === 'dir') {
          throw predictedOsFailure('EISDIR', `${operation.to} is a directory`, operation.to, at(operation.to));
        }
      }
      view.recordRename(entry.path, destination.path);
      return { index, operation, entry, destination, effect: 'renamed', anchors: [entry.parent.path, destination.parent.path] };
    }
  }
}

/** The change a planned operation reports, before or after it ran. */
export function plannedChange(planned: PlannedOperation, effect: FsChange['effect'] = planned.effect): FsChange {
  const { operation } = planned;
  const change: FsChange = { type: operation.type, path: requestedPath(operation), effect };
  if (operation.type === 'rename') change.to = operation.to;
  if (planned.data) change.bytes = planned.data.length;
  return change;
}
