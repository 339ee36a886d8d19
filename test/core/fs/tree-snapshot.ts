// Byte-for-byte picture of a folder, for "nothing outside the root changed" checks.
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Every entry below `dir` (not following symlinks): kind, permission bits, and the bytes or link target. */
export async function snapshotTree(dir: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    const key = prefix ? `${prefix}/${name}` : name;
    const stats = await lstat(path);
    const mode = (stats.mode & 0o7777).toString(8);
    if (stats.isSymbolicLink()) out[key] = `link ${await readlink(path)}`;
    else if (stats.isDirectory()) {
      out[key] = `dir ${mode}`;
      Object.assign(out, await snapshotTree(path, key));
    } else out[key] = `file ${mode} ${stats.nlink} ${(await readFile(path)).toString('base64')}`;
  }
  return out;
}
