import * as z from 'zod/mini';
import { capabilitySchema } from './capabilities.js';
import { pluginIdSchema } from './plugin-id.js';

/** A file inside the plugin folder: relative, no `.` or `..` components, letters, digits, `._-/` only. */
export const pluginRelativePathSchema = z
  .string()
  .check(
    z.maxLength(256),
    z.regex(/^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._\-/]+$/, 'must be a relative path inside the plugin folder'),
  );

/**
 * `manifest.json`: who the plugin is, what it may ask for, and which page the host opens. Strict: an unknown
 * field is an error, so a typo never silently drops a setting.
 */
export const pluginManifestSchema = z.strictObject({
  id: pluginIdSchema,
  name: z.string().check(z.minLength(1), z.maxLength(80)),
  version: z.string().check(z.regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'must be a semantic version like 1.2.3')),
  publisher: z.string().check(z.minLength(1), z.maxLength(80)),
  description: z._default(z.string().check(z.maxLength(500)), ''),
  capabilities: z.array(capabilitySchema).check(
    z.maxLength(32),
    z.refine((caps) => new Set(caps).size === caps.length, 'must not repeat a capability'),
  ),
  ui: z.strictObject({ entry: pluginRelativePathSchema }),
  /**
   * Optional background code: a JavaScript file in the bundle the host runs in its own isolated process,
   * with the same identity, grants and consent as the frame. The `.js`/`.mjs`/`.cjs` ending is checked by
   * the host and `lint` (backendEntryProblem), not here: the browser build has no bytes to spare.
   */
  backend: z.optional(z.strictObject({ entry: pluginRelativePathSchema })),
  // What the plugin needs on this machine. Not checked here, to keep the browser file small;
  // `setupSectionSchema` (Node entry) checks it in full wherever a manifest is read for real (host, CLI).
  setup: z.optional(z.unknown()),
});
export type PluginManifest = z.infer<typeof pluginManifestSchema>;
export type PluginManifestInput = z.input<typeof pluginManifestSchema>;
