import { basename, dirname, isAbsolute, join, parse, sep } from 'node:path';
import type { EntryKind, FsView } from './fs-view';
import { predictedOsFailure } from './fs-errors';

const MAX_SYMLINK_HOPS = 40;

export interface ResolvedDirectory {
  /** The directory with every symlink among its existing components resolved; missing components appended as given. */
  path: string;
  /** The first component that does not exist, or null when the whole directory exists. */
  missingFrom: string | null;
  /** An existing component that is not a directory (the OS would answer ENOTDIR), or null. */
  blockedBy: string | null;
}

export interface ResolvedEntry {
  /** Canonical parent directory. */
  parent: ResolvedDirectory;
  name: string;
  /** Canonical parent joined with the final component, which is never followed. */
  path: string;
  /** What the final component is, not following a symlink. */
  kind: EntryKind;
}

function pushComponents(stack: string[], path: string): void {
  const parts = path.slice(parse(path).root.length).split(/[\\/]+/);
  for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
}

/**
 * Resolves every symlink in `dirPath` component by component, as realpath(3) does for the existing part,
 * and appends the components that do not exist yet. Follows a symlink in the last component too.
 */
export async function resolveDirectory(view: FsView, dirPath: string): Promise<ResolvedDirectory> {
  const stack: string[] = [];
  pushComponents(stack, dirPath);
  let current = parse(dirPath).root;
  let missingFrom: string | null = null;
  let blockedBy: string | null = null;
  let hops = 0;
  while (stack.length > 0) {
    const part = stack.pop()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      current = dirname(current);
      continue;
    }
    const next = join(current, part);
    if (missingFrom !== null || blockedBy !== null) {
      current = next;
      continue;
    }
    const kind = await view.kindOf(next);
    if (kind === 'symlink') {
      if (++hops > MAX_SYMLINK_HOPS) throw predictedOsFailure('ELOOP', 'Too many levels of symbolic links', dirPath);
      const target = await view.readLink(next);
      if (isAbsolute(target)) current = parse(target).root;
      pushComponents(stack, target);
      continue;
    }
    if (kind === 'absent') missingFrom = next;
    else if (kind !== 'dir') blockedBy = next;
    current = next;
  }
  return { path: current, missingFrom, blockedBy };
}

/** Resolves the ancestors of `path` and reports its final component without following it. */
export async function resolveEntry(view: FsView, path: string): Promise<ResolvedEntry> {
  const root = parse(path).root;
  if (path === root) {
    return { parent: { path: root, missingFrom: null, blockedBy: null }, name: '', path: root, kind: 'dir' };
  }
  const parent = await resolveDirectory(view, dirname(path));
  const name = basename(path);
  const resolved = join(parent.path, name);
  const kind = parent.missingFrom !== null || parent.blockedBy !== null ? 'absent' : await view.kindOf(resolved);
  return { parent, name, path: resolved, kind };
}

/** True when `path` is `root` or lies below it; both must be canonical. */
export function isWithin(path: string, root: string): boolean {
  if (path === root) return true;
  return path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}
