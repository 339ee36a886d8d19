// Changes to the host's configuration (scopes, clipboard policy, hosts file path, secrets) are security
// decisions, so each is written down before it is made: the record goes first (a change the log cannot record
// is refused), the change follows, and a change that then fails gets a `failed` record of the same request.
import { randomUUID } from 'node:crypto';
import type { ConfigAuditAction } from '../shared/audit-actions';
import type { HostAuditPort } from './host-audit';
import { HostError } from './host-error';

export interface ConfigChange {
  action: ConfigAuditAction;
  /** The scope the change is about, when it is about one. */
  scope?: string | null;
  /** What changed, never a secret's value. */
  summary: Record<string, unknown>;
}

export type AuditedChange = <T>(change: ConfigChange, effect: () => T | Promise<T>) => Promise<T>;

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'INTERNAL_ERROR';
}

/** Runs configuration changes behind their audit record. */
export function createConfigAudit(audit: HostAuditPort): AuditedChange {
  return async (change, effect) => {
    const base = {
      correlationId: `host-${randomUUID()}`,
      pluginId: null,
      action: change.action,
      scope: change.scope ?? null,
      decision: null,
      reason: null,
    };
    try {
      await audit.append({ ...base, phase: 'changed', code: null, summary: change.summary });
    } catch (error) {
      throw new HostError('AUDIT_UNAVAILABLE', 'The audit log could not record this change, so it was not made.', {
        cause: error instanceof Error ? error.message : String(error),
      });
    }
    try {
      return await effect();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await audit
        .append({ ...base, phase: 'failed', code: codeOf(error), outcome: { error: message.slice(0, 500) } })
        .catch(() => undefined);
      throw error;
    }
  };
}
