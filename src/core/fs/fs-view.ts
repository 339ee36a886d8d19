import { lstat, readlink } from 'node:fs/promises';
import { sep } from 'node:path';
import { errnoOf } from './fs-errors';

export type EntryKind = 'file' | 'dir' | 'symlink' | 'other' | 'absent';

/** Read-only questions a path check asks of a filesystem: what is here (not following), where does this link point. */
export interface FsView {
  kindOf(path: string): Promise<EntryKind>;
  readLink(path: string): Promise<string>;
}

/** The filesystem as it is on disk. */
export const diskFsView: FsView = {
  async kindOf(path) {
    try {
      const stats = await lstat(path);
      if (stats.isSymbolicLink()) return 'symlink';
      if (stats.isDirectory()) return 'dir';
      return stats.isFile() ? 'file' : 'other';
    } catch (error) {
      const errno = errnoOf(error);
      if (errno === 'ENOENT' || errno === 'ENOTDIR') return 'absent';
      throw error;
    }
  },
  readLink: (path) => readlink(path),
};

type SimulatedEvent =
  { type: 'create'; path: string; kind: 'file' | 'dir' } | { type: 'remove'; path: string } | { type: 'rename'; from: string; to: string };

function isSameOrUnder(path: string, ancestor: string): boolean {
  if (path === ancestor) return true;
  const prefix = ancestor.endsWith(sep) ? ancestor : `${ancestor}${sep}`;
  return path.startsWith(prefix);
}

/**
 * The disk as it will be after the operations recorded so far, so that a whole batch can be checked
 * before its first write (mkdir then write into it; rename a link then write through its new name).
 * Paths given to it are canonical (their ancestors already resolved).
 */
export class SimulatedFsView implements FsView {
  private readonly events: SimulatedEvent[] = [];

  constructor(private readonly base: FsView = diskFsView) {}

  /** A new file or directory at `path`; nothing exists below it yet. */
  recordCreate(path: string, kind: 'file' | 'dir'): void {
    this.events.push({ type: 'create', path, kind });
  }

  recordRemove(path: string): void {
    this.events.push({ type: 'remove', path });
  }

  recordRename(from: string, to: string): void {
    this.events.push({ type: 'rename', from, to });
  }

  async kindOf(path: string): Promise<EntryKind> {
    const found = this.locate(path);
    return 'kind' in found ? found.kind : this.base.kindOf(found.basePath);
  }

  async readLink(path: string): Promise<string> {
    const found = this.locate(path);
    if ('kind' in found) throw Object.assign(new Error(`not a symbolic link: ${path}`), { code: 'EINVAL' });
    return this.base.readLink(found.basePath);
  }

  /** Walks the recorded events backwards: either they decide what is at `path`, or they say where it was before the batch. */
  private locate(path: string): { kind: EntryKind } | { basePath: string } {
    let current = path;
    for (let i = this.events.length - 1; i >= 0; i--) {
      const event = this.events[i]!;
      if (event.type === 'create') {
        if (current === event.path) return { kind: event.kind };
        if (isSameOrUnder(current, event.path)) return { kind: 'absent' };
      } else if (event.type === 'remove') {
        if (isSameOrUnder(current, event.path)) return { kind: 'absent' };
      } else if (isSameOrUnder(current, event.to)) {
        current = event.from + current.slice(event.to.length);
      } else if (isSameOrUnder(current, event.from)) {
        return { kind: 'absent' };
      }
    }
    return { basePath: current };
  }
}
