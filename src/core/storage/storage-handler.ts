import {
  createPrivilegedActionErrorResponse,
  pluginStorageMessageSchema,
  summarizeValidationIssues,
  toValidationIssues,
  type PrivilegedActionResponse,
} from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../action-failure';
import type { BrokerCaller } from '../broker';
import { correlationIdOf } from '../correlation-of';
import type { RightsRefusal } from '../plugins/may-act';
import { refusalMessage, refusalRemedy } from '../plugins/refusal-guidance';
import { snapshotMessage } from '../snapshot-message';
import type { PluginStorage } from './plugin-storage';

/**
 * Answers a plugin's storage message: rate limited (every message counts), copied once at the door, validated,
 * only for a plugin that may act now, and always in the caller's own namespace (the id comes from the host).
 * Never rejects.
 */
export function createStorageHandler(deps: {
  mayAct(pluginId: string): RightsRefusal | null;
  storage: PluginStorage;
  takeRateToken(pluginId: string): boolean;
}) {
  return async (caller: BrokerCaller, raw: unknown): Promise<PrivilegedActionResponse> => {
    let correlationId = correlationIdOf(null);
    try {
      const pluginId = String(caller.pluginId);
      const door = snapshotMessage(raw);
      const message = door.ok ? door.value : null;
      correlationId = correlationIdOf(message);
      if (!deps.takeRateToken(pluginId)) return createPrivilegedActionErrorResponse(correlationId, 'RATE_LIMITED', 'Too many requests.');
      if (!door.ok) return createPrivilegedActionErrorResponse(correlationId, 'VALIDATION_FAILED', door.error);
      const parsed = pluginStorageMessageSchema.safeParse(message);
      if (!parsed.success) {
        const issues = toValidationIssues(parsed.error);
        return createPrivilegedActionErrorResponse(
          correlationId,
          'VALIDATION_FAILED',
          summarizeValidationIssues(issues, 'storage request'),
          { issues },
        );
      }
      const refusal = deps.mayAct(pluginId);
      if (refusal) {
        const remedy = refusalRemedy(refusal);
        return createPrivilegedActionErrorResponse(correlationId, 'PLUGIN_NOT_ACTIVE', refusalMessage(pluginId, refusal), {
          cause: refusal.cause,
          ...(remedy ? { remedy } : {}),
        });
      }
      return { ok: true, correlationId, result: await deps.storage.run(pluginId, parsed.data.storage) };
    } catch (error) {
      if (error instanceof ActionFailure)
        return createPrivilegedActionErrorResponse(correlationId, error.code, error.message, error.details);
      return createPrivilegedActionErrorResponse(correlationId, 'OS_ERROR', 'Plugin storage could not be read or written.');
    }
  };
}
