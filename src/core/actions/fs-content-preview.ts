// What the user sees of a file write before approving it: a diff against the existing file, the new text, or
// sizes only. Computed from an anchored read (fs/anchored-read.ts), bounded by FS_PREVIEW_LIMITS.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { FS_PREVIEW_LIMITS, type FsContentPreview } from '../../shared/confirmation';
import { readForPreview } from '../fs/anchored-read';
import { locate } from '../fs/fs-execute';
import type { FsPlan, PlannedOperation } from '../fs/fs-plan';
import { isWithin } from '../fs/resolve-path';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text when they are small UTF-8 text without NUL; null for anything else. */
function asText(bytes: Buffer): string | null {
  if (bytes.length > FS_PREVIEW_LIMITS.fileBytes || bytes.includes(0)) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Whether an earlier operation of the batch changes this entry or a folder above it (the disk no longer shows its "before"). */
function touchedEarlier(plan: FsPlan, planned: PlannedOperation): boolean {
  return plan.operations
    .slice(0, plan.operations.indexOf(planned))
    .some(
      (earlier) =>
        earlier.operation.type !== 'mkdir' &&
        [earlier.entry.path, earlier.destination?.path].some((p) => p !== undefined && isWithin(planned.entry.path, p)),
    );
}

/**
 * One content preview per operation index (writes and appends only). `budget` is shared by the whole batch so a
 * thousand small files cannot make one prompt carry megabytes.
 */
export async function contentPreviews(plan: FsPlan): Promise<Map<number, FsContentPreview>> {
  const previews = new Map<number, FsContentPreview>();
  let budget: number = FS_PREVIEW_LIMITS.batchChars;
  for (const planned of plan.operations) {
    const { operation, data } = planned;
    if (!data || (operation.type !== 'writeFile' && operation.type !== 'appendFile')) continue;
    const preview = await previewOne(plan, planned, data);
    const cost = preview.kind === 'diff' ? preview.diff.length : preview.kind === 'text' ? preview.text.length : 0;
    if (cost > budget) {
      previews.set(planned.index, { kind: 'summary', why: 'budget', bytes: data.length });
      continue;
    }
    budget -= cost;
    previews.set(planned.index, preview);
  }
  return previews;
}

async function previewOne(plan: FsPlan, planned: PlannedOperation, data: Buffer): Promise<FsContentPreview> {
  const text = asText(data);
  const newOnly = (note?: string): FsContentPreview =>
    text === null
      ? { kind: 'summary', why: data.length > FS_PREVIEW_LIMITS.fileBytes ? 'large' : 'binary', bytes: data.length }
      : { kind: 'text', text, bytes: data.length, ...(note ? { note } : {}) };
  if (planned.operation.type === 'appendFile' || planned.effect !== 'replaced') return newOnly();
  if (touchedEarlier(plan, planned)) return newOnly('The file it replaces is changed earlier in this batch, so no diff is shown.');

  const { root, names } = locate(plan, planned.entry.path, planned.entry.path);
  const existing = await readForPreview(root, names, FS_PREVIEW_LIMITS.fileBytes + 1);
  if (existing.kind === 'absent') return newOnly();
  if (existing.kind === 'unreadable') return newOnly(`The existing file could not be shown (${existing.reason}).`);
  const before = existing.size <= FS_PREVIEW_LIMITS.fileBytes ? asText(existing.bytes) : null;
  if (text === null || before === null) {
    const large = data.length > FS_PREVIEW_LIMITS.fileBytes || existing.size > FS_PREVIEW_LIMITS.fileBytes;
    return {
      kind: 'summary',
      why: large ? 'large' : 'binary',
      bytes: data.length,
      existingBytes: existing.size,
      ...(existing.size <= FS_PREVIEW_LIMITS.fileBytes && before === null ? { existingBinary: true } : {}),
    };
  }
  const name = names.join('/');
  const diff =
    before === text
      ? ''
      : createTwoFilesPatch(name, name, before, text, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
  if (diff.length > FS_PREVIEW_LIMITS.diffChars) return { kind: 'summary', why: 'large', bytes: data.length, existingBytes: existing.size };
  return { kind: 'diff', diff, bytes: data.length, existingBytes: existing.size };
}
