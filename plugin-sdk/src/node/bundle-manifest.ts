import { join } from 'node:path';
import { z } from 'zod';
import type { PluginManifest } from '../manifest.js';
import { validatePluginManifestWithSetup as validatePluginManifest } from '../setup/validate-manifest-setup.js';
import { PluginBundleError } from './bundle-error.js';
import { BUNDLE_LIMITS } from './bundle-limits.js';
import { MANIFEST_FILE_NAME } from './bundle-path.js';
import { readRegularFile } from './read-regular-file.js';

// Only identity is read here; the host validates the whole manifest when it loads the plugin.
const manifestIdentitySchema = z.looseObject({ id: z.string().min(1).max(128), version: z.string().min(1).max(128) });

/** The parsed manifest object with its id and version, or null when the bytes are not such a manifest. */
export function parseManifestIdentity(bytes: Uint8Array): { id: string; version: string; manifest: Record<string, unknown> } | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return null;
  }
  const parsed = manifestIdentitySchema.safeParse(value);
  if (!parsed.success) return null;
  return { id: parsed.data.id, version: parsed.data.version, manifest: value as Record<string, unknown> };
}

/**
 * Checks a folder's manifest.json as the host will. The author tool's `sign` and `pack` refuse what the
 * host would refuse, so an author learns it at build time: throws `manifest-invalid` naming every problem.
 */
export async function assertFolderManifestValid(dir: string): Promise<PluginManifest> {
  let value: unknown;
  try {
    value = JSON.parse((await readRegularFile(join(dir, MANIFEST_FILE_NAME), BUNDLE_LIMITS.fileBytes)).toString('utf8'));
  } catch (error) {
    if (error instanceof PluginBundleError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new PluginBundleError('manifest-invalid', 'The folder has no manifest.json.', { path: MANIFEST_FILE_NAME });
    throw new PluginBundleError('manifest-invalid', 'manifest.json is not JSON.', { path: MANIFEST_FILE_NAME });
  }
  const checked = validatePluginManifest(value);
  if (!checked.ok) {
    const list = checked.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new PluginBundleError('manifest-invalid', `manifest.json is not valid (${list}). Run gatehouse-plugin lint for details.`, {
      path: MANIFEST_FILE_NAME,
      issues: checked.issues,
    });
  }
  return checked.value;
}
