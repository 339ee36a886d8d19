import { constants, type Stats } from 'node:fs';
import { rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { scopeViolation } from '../action-failure';
import type { EffectHook } from './anchored-walk';
import { resultFileMode, type ModeRules } from './file-modes';
import { osFailure, predictedOsFailure } from './fs-errors';
import type { HeldDir } from './held-dir';
import type { TempJournal } from './temp-journal';
import { cleanupStaleTempFilesIn, tempNameFor, trackTempFile } from './temp-files';

export interface AnchoredWriteOptions extends ModeRules {
  /** Exact permission bits requested (already checked against the scope); default: see resultFileMode. */
  mode?: number;
  /** Where the temp file is recorded before it is created, so that a crash leaves nothing behind. */
  journal?: TempJournal;
  /** Runs after the temp file is complete, before the final checks and the rename. */
  beforeCommit?: () => Promise<void> | void;
  /** The final check that the held directory is still where it was checked; throws to stop. */
  verify?: () => Promise<void>;
  beforeEffect?: EffectHook;
  /** The path the caller asked for, for messages. */
  path: string;
}

export interface AnchoredWriteResult {
  /** Whether a file was replaced (false: created). */
  replaced: boolean;
  bytes: number;
}

const COPY_CHUNK = 1024 * 1024;
const appendLocks = new Map<string, Promise<unknown>>();

/** Replaces entry `name` of `dir` with `data`: temp file in `dir`, fsync, rename, fsync `dir`. */
export async function writeFileIn(dir: HeldDir, name: string, data: Buffer, options: AnchoredWriteOptions): Promise<AnchoredWriteResult> {
  return replaceEntry(dir, name, options, async (temp) => {
    await temp.writeFile(data);
    return data.length;
  });
}

/**
 * Appends by copy-and-rename: the old bytes and `data` go into a temp file in `dir`, which then replaces the
 * file, so a crash leaves the old or the new content, never a part. A file with other hard links is refused:
 * the others would keep the old content, or (written in place) a file outside the scope would change.
 * Appends to one file from this process run one at a time, so none is lost.
 */
export async function appendFileIn(dir: HeldDir, name: string, data: Buffer, options: AnchoredWriteOptions): Promise<AnchoredWriteResult> {
  const key = `${dir.dev}:${dir.ino}/${name}`;
  const previous = appendLocks.get(key) ?? Promise.resolve();
  const run = previous.then(() =>
    replaceEntry(dir, name, { ...options, mode: undefined }, async (temp, existing) => {
      if (existing) await copyExisting(dir, name, existing, temp, options.path);
      await temp.write(data, 0, data.length);
      return data.length;
    }),
  );
  const settled = run.catch(() => undefined);
  appendLocks.set(key, settled);
  try {
    return await run;
  } finally {
    if (appendLocks.get(key) === settled) appendLocks.delete(key);
  }
}

async function copyExisting(dir: HeldDir, name: string, expected: Stats, temp: FileHandle, path: string): Promise<void> {
  // O_NONBLOCK: a FIFO swapped in meanwhile must not hang the host.
  const source = await dir.openFile(name, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = await source.stat();
    if (!stats.isFile()) throw predictedOsFailure('EINVAL', `${path} is not a regular file`, path);
    if (stats.dev !== expected.dev || stats.ino !== expected.ino) {
      throw scopeViolation('path-changed-during-write', `${path} was replaced while it was being appended to.`, { path });
    }
    if (stats.nlink > 1)
      throw scopeViolation('hardlinked-file', `${path} has other hard links; appending to it could change a file outside the scope.`, {
        path,
      });
    const buffer = Buffer.allocUnsafe(Math.min(COPY_CHUNK, Math.max(stats.size, 1)));
    for (;;) {
      const { bytesRead } = await source.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      await temp.write(buffer, 0, bytesRead);
    }
  } finally {
    await source.close();
  }
}

async function replaceEntry(
  dir: HeldDir,
  name: string,
  options: AnchoredWriteOptions,
  fill: (temp: FileHandle, existing: Stats | null) => Promise<number>,
): Promise<AnchoredWriteResult> {
  const { path } = options;
  await cleanupStaleTempFilesIn(dir);
  const existing = await dir.lstatAt(name).catch((error: unknown) => {
    throw osFailure(error, path);
  });
  if (existing?.isSymbolicLink())
    throw scopeViolation('symlink-final-component', `${path} is a symbolic link; it is never followed.`, { path });
  if (existing?.isDirectory()) throw predictedOsFailure('EISDIR', `${path} is a directory`, path);
  if (existing && !existing.isFile()) throw predictedOsFailure('EINVAL', `${path} is not a regular file`, path);
  const mode = resultFileMode(options.mode, existing ? existing.mode & 0o7777 : undefined, options);

  const tempName = tempNameFor(name);
  const done = options.journal ? await options.journal.record(dir.path, tempName) : () => undefined;
  const untrack = trackTempFile(join(dir.path, tempName));
  let created = false;
  let committed = false;
  try {
    await options.beforeEffect?.('create temp file');
    const temp = await dir.openFile(tempName, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    created = true;
    let bytes: number;
    try {
      bytes = await fill(temp, existing);
      // After the content: the bits are exactly `mode`, with no setuid/setgid carried over from anything.
      await temp.chmod(mode);
      await temp.sync();
    } finally {
      await temp.close();
    }
    await options.beforeCommit?.();
    await options.verify?.();
    const now = await dir.lstatAt(name);
    if (now?.isSymbolicLink() || now?.isDirectory()) {
      throw scopeViolation(
        'path-changed-during-write',
        `${path} became a ${now.isDirectory() ? 'directory' : 'symbolic link'} while it was being written.`,
        { path },
      );
    }
    await options.beforeEffect?.('rename temp file');
    await dir.assertInPlace();
    // rename never follows either name; both are entries of the held directory.
    await rename(dir.at(tempName), dir.at(name));
    committed = true;
    await dir.sync();
    return { replaced: existing !== null, bytes };
  } catch (error) {
    throw osFailure(error, path);
  } finally {
    if (created && !committed) await unlink(dir.at(tempName)).catch(() => undefined);
    untrack();
    done();
  }
}
