import { z } from 'zod';

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
