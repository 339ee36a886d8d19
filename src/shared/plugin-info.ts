import { capabilitySchema, type Capability } from '@gatehouse/plugin-sdk';
import { z } from 'zod';
export type PluginLifecycleStatus = 'installed' | 'active' | 'disabled';

/** What the host persists per plugin; never the bundle's path. */
export interface PluginState {
  status: PluginLifecycleStatus;
  granted: Capability[];
  /** The capabilities and key the user last consented to; a change needs consent again. */
  consented: { capabilities: Capability[]; publisherKeyId: string | null; version: string } | null;
  installedAt: number;
  updatedAt: number;
}

/** What the lifecycle API lists: identity, capabilities, digest, availability, status, timestamps, runtime. */
export const pluginInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  publisher: z.string(),
  description: z.string(),
  capabilities: z.array(capabilitySchema),
  granted: z.array(capabilitySchema),
  status: z.enum(['installed', 'active', 'disabled']),
  available: z.boolean(),
  unavailableReason: z.string().nullable(),
  signed: z.boolean(),
  publisherKeyId: z.string().nullable(),
  digest: z.string().nullable(),
  needsConsent: z.boolean(),
  /** The core's answer to "may this plugin act now?" (active, available, no consent pending); frames load only then. */
  mayAct: z.boolean(),
  installedAt: z.number(),
  updatedAt: z.number(),
  runtime: z.enum(['armed', 'stopped', 'failed']),
  entry: z.string(),
});
export type PluginInfo = z.infer<typeof pluginInfoSchema>;
