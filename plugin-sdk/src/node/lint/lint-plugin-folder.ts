import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validatePluginManifestWithSetup as validatePluginManifest } from '../../setup/validate-manifest-setup.js';
import { setupCapabilities, setupSectionSchema } from '../../setup/setup-schema.js';
import { isPluginBundleError } from '../bundle-error.js';
import { MANIFEST_FILE_NAME } from '../bundle-path.js';
import { walkBundle, type BundleFileEntry } from '../walk-bundle.js';
import { embedsSdkBackend, scanRequiredCapabilities } from './capability-scan.js';
import { readSourceTexts } from './read-source-texts.js';
import { isSdkBrowserBuildPath, readOwnBrowserBuild } from './sdk-browser-build.js';
import { checkPageSource, checkScriptSource } from './source-rules.js';
import type { LintFinding } from './lint-finding.js';

/** What `lintPluginFolder` found: every problem at once, errors first. */
export interface LintReport {
  findings: LintFinding[];
  errors: number;
  warnings: number;
}

export interface LintOptions {
  /**
   * Folders of the code the folder's scripts are built from. When given, the capability check reads these
   * instead of the folder's scripts (a bundle hides the author's calls and carries the SDK's own action
   * names); the CSP and sandbox rules still check the scripts that ship.
   */
  sourceDirs?: readonly string[];
}

/**
 * Checks a plugin folder the way the host will treat it, and reports every problem at once: the manifest,
 * the files (no symlinks, limits, the entry page exists), pages and scripts against the frame's CSP and
 * sandbox, and capabilities declared but unused or used but undeclared (read from the source text).
 * @example
 * const report = await lintPluginFolder('./my-plugin');
 * for (const f of report.findings) console.log(`${f.file}: ${f.severity} ${f.code}: ${f.message}`);
 * await lintPluginFolder('./my-plugin/plugin', { sourceDirs: ['./my-plugin/src'] }); // a bundled plugin
 */
export async function lintPluginFolder(dir: string, options: LintOptions = {}): Promise<LintReport> {
  const findings: LintFinding[] = [];
  let files: BundleFileEntry[] = [];
  try {
    files = await walkBundle(dir);
  } catch (error) {
    if (!isPluginBundleError(error)) throw error;
    const file = typeof error.detail.path === 'string' ? error.detail.path : '.';
    findings.push({ severity: 'error', code: `bundle-${error.code}`, file, message: error.message });
  }
  const sources = new Map<string, string>();
  for (const entry of files) {
    if (/\.(m?js|html?)$/i.test(entry.path)) sources.set(entry.path, await readFile(join(dir, entry.path), 'utf8'));
  }

  const manifest = await readManifest(dir, files, findings);
  if (manifest && !files.some((entry) => entry.path === manifest.ui.entry) && files.length > 0) {
    findings.push({
      severity: 'error',
      code: 'entry-missing',
      file: MANIFEST_FILE_NAME,
      message: `ui.entry "${manifest.ui.entry}" is not a file in the folder.`,
    });
  }
  const backendEntry = manifest?.backend?.entry;
  if (backendEntry !== undefined && !/\.(?:js|mjs|cjs)$/.test(backendEntry)) {
    findings.push({
      severity: 'error',
      code: 'backend-invalid',
      file: MANIFEST_FILE_NAME,
      message: `backend.entry "${backendEntry}" must be a .js, .mjs or .cjs file.`,
    });
  }
  if (backendEntry !== undefined && !files.some((entry) => entry.path === backendEntry) && files.length > 0) {
    findings.push({
      severity: 'error',
      code: 'backend-missing',
      file: MANIFEST_FILE_NAME,
      message: `backend.entry "${backendEntry}" is not a file in the folder.`,
    });
  }
  for (const [path, source] of sources) {
    findings.push(...(path.match(/\.html?$/i) ? checkPageSource(path, source) : checkScriptSource(path, source)));
  }

  // The SDK's browser build names every action in its own code: it is the SDK, not what the plugin uses.
  const sdkCopies = [...sources.keys()].filter(isSdkBrowserBuildPath);
  if (sdkCopies.length > 0) {
    const own = await readOwnBrowserBuild();
    for (const path of sdkCopies) {
      if (own !== null && sources.get(path) !== own) {
        findings.push({
          severity: 'warning',
          code: 'sdk-build-differs',
          file: path,
          message:
            'This is not the browser build of the SDK running lint (another version, or changed). Copy it again from node_modules/@gatehouse/plugin-sdk/dist so plugin and SDK match.',
        });
      }
    }
  }

  if (manifest) {
    const scripts = options.sourceDirs?.length
      ? await readSourceTexts(options.sourceDirs, findings)
      : shippedScriptsToScan(sources, findings);
    const scan = scanRequiredCapabilities(scripts);
    // The setup section's steps are the plugin's own requests too.
    const parsedSetup = manifest.setup === undefined ? null : setupSectionSchema.safeParse(manifest.setup);
    if (parsedSetup?.success) scan.required = [...new Set([...scan.required, ...setupCapabilities(parsedSetup.data)])].sort();
    const declared = new Set<string>(manifest.capabilities);
    for (const capability of scan.required) {
      if (!declared.has(capability)) {
        findings.push({
          severity: 'error',
          code: 'capability-undeclared',
          file: MANIFEST_FILE_NAME,
          message: `The code uses ${capability} but the manifest does not declare it; the host will refuse those requests.`,
        });
      }
    }
    for (const capability of manifest.capabilities) {
      if (!scan.required.includes(capability)) {
        findings.push({
          severity: 'warning',
          code: 'capability-unused',
          file: MANIFEST_FILE_NAME,
          message: `${capability} is declared but the code does not seem to use it; users are asked to grant only what a plugin needs.`,
        });
      }
    }
    if (scan.ambiguity)
      findings.push({
        severity: 'warning',
        code: 'capability-scan-ambiguous',
        file: '.',
        message: `The capability check is unsure: the code ${scan.ambiguity}.`,
      });
  }
  findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

async function readManifest(dir: string, files: BundleFileEntry[], findings: LintFinding[]) {
  if (files.length > 0 && !files.some((entry) => entry.path === MANIFEST_FILE_NAME)) {
    findings.push({
      severity: 'error',
      code: 'manifest-missing',
      file: MANIFEST_FILE_NAME,
      message: 'There is no manifest.json at the top of the folder.',
    });
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(await readFile(join(dir, MANIFEST_FILE_NAME), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      findings.push({
        severity: 'error',
        code: 'manifest-missing',
        file: MANIFEST_FILE_NAME,
        message: 'There is no manifest.json at the top of the folder.',
      });
    } else {
      findings.push({
        severity: 'error',
        code: 'manifest-not-json',
        file: MANIFEST_FILE_NAME,
        message: `manifest.json is not JSON: ${(error as Error).message}`,
      });
    }
    return null;
  }
  const checked = validatePluginManifest(value);
  if (checked.ok) return checked.value;
  for (const issue of checked.issues) {
    findings.push({ severity: 'error', code: 'manifest-invalid', file: MANIFEST_FILE_NAME, message: `${issue.path}: ${issue.message}` });
  }
  return null;
}

/**
 * The shipped scripts the capability check reads when no `--source` is given: not the SDK's browser build,
 * and not a bundle that carries the SDK's backend code (a bundled backend), whose text names every action
 * the SDK knows; a warning says such a file was not read and how to have it checked.
 */
function shippedScriptsToScan(sources: ReadonlyMap<string, string>, findings: LintFinding[]): string[] {
  const scripts: string[] = [];
  for (const [path, source] of sources) {
    if (!/\.m?js$/i.test(path) || isSdkBrowserBuildPath(path)) continue;
    if (embedsSdkBackend(source)) {
      findings.push({
        severity: 'warning',
        code: 'capability-scan-bundle',
        file: path,
        message:
          'This script is a bundle with the SDK inside, so the capability check cannot tell its calls from the SDK’s own; lint with --source <the folder it is built from> to check them.',
      });
      continue;
    }
    scripts.push(source);
  }
  return scripts;
}
