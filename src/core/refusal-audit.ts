// Refusals are written down without letting one plugin flood the audit log: each plugin has a budget of
// refusal records; past it, refusals of the same plugin, action and code are counted and written as one record
// ("repeated": n) every flush interval and when the host closes. Nothing is dropped without being counted.
import { PRIVILEGED_ACTIONS } from '@gatehouse/plugin-sdk';
import type { HostAuditInput as AuditRecordInput, HostAuditPort } from './host-audit';
import { createRateLimiter } from './rate-limiter';

export interface RefusalAuditOptions {
  audit: HostAuditPort;
  now(): number;
  /** Refusal records a plugin may cause at once, and per second after that. */
  budget?: { burst: number; perSecond: number };
  /** How often counted refusals are written. */
  flushMs?: number;
}

interface Repeated {
  input: AuditRecordInput;
  count: number;
  firstAt: number;
  lastAt: number;
}

const KNOWN_ACTIONS = new Set<string>(PRIVILEGED_ACTIONS);

export type RefusalAudit = ReturnType<typeof createRefusalAudit>;

export function createRefusalAudit(options: RefusalAuditOptions) {
  const budget = createRateLimiter({ ...(options.budget ?? { burst: 20, perSecond: 2 }), now: options.now });
  const repeated = new Map<string, Repeated>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  function schedule(): void {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, options.flushMs ?? 5_000);
    // Counted refusals never keep the process alive; close() writes them.
    timer.unref();
  }

  /** Writes every counted refusal as one record per plugin, action and code; kept for the next try on failure. */
  async function flush(): Promise<void> {
    const batch = [...repeated.values()];
    repeated.clear();
    for (const entry of batch) {
      const at = (ms: number) => new Date(ms).toISOString();
      try {
        await options.audit.append({
          ...entry.input,
          correlationId: null,
          reason: null,
          summary: { ...entry.input.summary, repeated: entry.count, firstAt: at(entry.firstAt), lastAt: at(entry.lastAt) },
        });
      } catch {
        // The log is unavailable: the count stays, and is added to whatever arrives until the next flush.
        merge(entry);
      }
    }
  }

  function merge(entry: Repeated): void {
    const key = keyOf(entry.input);
    const existing = repeated.get(key);
    if (!existing) {
      repeated.set(key, entry);
    } else {
      existing.count += entry.count;
      existing.firstAt = Math.min(existing.firstAt, entry.firstAt);
      existing.lastAt = Math.max(existing.lastAt, entry.lastAt);
    }
    schedule();
  }

  return {
    /**
     * Records one refusal: its own record while the plugin's budget lasts (resolved once written, or once the
     * log has failed: a refusal stands either way), else counted into the next aggregate record.
     */
    async record(input: AuditRecordInput): Promise<void> {
      if (closed || budget.take(input.pluginId ?? '')) {
        await Promise.resolve()
          .then(() => options.audit.append(input))
          .catch(() => undefined);
        return;
      }
      const now = options.now();
      // The action of an invalid message is plugin text: counted under "invalid" so keys stay few.
      const action = KNOWN_ACTIONS.has(input.action) ? input.action : 'invalid';
      const error = typeof input.summary?.error === 'string' ? input.summary.error : undefined;
      merge({
        input: {
          pluginId: input.pluginId,
          pluginVersion: input.pluginVersion ?? null,
          correlationId: null,
          action,
          scope: null,
          phase: 'denied',
          decision: 'denied',
          code: input.code ?? null,
          summary: error ? { error } : {},
        },
        count: 1,
        firstAt: now,
        lastAt: now,
      });
    },
    flush,
    /** Writes what is counted and stops the timer; later refusals are written one by one. */
    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await flush();
    },
  };
}

function keyOf(input: AuditRecordInput): string {
  return `${input.pluginId ?? ''}\u0000${input.action}\u0000${input.code ?? ''}`;
}
