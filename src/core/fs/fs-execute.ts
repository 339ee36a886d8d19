import { mkdir, rename, rmdir, unlink } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
import type { FsChange, FsMutateResult, FsOperationType } from '@gatehouse/plugin-sdk';
import { ActionFailure, scopeViolation } from '../action-failure';
import { removeTree } from './anchored-remove';
import { assertStillReachable, walkDown, type EffectHook } from './anchored-walk';
import { appendFileIn, writeFileIn } from './anchored-write';
import { resultDirMode, type ModeRules } from './file-modes';
import { errnoOf, osFailure, predictedOsFailure } from './fs-errors';
import { plannedChange, requestedPath, type FsPlan, type PlannedOperation } from './fs-plan';
import { changedDuringWrite, HeldDir, withDir } from './held-dir';
import { isWithin } from './resolve-path';
import type { TempJournal } from './temp-journal';

export interface FsCommitEvent {
  operationIndex: number;
  type: FsOperationType;
  path: string;
}

/** Runs right before an operation's last check and its change on disk; tests use it to race the executor. */
export type FsCommitHook = (event: FsCommitEvent) => Promise<void> | void;

/** Runs right before each syscall that changes the disk (after every check); tests use it to swap directories at the worst moment. */
export type FsEffectHook = (event: FsCommitEvent & { step: string }) => Promise<void> | void;

export interface FsExecuteOptions {
  beforeCommit?: FsCommitHook;
  beforeEffect?: FsEffectHook;
  signal?: AbortSignal;
  /** Records each temp file before it is created (the host's journal; see temp-journal.ts). */
  journal?: TempJournal;
}

/**
 * Carries out a checked plan in order. The plan's canonical paths are only the names to walk: every operation
 * starts from a handle on its scope root and walks down one component at a time without following a symlink
 * (held-dir.ts), and acts on a name inside the last held directory. Stops between operations when `signal`
 * aborts. On failure the error carries the changes made so far.
 */
export async function executeFsPlan(plan: FsPlan, options: FsExecuteOptions = {}): Promise<FsChange[]> {
  const changes: FsChange[] = [];
  for (const planned of plan.operations) {
    const path = requestedPath(planned.operation);
    if (options.signal?.aborted) {
      const partial: FsMutateResult = { scope: plan.scopeId, dryRun: false, changes };
      throw new ActionFailure(
        'CANCELLED',
        'The batch was stopped before this operation.',
        { operationIndex: planned.index, path },
        partial,
      );
    }
    const event = { operationIndex: planned.index, type: planned.operation.type, path };
    try {
      changes.push(
        await executeOne(plan, planned, {
          beforeCommit: () => options.beforeCommit?.(event),
          ...(options.beforeEffect ? { beforeEffect: (step: string) => options.beforeEffect?.({ ...event, step }) } : {}),
          ...(options.journal ? { journal: options.journal } : {}),
        }),
      );
    } catch (error) {
      const failure = osFailure(error, path, { operationIndex: planned.index });
      const details = { ...failure.details, operationIndex: planned.index, path };
      const partial: FsMutateResult = { scope: plan.scopeId, dryRun: false, changes };
      throw new ActionFailure(failure.code, failure.message, details, partial);
    }
  }
  return changes;
}

interface StepOptions {
  beforeCommit: () => Promise<void> | void;
  beforeEffect?: EffectHook;
  journal?: TempJournal;
}

/** Where a canonical path lies: the (innermost) root holding it and the names below that root (also used by previews). */
export function locate(plan: FsPlan, canonicalPath: string, path: string): { root: string; names: string[] } {
  const root = plan.roots.filter((candidate) => isWithin(canonicalPath, candidate)).sort((a, b) => b.length - a.length)[0];
  if (root === undefined) throw scopeViolation('path-outside-roots', `${path} is outside the roots of scope "${plan.scopeId}".`, { path });
  return { root, names: relative(root, canonicalPath).split(sep).filter(Boolean) };
}

/**
 * Opens the root without following a symlink anywhere on its path. When the root is missing and `mayCreateRoot`
 * (a recursive mkdir the plan allowed), starts at the root's parent instead, with the root's name first to create.
 */
async function openStart(
  root: string,
  names: string[],
  path: string,
  mayCreateRoot: boolean,
): Promise<{ start: HeldDir; names: string[] }> {
  try {
    return { start: await HeldDir.openCanonical(root), names };
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 'ENOENT' && mayCreateRoot)
      return { start: await openStart(dirname(root), [], path, false).then((r) => r.start), names: [basename(root), ...names] };
    if (errno === 'ELOOP' || errno === 'ENOTDIR') throw changedDuringWrite(path);
    throw error;
  }
}

async function executeOne(plan: FsPlan, planned: PlannedOperation, step: StepOptions): Promise<FsChange> {
  const { operation, entry } = planned;
  const path = requestedPath(operation);
  if (planned.effect === 'unchanged') return plannedChange(planned);
  const rules: ModeRules = { allowWorldWritable: plan.allowWorldWritable };
  const target = locate(plan, entry.path, path);
  const effect = step.beforeEffect;

  switch (operation.type) {
    case 'mkdir': {
      await step.beforeCommit();
      const mode = resultDirMode(operation.mode, rules);
      const { start, names } = await openStart(target.root, target.names, path, operation.recursive === true);
      return withDir(start, async () => {
        if (operation.recursive) {
          const { dir, created } = await walkDown(start, names, { path, createMode: mode, ...(effect ? { beforeEffect: effect } : {}) });
          if (dir !== start) await dir.close();
          return plannedChange(planned, created ? 'created' : 'unchanged');
        }
        await inParent(start, names, path, async (parent, name) => {
          await effect?.(`mkdir ${name}`);
          await parent.assertInPlace();
          await mkdir(parent.at(name), { mode });
          await parent.sync();
        });
        return plannedChange(planned, 'created');
      });
    }
    case 'writeFile':
    case 'appendFile': {
      const write = operation.type === 'writeFile' ? writeFileIn : appendFileIn;
      return withDir(
        openStart(target.root, target.names, path, false).then((r) => r.start),
        (start) =>
          inParent(start, target.names, path, async (parent, name) => {
            const written = await write(parent, name, planned.data!, {
              path,
              ...rules,
              ...(operation.type === 'writeFile' && operation.mode !== undefined ? { mode: operation.mode } : {}),
              ...(step.journal ? { journal: step.journal } : {}),
              ...(effect ? { beforeEffect: effect } : {}),
              beforeCommit: step.beforeCommit,
              verify: () => assertStillReachable(start, target.names.slice(0, -1), parent, path),
            });
            const kind = operation.type === 'appendFile' ? 'appended' : 'replaced';
            return plannedChange(planned, written.replaced ? kind : 'created');
          }),
      );
    }
    case 'rename': {
      await step.beforeCommit();
      const to = locate(plan, planned.destination!.path, operation.to);
      return withDir(
        openStart(target.root, target.names, path, false).then((r) => r.start),
        (fromRoot) =>
          withDir(
            openStart(to.root, to.names, operation.to, false).then((r) => r.start),
            (toRoot) =>
              inParent(fromRoot, target.names, path, (fromDir, fromName) =>
                inParent(toRoot, to.names, operation.to, async (toDir, toName) => {
                  await effect?.('rename');
                  await fromDir.assertInPlace();
                  await toDir.assertInPlace();
                  // rename follows neither name: a symlink moves as itself.
                  await rename(fromDir.at(fromName), toDir.at(toName));
                  await fromDir.sync();
                  if (toDir.dev !== fromDir.dev || toDir.ino !== fromDir.ino) await toDir.sync();
                  return plannedChange(planned);
                }),
              ),
          ),
      );
    }
    case 'remove': {
      await step.beforeCommit();
      return withDir(
        openStart(target.root, target.names, path, false).then((r) => r.start),
        (start) =>
          inParent(start, target.names, path, async (parent, name) => {
            const stats = await parent.lstatAt(name);
            if (!stats) {
              if (operation.force) return plannedChange(planned, 'unchanged');
              throw predictedOsFailure('ENOENT', `${path} does not exist`, path);
            }
            if (!stats.isDirectory()) {
              await effect?.(`unlink ${name}`);
              await parent.assertInPlace();
              await unlink(parent.at(name));
            } else if (operation.recursive) {
              await removeTree(parent, name, effect);
            } else {
              await effect?.(`rmdir ${name}`);
              await parent.assertInPlace();
              await rmdir(parent.at(name));
            }
            await parent.sync();
            return plannedChange(planned);
          }),
      );
    }
  }
}

/** Walks to the parent of the last of `names` (creating nothing) and runs `fn` with it and that last name. */
async function inParent<T>(
  start: HeldDir,
  names: readonly string[],
  path: string,
  fn: (parent: HeldDir, name: string) => Promise<T>,
): Promise<T> {
  const name = names[names.length - 1];
  if (name === undefined) throw scopeViolation('root-itself', `${path} is a root of the scope.`, { path });
  const { dir } = await walkDown(start, names.slice(0, -1), { path });
  try {
    return await fn(dir, name);
  } finally {
    if (dir !== start) await dir.close();
  }
}
