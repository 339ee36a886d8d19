// The one answer to "may this plugin act now?". The broker, plugin storage, plugin content serving, the
// registry's listing (which the renderer reads) and every re-check at the moment of effect ask this function.
import type { Capability, PrivilegedActionErrorCode } from '@gatehouse/plugin-sdk';

/** The parts of a plugin's listing the answer depends on. */
export interface PluginRightsState {
  status: string;
  available: boolean;
  needsConsent: boolean;
  capabilities: readonly Capability[];
  granted: readonly Capability[];
}

/** Why a plugin may not act: a stable code and a short cause that audit records and messages reuse. */
export interface RightsRefusal {
  code: Extract<PrivilegedActionErrorCode, 'PLUGIN_NOT_ACTIVE' | 'CAPABILITY_DENIED'>;
  /** Lowercase words, e.g. "plugin disabled" or "capability not granted"; read as "<cause> while waiting". */
  cause: string;
  /** Capabilities the request needs that are not both declared and granted. */
  missing?: Capability[];
  undeclared?: Capability[];
}

/**
 * Null when the plugin is installed, active, available, has no consent pending and holds every capability
 * in `required` (declared by its manifest and granted by the user); otherwise the first reason it may not.
 */
export function mayAct(plugin: PluginRightsState | null, required: readonly Capability[] = []): RightsRefusal | null {
  if (!plugin) return { code: 'PLUGIN_NOT_ACTIVE', cause: 'plugin not installed' };
  if (!plugin.available) return { code: 'PLUGIN_NOT_ACTIVE', cause: 'plugin unavailable' };
  if (plugin.status !== 'active') return { code: 'PLUGIN_NOT_ACTIVE', cause: `plugin ${plugin.status}` };
  if (plugin.needsConsent) return { code: 'PLUGIN_NOT_ACTIVE', cause: 'plugin consent pending' };
  const missing = required.filter((cap) => !plugin.capabilities.includes(cap) || !plugin.granted.includes(cap));
  if (missing.length) {
    return {
      code: 'CAPABILITY_DENIED',
      cause: 'capability not granted',
      missing,
      undeclared: missing.filter((cap) => !plugin.capabilities.includes(cap)),
    };
  }
  return null;
}
