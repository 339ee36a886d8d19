// How the registry learns whether a plugin folder may be used. The trust module supplies the real check.
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pluginManifestSchema, type PluginManifest } from '@gatehouse/plugin-sdk';
import { setupSectionSchema } from '@gatehouse/plugin-sdk/node';

/** Who signed a bundle, for a trust prompt: the fingerprint is what the user compares. */
export interface BundlePublisher {
  keyId: string;
  publicKey: string | null;
  fingerprint: string | null;
}

export type BundleCheck =
  | { ok: true; manifest: PluginManifest; signed: boolean; publisherKeyId: string | null; digest: string | null; contentDir: string }
  | { ok: false; reason: string; detail: string; manifest: PluginManifest | null; publisher?: BundlePublisher; file?: string };

/** Verifies a plugin folder and returns the directory whose content may be served. */
export type BundleChecker = (dir: string, context?: { previousVersion?: string }) => Promise<BundleCheck>;

/** Reads and validates manifest.json; the reason codes match the bundle verifier's. */
export async function readPluginManifest(
  dir: string,
): Promise<{ ok: true; manifest: PluginManifest } | { ok: false; reason: string; detail: string }> {
  let raw: string;
  try {
    raw = await readFile(join(dir, 'manifest.json'), 'utf8');
  } catch {
    return { ok: false, reason: 'manifest-missing', detail: 'manifest.json is missing or unreadable' };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'manifest-invalid', detail: 'manifest.json is not valid JSON' };
  }
  const parsed = pluginManifestSchema.safeParse(json);
  // The SDK's manifest schema leaves the setup section to the host, which checks it in full here.
  const setup = parsed.success && parsed.data.setup !== undefined ? setupSectionSchema.safeParse(parsed.data.setup) : null;
  const issues = !parsed.success
    ? parsed.error.issues
    : setup && !setup.success
      ? setup.error.issues.map((i) => ({ ...i, path: ['setup', ...i.path] }))
      : null;
  if (issues) {
    const first = issues[0];
    const where = first?.path.length ? first.path.join('.') : '(root)';
    return { ok: false, reason: 'manifest-invalid', detail: `manifest.json ${where}: ${first?.message ?? 'invalid'}` };
  }
  return { ok: true, manifest: parsed.data as PluginManifest };
}

/**
 * Why a manifest's backend entry cannot run: it must name a file the bundle holds (for a signed bundle, one
 * its signature covers, so the code that runs is the code that was signed). Null when fine or absent.
 */
export function backendEntryProblem(
  manifest: PluginManifest,
  inBundle: (path: string) => boolean,
): { reason: string; detail: string; file: string } | null {
  const entry = manifest.backend?.entry;
  if (entry === undefined) return null;
  if (!/\.(?:js|mjs|cjs)$/.test(entry))
    return { reason: 'backend-invalid', detail: `backend.entry "${entry}" must be a .js, .mjs or .cjs file`, file: entry };
  if (inBundle(entry)) return null;
  return { reason: 'backend-missing', detail: `backend.entry "${entry}" is not a signed file of the bundle`, file: entry };
}

/** True when `path` inside `dir` is a regular file (not a link, not a folder). */
export async function isRegularFileIn(dir: string, path: string): Promise<boolean> {
  const info = await lstat(join(dir, path)).catch(() => null);
  return info?.isFile() === true;
}

/** A checker that accepts unsigned folders: for tests and developer mode only. */
export const unsignedBundleChecker: BundleChecker = async (dir) => {
  const read = await readPluginManifest(dir);
  if (!read.ok) return { ...read, manifest: null };
  const entry = read.manifest.backend?.entry;
  const present = entry !== undefined && (await isRegularFileIn(dir, entry));
  const problem = backendEntryProblem(read.manifest, () => present);
  if (problem) return { ok: false, ...problem, manifest: read.manifest };
  return { ok: true, manifest: read.manifest, signed: false, publisherKeyId: null, digest: null, contentDir: dir };
};
