import type { ActionPreview } from '../../shared/confirmation';

export interface RememberedApproval {
  pluginId: string;
  key: string;
  expiresAt: number;
  preview: ActionPreview;
}

export type ApprovalMemory = ReturnType<typeof createApprovalMemory>;

/** Per-command approvals: remembered for one exact invocation key and plugin, for a limited time, revocable. */
export function createApprovalMemory(now: () => number) {
  const approvals = new Map<string, RememberedApproval>();
  const id = (pluginId: string, key: string) => `${pluginId}\u0000${key}`;
  return {
    has(pluginId: string, key: string): boolean {
      const found = approvals.get(id(pluginId, key));
      if (!found) return false;
      if (found.expiresAt <= now()) {
        approvals.delete(id(pluginId, key));
        return false;
      }
      return true;
    },
    remember(pluginId: string, key: string, ttlMs: number, preview: ActionPreview): void {
      approvals.set(id(pluginId, key), { pluginId, key, expiresAt: now() + ttlMs, preview });
    },
    list(): RememberedApproval[] {
      const t = now();
      return [...approvals.values()].filter((a) => a.expiresAt > t);
    },
    /** Forgets one approval, or every approval of a plugin when no key is given. */
    revoke(pluginId: string, key?: string): number {
      let removed = 0;
      for (const [k, approval] of approvals) {
        if (approval.pluginId === pluginId && (key === undefined || approval.key === key)) {
          approvals.delete(k);
          removed++;
        }
      }
      return removed;
    },
  };
}
