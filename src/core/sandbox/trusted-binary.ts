import { lstatSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Why `path` may not be trusted as a sandbox launcher, or null when it may: it must be absolute, resolve
 * to a regular executable file owned by root and writable by nobody else, in folders (up to `/`) owned by
 * root and writable by nobody else. A launcher the user (or anything running as the user) could replace
 * would hand every tool's sandbox to whoever replaced it. Synchronous: a few lstat calls, made before
 * every launch.
 */
export function untrustedBinaryProblem(path: string): string | null {
  if (!path.startsWith('/')) return `${path} is not an absolute path`;
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    return `${path} does not exist (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`;
  }
  const file = lstatSync(real);
  if (!file.isFile()) return `${real} is not a regular file`;
  if ((file.mode & 0o111) === 0) return `${real} is not executable`;
  if (file.uid !== 0) return `${real} is not owned by root`;
  if ((file.mode & 0o022) !== 0) return `${real} is writable by its group or by everyone`;
  for (let dir = dirname(real); ; dir = dirname(dir)) {
    const stats = lstatSync(dir);
    if (stats.uid !== 0) return `${dir} (a folder above ${real}) is not owned by root`;
    // The sticky bit does not protect a folder's entries from being renamed over by their owner.
    if ((stats.mode & 0o022) !== 0) return `${dir} (a folder above ${real}) is writable by its group or by everyone`;
    if (dir === '/') return null;
  }
}
