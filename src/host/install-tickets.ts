// One-time install tickets: the renderer holds an opaque token, main keeps the folder and what the user saw.
import { randomBytes } from 'node:crypto';
import type { PluginInspection } from '../shared/plugin-inspection';

export interface InstallTicketEntry {
  path: string;
  inspection: PluginInspection;
  /** The folder is a private unpacked copy of an archive, removed once the ticket is used or cancelled. */
  staged?: boolean;
}

export interface InstallTickets {
  /** Stores a folder and its inspection; returns the token that stands for them. */
  issue(entry: InstallTicketEntry): string;
  /** Hands the entry out once; null for an unknown, used or expired token. */
  take(token: string): InstallTicketEntry | null;
  /** Forgets a token; true when it was still open. */
  discard(token: string): boolean;
}

/**
 * Keeps at most `max` open tickets for `ttlMs` each; the oldest is dropped when a new one would exceed
 * the cap, so a renderer that never installs cannot grow the map.
 */
export function createInstallTickets(options: { ttlMs?: number; max?: number; now?: () => number } = {}): InstallTickets {
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const max = options.max ?? 16;
  const now = options.now ?? Date.now;
  const open = new Map<string, InstallTicketEntry & { expiresAt: number }>();

  const sweep = (): void => {
    const time = now();
    for (const [token, entry] of open) if (entry.expiresAt <= time) open.delete(token);
  };

  return {
    issue(entry) {
      sweep();
      while (open.size >= max) {
        const oldest = open.keys().next().value;
        if (oldest === undefined) break;
        open.delete(oldest);
      }
      const token = randomBytes(24).toString('base64url');
      open.set(token, { ...entry, expiresAt: now() + ttlMs });
      return token;
    },
    take(token) {
      sweep();
      const entry = open.get(token);
      if (!entry) return null;
      open.delete(token);
      return { path: entry.path, inspection: entry.inspection, ...(entry.staged ? { staged: true } : {}) };
    },
    discard(token) {
      return open.delete(token);
    },
  };
}
