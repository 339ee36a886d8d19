// What an install screen shows before anything is installed: identity, capabilities, publisher, and what changed.
import { z } from 'zod';

export const pluginInspectionSchema = z.object({
  ok: z.boolean(),
  /** A stable reason when the bundle cannot be installed as it is (publisher-untrusted, digest-mismatch, ...). */
  reason: z.string().nullable(),
  detail: z.string().nullable(),
  /** The file inside the bundle that the refusal is about (`app.js`, `assets/logo.svg`), when there is one. */
  file: z.string().nullable(),
  manifest: z
    .object({
      id: z.string(),
      name: z.string(),
      version: z.string(),
      publisher: z.string(),
      description: z.string(),
      capabilities: z.array(z.string()),
      /** The backend script, when the plugin runs background code in its own process; absent or null when none. */
      backend: z.string().nullable().optional(),
    })
    .nullable(),
  signed: z.boolean(),
  publisher: z
    .object({
      keyId: z.string(),
      fingerprint: z.string().nullable(),
      publicKey: z.string().nullable(),
      trusted: z.boolean(),
      name: z.string().nullable(),
    })
    .nullable(),
  /** Set when a plugin with this id is installed already. */
  update: z.object({ fromVersion: z.string(), addedCapabilities: z.array(z.string()), publisherChanged: z.boolean() }).nullable(),
});
export type PluginInspection = z.infer<typeof pluginInspectionSchema>;
