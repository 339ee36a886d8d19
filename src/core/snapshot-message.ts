// The broker's door: one copy of a plugin message made of plain data, taken once, inside a try. Everything
// after the door reads the copy, so a getter that throws or answers differently on a second read, a Proxy, a
// cycle or a huge object can neither crash the host nor change what was checked.

/** Bounds of a copy; well above what the wire contract lets a valid request carry. */
export interface SnapshotLimits {
  /** Objects, arrays and primitives together. */
  maxNodes: number;
  /** Characters of all strings and keys together. */
  maxChars: number;
  maxDepth: number;
}

export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = { maxNodes: 200_000, maxChars: 64 * 1024 * 1024, maxDepth: 64 };

export type Snapshot = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Copies `message` into fresh plain objects, arrays and primitives, reading each own enumerable property once.
 * Anything else (functions, symbols, class instances, non-finite numbers, cycles, more than the limits) refuses.
 */
export function snapshotMessage(message: unknown, limits: SnapshotLimits = DEFAULT_SNAPSHOT_LIMITS): Snapshot {
  let nodes = 0;
  let chars = 0;
  const path = new Set<object>();
  // Set before the copy gives up on purpose; anything else thrown came from the message (a getter or a trap),
  // and a thrown value is never inspected: it may itself be a hostile Proxy.
  let refusal: string | null = null;
  const refuse: (why: string) => never = (why) => {
    refusal = why;
    throw new Error(why);
  };

  const count = (text?: string): void => {
    nodes += 1;
    if (text !== undefined) chars += text.length;
    if (nodes > limits.maxNodes || chars > limits.maxChars) refuse('the message is too large');
  };

  const copy = (value: unknown, depth: number): unknown => {
    if (value === null || typeof value === 'boolean') return (count(), value);
    if (typeof value === 'string') return (count(value), value);
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) refuse('the message holds a number that is not finite');
      return (count(), value);
    }
    if (typeof value !== 'object') refuse(`the message holds a ${typeof value}, which is not data`);
    if (depth >= limits.maxDepth) refuse('the message is nested too deeply');
    if (path.has(value)) refuse('the message refers to itself');
    count();
    path.add(value);
    try {
      if (Array.isArray(value)) {
        const length = value.length;
        if (typeof length !== 'number' || length > limits.maxNodes) refuse('the message is too large');
        const out: unknown[] = [];
        for (let i = 0; i < length; i++) out.push(copy(value[i], depth + 1));
        return out;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) refuse('the message holds an object that is not plain data');
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        count(key);
        const field = (value as Record<string, unknown>)[key];
        if (field === undefined) continue;
        // defineProperty, so a key named __proto__ stays data and never changes the copy's prototype.
        Object.defineProperty(out, key, { value: copy(field, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    } finally {
      path.delete(value);
    }
  };

  try {
    return { ok: true, value: copy(message, 0) };
  } catch {
    return { ok: false, error: `The message cannot be read: ${refusal ?? 'reading it failed'}.` };
  }
}
