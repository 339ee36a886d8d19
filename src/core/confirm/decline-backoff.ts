// A plugin that asks again after every Decline must not keep the app modal forever. After a few
// declined (or unanswered) prompts in a row, the host stops asking for a while and answers the plugin
// itself; every further refusal doubles the pause. One approval forgives the plugin.
import type { ConfirmationResult } from './confirmation-queue';

export interface DeclineBackoffOptions {
  now(): number;
  /** Declines (or unanswered prompts) in a row that start a pause. */
  threshold?: number;
  /** Declines further apart than this do not count as "in a row". */
  windowMs?: number;
  /** The first pause; each decline after it doubles the next one. */
  pauseMs?: number;
  maxPauseMs?: number;
}

interface Streak {
  declines: number;
  lastAt: number;
  pausedUntil: number;
}

export const DECLINE_BACKOFF_DEFAULTS = { threshold: 3, windowMs: 120_000, pauseMs: 30_000, maxPauseMs: 600_000 } as const;

/** Counts each plugin's refused prompts and says how long the host should stop prompting for it. */
export function createDeclineBackoff(options: DeclineBackoffOptions) {
  const threshold = options.threshold ?? DECLINE_BACKOFF_DEFAULTS.threshold;
  const windowMs = options.windowMs ?? DECLINE_BACKOFF_DEFAULTS.windowMs;
  const pauseMs = options.pauseMs ?? DECLINE_BACKOFF_DEFAULTS.pauseMs;
  const maxPauseMs = options.maxPauseMs ?? DECLINE_BACKOFF_DEFAULTS.maxPauseMs;
  const streaks = new Map<string, Streak>();

  return {
    /** Milliseconds the host still refuses to prompt for this plugin; 0 when it may ask. */
    remainingMs(pluginId: string): number {
      const streak = streaks.get(pluginId);
      return streak ? Math.max(0, streak.pausedUntil - options.now()) : 0;
    },
    /** Notes how a prompt of the plugin ended and hands the result on unchanged. */
    record(pluginId: string, result: ConfirmationResult): ConfirmationResult {
      const now = options.now();
      switch (result) {
        case 'approved':
        case 'approved-remember':
          streaks.delete(pluginId);
          return result;
        // A withdrawn or cancelled prompt says nothing about what the user wants.
        case 'cancelled':
          return result;
        case 'declined':
        case 'timeout':
          break;
        default:
          return unreachable(result);
      }
      const previous = streaks.get(pluginId);
      // Asking again right after a pause ends still counts as asking in a row.
      const inRow = previous !== undefined && now <= Math.max(previous.lastAt, previous.pausedUntil) + windowMs;
      const declines = inRow ? previous.declines + 1 : 1;
      const over = declines - threshold;
      const pausedUntil = over >= 0 ? now + Math.min(maxPauseMs, pauseMs * 2 ** over) : 0;
      streaks.set(pluginId, { declines, lastAt: now, pausedUntil });
      return result;
    },
    /** Forgets a plugin (removed, or re-enabled by the user after a block). */
    forget(pluginId: string): void {
      streaks.delete(pluginId);
    },
  };
}

// A new kind of answer must be sorted into "approves" or "refuses" here; the compiler insists.
function unreachable(result: never): never {
  throw new TypeError(`Unknown confirmation result: ${String(result)}`);
}
