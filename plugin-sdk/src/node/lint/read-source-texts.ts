import { lstat, readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { LintFinding } from './lint-finding.js';

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const MAX_FILES = 5000;
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Reads the source files a bundled plugin is built from (`lint --source <dir>`), for the capability scan:
 * a minified bundle renames the author's calls and carries the SDK's own action names, so only the
 * sources say what the plugin uses. Skips node_modules, dot-folders and symlinks; bounded in files and size.
 */
export async function readSourceTexts(dirs: readonly string[], findings: LintFinding[]): Promise<string[]> {
  const texts: string[] = [];
  for (const root of dirs) {
    const info = await lstat(root).catch(() => null);
    if (!info?.isDirectory()) {
      findings.push({
        severity: 'error',
        code: 'source-missing',
        file: '.',
        message: `--source ${root} is not a folder; the capability check needs the code the plugin is built from.`,
      });
      continue;
    }
    const pending = [root];
    while (pending.length > 0) {
      const dir = pending.pop()!;
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) pending.push(path);
        if (!entry.isFile() || !SOURCE_FILE.test(entry.name) || entry.name.endsWith('.d.ts')) continue;
        if (texts.length >= MAX_FILES) {
          findings.push({
            severity: 'warning',
            code: 'source-too-many-files',
            file: '.',
            message: `Only the first ${MAX_FILES} source files were read; the capability check may be incomplete.`,
          });
          return texts;
        }
        if ((await lstat(path)).size > MAX_FILE_BYTES) {
          findings.push({
            severity: 'warning',
            code: 'source-file-skipped',
            file: '.',
            message: `${relative(root, path)} in --source ${root} is larger than 4 MiB and was not read.`,
          });
          continue;
        }
        texts.push(await readFile(path, 'utf8'));
      }
    }
  }
  return texts;
}
