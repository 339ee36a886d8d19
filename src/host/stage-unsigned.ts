// The plugin under development is loaded unsigned: its folder is copied without signature.json (a stale
// signature would make every edit a digest mismatch) and installed from the copy, so developer mode badges
// it Unsigned and every change is picked up by installing the copy again.
import { access, cp, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { MANIFEST_FILE_NAME, SIGNATURE_FILE_NAME } from '@gatehouse/plugin-sdk/node';

/** Folders that belong to the author's project, never to the bundle. */
const SKIPPED = new Set(['node_modules', '.git']);

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** The folder holding manifest.json: `dir` itself, or its `plugin/` or `dist/` (an example's or a build's output). */
export async function findPluginFolder(dir: string): Promise<string | null> {
  const root = resolve(dir);
  for (const candidate of [root, join(root, 'plugin'), join(root, 'dist')]) {
    if (await exists(join(candidate, MANIFEST_FILE_NAME))) return candidate;
  }
  return null;
}

/** Copies `pluginDir` to `<stagingDir>/<name>` without its signature and the project's own folders. */
export async function stageUnsigned(pluginDir: string, stagingDir: string): Promise<string> {
  const target = join(stagingDir, basename(pluginDir));
  await rm(target, { recursive: true, force: true });
  await cp(pluginDir, target, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => {
      if (source === pluginDir) return true;
      const name = basename(source);
      return !SKIPPED.has(name) && source !== join(pluginDir, SIGNATURE_FILE_NAME);
    },
  });
  return target;
}

/** True for a changed path (relative to the plugin folder) that is part of the bundle. */
export function isBundleChange(relativePath: string | null): boolean {
  if (relativePath === null) return true;
  const parts = relativePath.split(/[\\/]/);
  return !parts.some((part) => SKIPPED.has(part)) && relativePath !== SIGNATURE_FILE_NAME;
}
