import { createPrivilegedActionErrorResponse, pluginStorageMessageSchema, toValidationIssues, type PrivilegedActionResponse } from '@gatehouse/plugin-sdk';
import type { PluginInfo } from '../../shared/plugin-info';
import { ActionFailure } from '../action-failure';
import type { BrokerCaller } from '../broker';
import { correlationIdOf } from '../correlation-of';
import type { PluginStorage } from './plugin-storage';

/**
 * Answers a plugin's storage message: validated, only for an active plugin, rate limited, and always in the
 * caller's own namespace (the id comes from the host). Never throws.
 */
export function createStorageHandler(deps: { getPlugin(id: string): PluginInfo | null; storage: PluginStorage; takeRateToken(pluginId: string): boolean }) {
  return async (caller: BrokerCaller, message: unknown): Promise<PrivilegedActionResponse> => {
    const correlationId = correlationIdOf(message);
    const parsed = pluginStorageMessageSchema.safeParse(message);
    if (!parsed.success) {
      const issues = toValidationIssues(parsed.error);
      return createPrivilegedActionErrorResponse(correlationId, 'VALIDATION_FAILED', `Invalid storage request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
    }
    const plugin = deps.getPlugin(caller.pluginId);
    if (!plugin || plugin.status !== 'active' || !plugin.available) {
      return createPrivilegedActionErrorResponse(correlationId, 'PLUGIN_NOT_ACTIVE', `Plugin "${caller.pluginId}" is not active.`);
    }
    if (!deps.takeRateToken(plugin.id)) return createPrivilegedActionErrorResponse(correlationId, 'RATE_LIMITED', 'Too many requests.');
    try {
      return { ok: true, correlationId, result: await deps.storage.run(plugin.id, parsed.data.storage) };
    } catch (error) {
      if (error instanceof ActionFailure) return createPrivilegedActionErrorResponse(correlationId, error.code, error.message, error.details);
      return createPrivilegedActionErrorResponse(correlationId, 'OS_ERROR', 'Plugin storage could not be read or written.');
    }
  };
}
