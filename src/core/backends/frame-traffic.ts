// Messages between a plugin's frame and its backend have no answer, so nothing else bounds them: a frame
// could flood its backend (and the host's queue to it), a backend its frame (and the renderer's). Each
// direction gets a token bucket per plugin by count, as the broker's rate, and one by size, so neither
// many small messages nor a few huge ones pass faster than a user interface needs.
import { PLUGIN_MESSAGE_BOUNDS } from '../../shared/plugin-message-bounds';
import { createRateLimiter, DEFAULT_RATE_LIMIT } from '../rate-limiter';

export type FrameTrafficDirection = 'toFrame' | 'fromFrame';

export const FRAME_TRAFFIC_LIMITS = {
  messages: DEFAULT_RATE_LIMIT,
  /** Characters of strings and keys: two of the largest messages at once, then one a second. */
  chars: { burst: PLUGIN_MESSAGE_BOUNDS.maxChars * 2, perSecond: PLUGIN_MESSAGE_BOUNDS.maxChars },
} as const;

export function createFrameTraffic(now: () => number, limits = FRAME_TRAFFIC_LIMITS) {
  const buckets = {
    toFrame: { messages: createRateLimiter({ ...limits.messages, now }), chars: createRateLimiter({ ...limits.chars, now }) },
    fromFrame: { messages: createRateLimiter({ ...limits.messages, now }), chars: createRateLimiter({ ...limits.chars, now }) },
  };
  return {
    /** Counts one message of `chars` characters; false when the plugin is over either rate in that direction. */
    admit(direction: FrameTrafficDirection, pluginId: string, chars: number): boolean {
      const bucket = buckets[direction];
      return bucket.messages.take(pluginId) && bucket.chars.take(pluginId, chars);
    },
  };
}
