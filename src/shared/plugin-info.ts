import type { Capability } from '@gatehouse/plugin-sdk';
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
export interface PluginInfo {
  id: string;
  name: string;
  version: string;
  publisher: string;
  description: string;
  capabilities: Capability[];
  granted: Capability[];
  status: PluginLifecycleStatus;
  available: boolean;
  unavailableReason: string | null;
  signed: boolean;
  publisherKeyId: string | null;
  digest: string | null;
  needsConsent: boolean;
  /** The core's answer to "may this plugin act now?" (active, available, no consent pending); frames load only then. */
  mayAct: boolean;
  installedAt: number;
  updatedAt: number;
  runtime: 'armed' | 'stopped' | 'failed';
  entry: string;
}
