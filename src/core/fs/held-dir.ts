import { closeSync, constants, fstatSync, lstatSync, openSync, type Stats } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';
import { join, parse, sep } from 'node:path';
import { scopeViolation } from '../action-failure';
import { errnoOf } from './fs-errors';

/**
 * How this platform anchors filesystem effects:
 * - `held-handles` (Linux): every call names a held directory through `/proc/self/fd/N/<name>`, so the kernel
 *   looks up one name inside the directory object we hold and never re-resolves the path above it;
 * - `path-checks` (no /proc: macOS, Windows): calls use the path again, after checking that the path still
 *   leads to the held directory (same device and inode). A swap between that check and the call is not caught.
 */
export type Anchoring = 'held-handles' | 'path-checks';

const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
const PROC_FD = '/proc/self/fd';

let probed: Anchoring | undefined;

/** Which anchoring this process gets; probed once by opening a directory and finding it again through /proc. */
export function anchoring(): Anchoring {
  probed ??= probeAnchoring();
  return probed;
}

/** Tests only: run the path-checks fallback here, as hosts without /proc do (undefined: probe again). */
export function setAnchoringForTests(mode: Anchoring | undefined): void {
  probed = mode;
}

function probeAnchoring(): Anchoring {
  if (process.platform !== 'linux') return 'path-checks';
  let fd: number | undefined;
  try {
    fd = openSync(parse(process.cwd()).root, DIR_FLAGS);
    const held = fstatSync(fd);
    // /proc may be missing or belong to another pid namespace: then the fd path would name something else.
    const viaProc = lstatSync(`${PROC_FD}/${fd}/.`);
    return viaProc.dev === held.dev && viaProc.ino === held.ino ? 'held-handles' : 'path-checks';
  } catch {
    return 'path-checks';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A single directory entry name: never empty, `.`, `..`, or containing a separator or NUL. */
export function assertEntryName(name: string): void {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes(sep) || name.includes('\0')) {
    throw scopeViolation('invalid-entry-name', `"${name}" is not a single file name.`, { name });
  }
}

/** The entry is not a real directory any more (a symlink, a file, or gone): the walk refuses it. */
export function changedDuringWrite(path: string): Error {
  return scopeViolation('path-changed-during-write', `A directory on the way to ${path} changed while it was being written.`, { path });
}

/**
 * An open directory. Every effect inside it goes through `at(name)`, which names one entry of this very
 * directory, and through handles opened from it; nothing is looked up by the full path again.
 */
export class HeldDir {
  private constructor(
    private readonly handle: FileHandle,
    /** Where the directory was when it was opened; for messages and the path-checks fallback. */
    readonly path: string,
    readonly dev: number,
    readonly ino: number,
    readonly anchoring: Anchoring,
  ) {}

  /** Opens an existing directory by an absolute path the host trusts (it may follow symlinks on the way). */
  static async openTrusted(path: string): Promise<HeldDir> {
    const handle = await open(path, constants.O_RDONLY | constants.O_DIRECTORY);
    return HeldDir.wrap(handle, path);
  }

  /**
   * Opens an absolute, canonical directory path one component at a time from `/`, never following a
   * symlink: a component that is a symlink or not a directory fails with ELOOP or ENOTDIR.
   */
  static async openCanonical(path: string): Promise<HeldDir> {
    const { root } = parse(path);
    let current = await HeldDir.wrap(await open(root, DIR_FLAGS), root);
    try {
      for (const name of path.slice(root.length).split(sep).filter(Boolean)) {
        const next = await current.openDir(name);
        await current.close();
        current = next;
      }
      return current;
    } catch (error) {
      await current.close();
      throw error;
    }
  }

  private static async wrap(handle: FileHandle, path: string): Promise<HeldDir> {
    try {
      const stats = await handle.stat();
      return new HeldDir(handle, path, stats.dev, stats.ino, anchoring());
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The path a syscall uses for entry `name` of this directory. */
  at(name: string): string {
    assertEntryName(name);
    return this.anchoring === 'held-handles' ? `${PROC_FD}/${this.handle.fd}/${name}` : join(this.path, name);
  }

  /** The path naming this directory itself (for readdir). */
  self(): string {
    return this.anchoring === 'held-handles' ? `${PROC_FD}/${this.handle.fd}` : this.path;
  }

  /**
   * On `path-checks` platforms: throws unless the path still leads to this directory. Called right before
   * every effect; on `held-handles` platforms there is nothing to check.
   */
  async assertInPlace(): Promise<void> {
    if (this.anchoring === 'held-handles') return;
    const stats = await lstat(this.path).catch(() => null);
    if (!stats || !stats.isDirectory() || stats.dev !== this.dev || stats.ino !== this.ino) throw changedDuringWrite(this.path);
  }

  /** Opens child directory `name` without following a symlink. */
  async openDir(name: string): Promise<HeldDir> {
    await this.assertInPlace();
    const childPath = join(this.path, name);
    return HeldDir.wrap(await open(this.at(name), DIR_FLAGS), childPath);
  }

  /** What entry `name` is, never following a symlink; null when absent. */
  async lstatAt(name: string): Promise<Stats | null> {
    await this.assertInPlace();
    try {
      return await lstat(this.at(name));
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return null;
      throw error;
    }
  }

  /** Opens file `name` with O_NOFOLLOW always added. */
  async openFile(name: string, flags: number, mode?: number): Promise<FileHandle> {
    await this.assertInPlace();
    return open(this.at(name), flags | constants.O_NOFOLLOW, mode);
  }

  /** Whether this directory is still the one that `parent` holds under `name` (same device and inode, a real directory). */
  async isEntryOf(parent: HeldDir, name: string): Promise<boolean> {
    const stats = await parent.lstatAt(name).catch(() => null);
    return stats !== null && stats.isDirectory() && stats.dev === this.dev && stats.ino === this.ino;
  }

  /** fsync the directory so that a create, rename or unlink in it is durable. */
  async sync(): Promise<void> {
    try {
      await this.handle.sync();
    } catch (error) {
      // Some filesystems cannot fsync a directory; the change itself has still happened.
      if (errnoOf(error) !== 'EINVAL' && errnoOf(error) !== 'ENOTSUP') throw error;
    }
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/** Runs `fn` with `dir`, closing it afterwards. */
export async function withDir<T>(dir: HeldDir | Promise<HeldDir>, fn: (dir: HeldDir) => Promise<T>): Promise<T> {
  const held = await dir;
  try {
    return await fn(held);
  } finally {
    await held.close();
  }
}
