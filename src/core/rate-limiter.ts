/** Every plugin's rate unless the host is built with another: a burst of 60 messages, then 30 a second. */
export const DEFAULT_RATE_LIMIT = { burst: 60, perSecond: 30 } as const;

/** A token bucket per plugin: `burst` requests at once, refilled at `perSecond`. */
export function createRateLimiter(options: { burst: number; perSecond: number; now: () => number }) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Takes `cost` tokens (one by default); false, and nothing taken, when the plugin is over its rate. */
    take(key: string, cost = 1): boolean {
      const now = options.now();
      const bucket = buckets.get(key) ?? { tokens: options.burst, at: now };
      bucket.tokens = Math.min(options.burst, bucket.tokens + ((now - bucket.at) / 1000) * options.perSecond);
      bucket.at = now;
      const allowed = bucket.tokens >= cost;
      if (allowed) bucket.tokens -= cost;
      buckets.set(key, bucket);
      return allowed;
    },
  };
}
