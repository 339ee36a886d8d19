import { z } from 'zod';
import { capabilitySchema } from './capabilities.js';
import { pluginIdSchema } from './plugin-id.js';

/** A file inside the plugin folder: relative, no `.` or `..` components, letters, digits, `._-/` only. */
export const pluginRelativePathSchema = z
  .string()
  .max(256)
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._\-/]+$/, { message: 'must be a relative path inside the plugin folder' });

/**
 * `manifest.json`: who the plugin is, what it may ask for, and which page the host opens. Strict: an unknown
 * field is an error, so a typo never silently drops a setting.
 */
export const pluginManifestSchema = z.strictObject({
  id: pluginIdSchema,
  name: z.string().min(1).max(80),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, { message: 'must be a semantic version like 1.2.3' }),
  publisher: z.string().min(1).max(80),
  description: z.string().max(500).default(''),
  capabilities: z
    .array(capabilitySchema)
    .max(32)
    .refine((caps) => new Set(caps).size === caps.length, { message: 'must not repeat a capability' }),
  ui: z.strictObject({ entry: pluginRelativePathSchema }),
});
export type PluginManifest = z.infer<typeof pluginManifestSchema>;
export type PluginManifestInput = z.input<typeof pluginManifestSchema>;
