import { z } from 'zod';
import { capabilitySchema, pluginIdSchema } from '@gatehouse/plugin-sdk';

// The id rule (one DNS label that starts with a letter) is the SDK's, so authors and the host agree.
export { pluginIdSchema };

const relativeEntrySchema = z
  .string()
  .max(256)
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._\-/]+$/, { message: 'must be a relative path inside the plugin folder' });

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
  ui: z.strictObject({ entry: relativeEntrySchema }),
});
export type PluginManifest = z.infer<typeof pluginManifestSchema>;
