import { createHash } from 'node:crypto';
import type { FsMutatePayload, FsMutateResult, FsOperation } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../action-failure';
import { executeFsPlan, locate, type FsCommitHook, type FsEffectHook } from '../fs/fs-execute';
import { planFsBatch, plannedChange, type FsPlan, type PlannedOperation } from '../fs/fs-plan';
import type { TempJournal } from '../fs/temp-journal';
import type { FsScope } from '../../shared/fs-scope-schema';
import type { FsContentPreview, FsOperationPreview } from '../../shared/confirmation';
import { contentPreviews } from './fs-content-preview';
import type { PreparedAction } from './prepared-action';

export interface FsMutateDeps {
  scope: FsScope;
  /** The host's temp-file journal: a crash mid-write leaves no temp file after the next start. */
  journal?: TempJournal;
  /** Test hook: runs before each operation's final re-check and change on disk. */
  beforeCommit?: FsCommitHook;
  /** Test hook: runs right before each syscall that changes the disk. */
  beforeEffect?: FsEffectHook;
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}

function describeFlags(operation: FsOperation): string[] {
  const flags: string[] = [];
  if ('recursive' in operation && operation.recursive) flags.push('recursive');
  if ('force' in operation && operation.force) flags.push('force');
  if ('mode' in operation && operation.mode !== undefined) flags.push(`mode ${octal(operation.mode)}`);
  if ('encoding' in operation && operation.encoding === 'base64') flags.push('base64');
  return flags;
}

function previewOf(plan: FsPlan, planned: PlannedOperation, content: FsContentPreview | undefined): FsOperationPreview {
  const change = plannedChange(planned);
  const detail = [planned.effect === 'unchanged' ? 'no change' : `will be ${planned.effect}`, ...describeFlags(planned.operation)].join(
    ', ',
  );
  // Where it lands, below which root: the prompt names each root once and the paths under it.
  const at = locate(plan, planned.entry.path, change.path);
  const to = planned.destination ? locate(plan, planned.destination.path, change.to ?? '') : null;
  return {
    type: change.type,
    path: change.path,
    ...(change.to ? { to: change.to } : {}),
    ...(change.bytes !== undefined ? { bytes: change.bytes } : {}),
    detail,
    root: at.root,
    relative: at.names.join('/'),
    ...(to ? { toRoot: to.root, toRelative: to.names.join('/') } : {}),
    ...(content ? { content } : {}),
  };
}

function auditOf(planned: PlannedOperation): Record<string, unknown> {
  const { operation, data } = planned;
  const entry: Record<string, unknown> = { type: operation.type, path: operation.type === 'rename' ? operation.from : operation.path };
  if (operation.type === 'rename') entry.to = operation.to;
  if (data) {
    entry.bytes = data.length;
    entry.sha256 = createHash('sha256').update(data).digest('hex');
  }
  if ('mode' in operation && operation.mode !== undefined) entry.mode = octal(operation.mode);
  if ('recursive' in operation && operation.recursive) entry.recursive = true;
  if ('force' in operation && operation.force) entry.force = true;
  return entry;
}

function totalBytes(plan: FsPlan): number {
  return plan.operations.reduce((sum, planned) => sum + (planned.data?.length ?? 0), 0);
}

/**
 * Checks a filesystem batch against its scope (every path of every operation, before any write) and describes
 * it. `run` checks the batch again against the disk as it is then, and applies it (or, for a dry run, only
 * reports the planned changes). The plan is a preview and a first check: execution walks from a handle on the
 * scope root and follows no symlink (fs-execute.ts), whatever changed on disk since.
 */
export async function prepareFsMutate(payload: FsMutatePayload, deps: FsMutateDeps): Promise<PreparedAction<FsMutateResult>> {
  const { scope } = deps;
  if (payload.scope !== scope.id) {
    throw new ActionFailure('SCOPE_NOT_CONFIGURED', `Scope "${payload.scope}" is not configured.`, { scope: payload.scope });
  }
  const dryRun = payload.dryRun === true;
  const plan = await planFsBatch(scope, payload.operations);
  // A dry run or a scope that never asks shows nobody a prompt, so nothing is read for one.
  const contents = dryRun || scope.confirmation === 'never' ? new Map<number, FsContentPreview>() : await contentPreviews(plan);
  return {
    scope: scope.id,
    preview: { kind: 'fs.mutate', operations: plan.operations.map((planned) => previewOf(plan, planned, contents.get(planned.index))) },
    auditSummary: { operations: plan.operations.map(auditOf), operationCount: plan.operations.length, totalBytes: totalBytes(plan) },
    confirmation: { mode: scope.confirmation },
    dryRun,
    async run(context) {
      const current = await planFsBatch(scope, payload.operations);
      if (dryRun) return { scope: scope.id, dryRun: true, changes: current.operations.map((planned) => plannedChange(planned)) };
      const changes = await executeFsPlan(current, {
        signal: context.signal,
        ...(deps.journal ? { journal: deps.journal } : {}),
        ...(deps.beforeCommit ? { beforeCommit: deps.beforeCommit } : {}),
        ...(deps.beforeEffect ? { beforeEffect: deps.beforeEffect } : {}),
      });
      return { scope: scope.id, dryRun: false, changes };
    },
    auditOutcome(result) {
      const effects: Record<string, number> = {};
      for (const change of result.changes) effects[change.effect] = (effects[change.effect] ?? 0) + 1;
      return {
        changes: result.changes.length,
        bytesWritten: result.changes.reduce((sum, change) => sum + (change.bytes ?? 0), 0),
        effects,
      };
    },
  };
}
