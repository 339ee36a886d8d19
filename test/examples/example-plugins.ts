import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const examplesDir = join(repoRoot, 'examples');
/** Copied in by each example's build; never part of the sources. */
export const SDK_BROWSER_FILE = 'gatehouse-plugin-sdk.global.js';

export interface ExamplePlugin {
  /** Folder name under examples/, also the manifest id. */
  name: string;
  dir: string;
  pluginDir: string;
  manifest: unknown;
  /** Every file of plugin/ except the generated SDK copy: relative path → text. */
  files: Map<string, string>;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Every examples/<name>/ that has a plugin/manifest.json, with its plugin files read. */
export function listExamplePlugins(): ExamplePlugin[] {
  return readdirSync(examplesDir)
    .filter((name) => statSync(join(examplesDir, name)).isDirectory())
    .filter((name) => {
      try {
        return statSync(join(examplesDir, name, 'plugin', 'manifest.json')).isFile();
      } catch {
        return false;
      }
    })
    .sort()
    .map((name) => {
      const dir = join(examplesDir, name);
      const pluginDir = join(dir, 'plugin');
      const files = new Map<string, string>();
      for (const full of walk(pluginDir)) {
        const rel = relative(pluginDir, full).split('\\').join('/');
        if (rel !== SDK_BROWSER_FILE) files.set(rel, readFileSync(full, 'utf8'));
      }
      return { name, dir, pluginDir, manifest: JSON.parse(files.get('manifest.json') ?? 'null') as unknown, files };
    });
}

/** The example named `name`; throws when it is missing so a renamed example fails loudly. */
export function getExamplePlugin(name: string): ExamplePlugin {
  const found = listExamplePlugins().find((example) => example.name === name);
  if (!found) throw new Error(`No example plugin named ${name}`);
  return found;
}

/**
 * Runs one of a plugin's classic scripts (they publish their API on `window`) against a fresh `window`
 * object and gives that object back.
 */
export function runPluginScript(example: ExamplePlugin, file: string): Record<string, unknown> {
  const source = example.files.get(file);
  if (source === undefined) throw new Error(`${example.name} has no plugin/${file}`);
  const window: Record<string, unknown> = {};
  const run = runInThisContext(`(function (window) {\n${source}\n})`, { filename: join(example.pluginDir, file) }) as (w: unknown) => void;
  run(window);
  return window;
}
