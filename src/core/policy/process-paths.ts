import { lstat, readlink, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, parse, sep } from 'node:path';

const MAX_SYMLINK_HOPS = 40;

function components(path: string): string[] {
  return path
    .slice(parse(path).root.length)
    .split(/[\\/]+/)
    .filter((part) => part !== '');
}

/**
 * Resolves `path` the way the kernel would, one component at a time: symlinks of existing components are
 * followed (a `..` after a symlink leaves the symlink's target, not its name); components that do not exist
 * yet are appended as written. Never normalizes `..` lexically before resolving the part before it.
 */
export async function resolveRealPath(path: string): Promise<string> {
  const stack = components(path).reverse();
  let current = parse(path).root;
  let missing = false;
  let hops = 0;
  while (stack.length > 0) {
    const part = stack.pop() as string;
    if (part === '.') continue;
    if (part === '..') {
      current = dirname(current);
      continue;
    }
    const next = join(current, part);
    if (missing) {
      current = next;
      continue;
    }
    let stats;
    try {
      stats = await lstat(next);
    } catch {
      missing = true;
      current = next;
      continue;
    }
    if (stats.isSymbolicLink()) {
      if (++hops > MAX_SYMLINK_HOPS) throw Object.assign(new Error(`Too many symbolic links in ${path}`), { code: 'ELOOP' });
      const target = await readlink(next);
      if (isAbsolute(target)) current = parse(target).root;
      stack.push(...components(target).reverse());
      continue;
    }
    current = next;
  }
  return current;
}

/** `value` joined to `base` without lexical normalization, so `link/..` is resolved by {@link resolveRealPath}. */
export function joinUnnormalized(base: string, value: string): string {
  if (isAbsolute(value)) return value;
  return base.endsWith(sep) ? `${base}${value}` : `${base}${sep}${value}`;
}

/** True when `path` is `root` or lies below it; both must already be real paths. */
export function isInside(path: string, root: string): boolean {
  if (path === root) return true;
  const prefix = root.endsWith(sep) ? root : `${root}${sep}`;
  return path.startsWith(prefix);
}

/** The real paths of the roots that exist; a missing root contains nothing. */
export async function realRoots(roots: readonly string[]): Promise<string[]> {
  const resolved = await Promise.all(roots.map((root) => realpath(root).catch(() => null)));
  return resolved.filter((root): root is string => root !== null);
}
