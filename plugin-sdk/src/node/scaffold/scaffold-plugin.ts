import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pluginManifestSchema } from '../../manifest.js';
import { PLUGIN_ID_RULE, isPluginId } from '../../plugin-id.js';
import { validatePluginManifest } from '../../validate.js';
import { ScaffoldError } from './scaffold-error.js';

/** The starting points `gatehouse-plugin init` offers: TypeScript, or plain JavaScript behind one script tag. */
export const PLUGIN_TEMPLATES = ['ts', 'html'] as const;
export type PluginTemplate = (typeof PLUGIN_TEMPLATES)[number];

export interface ScaffoldOptions {
  /** Default `ts`. */
  template?: PluginTemplate;
  /** The manifest id; default: the folder's name made into one (`My Plugin` → `my-plugin`). */
  id?: string;
  /** The display name; default: made from the id (`git-notes` → `Git notes`). */
  name?: string;
  /** The manifest's publisher; default `Unnamed publisher`. */
  publisher?: string;
}

export interface ScaffoldResult {
  dir: string;
  template: PluginTemplate;
  id: string;
  name: string;
  /** Every file written, relative to `dir`, sorted. */
  files: string[];
}

// Both src/node/scaffold (run from source) and dist/node/scaffold sit three folders below the package.
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TEMPLATES_ROOT = join(PACKAGE_ROOT, 'templates');
// npm drops files named .gitignore from packages, so templates carry them without the dot.
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };
const PLACEHOLDER = /\{\{([A-Za-z]+)\}\}/g;

/**
 * Writes a working plugin project into `dir`, which must be missing or empty: manifest, page with the
 * host's CSP, source, an esbuild build, a unit test on the test kit and a README. Validates the id with
 * the manifest's own rule and the rendered manifest with `pluginManifestSchema` before writing anything.
 * @example await scaffoldPlugin('./git-notes', { template: 'ts', name: 'Git notes' })
 */
export async function scaffoldPlugin(dir: string, options: ScaffoldOptions = {}): Promise<ScaffoldResult> {
  const target = resolve(dir);
  const template = options.template ?? 'ts';
  if (!PLUGIN_TEMPLATES.includes(template)) {
    throw new ScaffoldError(
      'scaffold-invalid-option',
      `Unknown template ${JSON.stringify(template)}; use one of ${PLUGIN_TEMPLATES.join(', ')}.`,
    );
  }
  const id = options.id ?? idFromFolderName(basename(target));
  if (!isPluginId(id)) {
    const hint = options.id === undefined ? ` (made from the folder name "${basename(target)}"; pass --id)` : '';
    throw new ScaffoldError('scaffold-invalid-option', `The plugin id ${JSON.stringify(id)}${hint} ${PLUGIN_ID_RULE}.`);
  }
  const name = checkText('name', options.name ?? nameFromId(id));
  const publisher = checkText('publisher', options.publisher ?? 'Unnamed publisher');
  const values: Record<string, string> = { id, name, publisher, sdkVersion: await sdkVersion() };

  const files = new Map<string, string>();
  for (const folder of ['common', template]) {
    for (const path of await listFiles(join(TEMPLATES_ROOT, folder))) {
      const out = path
        .split('/')
        .map((part) => RENAMED[part] ?? part)
        .join('/');
      if (files.has(out)) throw new Error(`Template file ${out} is defined twice.`);
      files.set(out, render(await readFile(join(TEMPLATES_ROOT, folder, path), 'utf8'), values, out));
    }
  }
  const manifest = validatePluginManifest(JSON.parse(files.get('plugin/manifest.json') ?? 'null'));
  if (!manifest.ok) throw new Error(`The ${template} template renders an invalid manifest: ${manifest.error}`);

  await prepareTarget(target);
  for (const [path, content] of files) {
    const file = join(target, ...path.split('/'));
    await mkdir(dirname(file), { recursive: true });
    // wx: never replace a file that appeared in the folder meanwhile.
    await writeFile(file, content, { flag: 'wx' });
  }
  return { dir: target, template, id, name, files: [...files.keys()].sort() };
}

function idFromFolderName(folder: string): string {
  return folder
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

function nameFromId(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function checkText(field: 'name' | 'publisher', value: string): string {
  const checked = pluginManifestSchema.shape[field].safeParse(value);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!checked.success || /[\u0000-\u001f\u007f]/.test(value) || value.trim() !== value) {
    throw new ScaffoldError(
      'scaffold-invalid-option',
      `The ${field} must be 1 to 80 characters, without control characters or surrounding spaces.`,
    );
  }
  return value;
}

async function sdkVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** Fills `{{id}}`, `{{name}}`, `{{publisher}}`, `{{sdkVersion}}`, escaped for the file's language. */
function render(text: string, values: Record<string, string>, path: string): string {
  const escape = path.endsWith('.json')
    ? (v: string) => JSON.stringify(v).slice(1, -1)
    : path.endsWith('.html')
      ? escapeHtml
      : (v: string) => v;
  return text.replace(PLACEHOLDER, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`Template file ${path} has an unknown placeholder ${whole}.`);
    return escape(value);
  });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function prepareTarget(target: string): Promise<void> {
  const info = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (info === null) {
    await mkdir(target, { recursive: true });
    return;
  }
  if (!info.isDirectory()) throw new ScaffoldError('scaffold-target-not-folder', `${target} exists and is not a folder.`);
  const entries = await readdir(target);
  if (entries.length > 0) {
    throw new ScaffoldError(
      'scaffold-target-not-empty',
      `${target} is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}); choose a new or empty folder, nothing was written.`,
    );
  }
}
