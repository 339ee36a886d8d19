// How big and how deep a message from a plugin frame may be, checked before anything clones or parses it
// again: in the renderer at the first hop (plugin-ports.ts) and at IPC (ipc-contract.ts). The walk stops at
// the first value over a bound, so a huge message costs no more to refuse than a small one.
import { LIMITS } from '@gatehouse/plugin-sdk';
import { z } from 'zod';

export const PLUGIN_MESSAGE_BOUNDS = {
  /** Nesting of objects and arrays: the contract's own depth plus the envelope around the payload. */
  maxDepth: LIMITS.jsonDepth + 4,
  /** Values of every kind together; the largest valid workflow (64 steps of 256 arguments) stays far below. */
  maxValues: 65_536,
  /** Characters of all strings and keys together: the largest file content plus room for the rest. */
  maxChars: LIMITS.fsContentLength + 1_048_576,
  /** Keys of one object and length of one array; no field of the contract comes near. */
  maxEntries: 4096,
} as const;

export type MessageBoundsResult = { ok: true } | { ok: false; reason: string };

/**
 * Checks that `value` is plain data (objects, arrays, strings, finite numbers, booleans, null, undefined) within the
 * bounds. Maps, dates, buffers, blobs and anything with another prototype are refused.
 */
export function checkPluginMessageBounds(value: unknown, bounds = PLUGIN_MESSAGE_BOUNDS): MessageBoundsResult {
  const measured = measurePluginMessage(value, bounds);
  return measured.ok ? { ok: true } : measured;
}

/** As checkPluginMessageBounds, also giving the characters of all strings and keys (what a rate by size counts). */
export function measurePluginMessage(
  value: unknown,
  bounds = PLUGIN_MESSAGE_BOUNDS,
): { ok: true; chars: number } | { ok: false; reason: string } {
  let values = 0;
  let chars = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    values += 1;
    if (values > bounds.maxValues) return { ok: false, reason: `more than ${bounds.maxValues} values` };
    if (current === null || current === undefined || typeof current === 'boolean') continue;
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) return { ok: false, reason: 'a number that is not finite' };
      continue;
    }
    if (typeof current === 'string') {
      chars += current.length;
      if (chars > bounds.maxChars) return { ok: false, reason: `more than ${bounds.maxChars} characters` };
      continue;
    }
    if (typeof current !== 'object') return { ok: false, reason: `a value of type ${typeof current}` };
    if (depth >= bounds.maxDepth) return { ok: false, reason: `nested deeper than ${bounds.maxDepth}` };
    if (Array.isArray(current)) {
      if (current.length > bounds.maxEntries) return { ok: false, reason: `an array of more than ${bounds.maxEntries} items` };
      for (let i = 0; i < current.length; i++) stack.push({ value: current[i], depth: depth + 1 });
      continue;
    }
    const proto = Object.getPrototypeOf(current) as unknown;
    if (proto !== Object.prototype && proto !== null) return { ok: false, reason: 'an object that is not plain data' };
    const keys = Object.keys(current);
    if (keys.length > bounds.maxEntries) return { ok: false, reason: `an object of more than ${bounds.maxEntries} keys` };
    for (const key of keys) {
      chars += key.length;
      if (chars > bounds.maxChars) return { ok: false, reason: `more than ${bounds.maxChars} characters` };
      stack.push({ value: (current as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return { ok: true, chars };
}

/** The IPC schema of a forwarded plugin message: any plain data within the bounds; the core parses the rest. */
export const pluginMessageSchema = z.unknown().superRefine((value, ctx) => {
  const checked = checkPluginMessageBounds(value);
  if (!checked.ok) ctx.addIssue({ code: 'custom', message: `plugin message too large or not plain data: ${checked.reason}` });
});
