// How the registry learns whether a plugin folder may be used. The trust module supplies the real check.
import { readFile } from 'node:fs/promises';
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

/** A checker that accepts unsigned folders: for tests and developer mode only. */
export const unsignedBundleChecker: BundleChecker = async (dir) => {
  const read = await readPluginManifest(dir);
  if (!read.ok) return { ...read, manifest: null };
  return { ok: true, manifest: read.manifest, signed: false, publisherKeyId: null, digest: null, contentDir: dir };
};
