// The size of a message that arrived as a structured clone (Electron's parentPort), where no byte stream
// exists to bound: a walk that counts what JSON would spend on it and stops as soon as it is over the limit,
// so a huge message costs no more to refuse than a small one.

/** Bytes JSON would take for `value` (strings counted at up to 3 bytes a UTF-16 unit), or null once over `limit` or not plain data. */
export function structuredMessageSize(value: unknown, limit: number): number | null {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || current === undefined || typeof current === 'boolean' || typeof current === 'number') size += 8;
    else if (typeof current === 'string') size += current.length * 3 + 2;
    else if (typeof current !== 'object') return null;
    else if (Array.isArray(current)) {
      size += 2 + current.length;
      for (let i = 0; i < current.length && size <= limit; i++) stack.push(current[i]);
    } else {
      const proto = Object.getPrototypeOf(current) as unknown;
      if (proto !== Object.prototype && proto !== null) return null;
      for (const key of Object.keys(current)) {
        size += key.length * 3 + 4;
        if (size > limit) return null;
        stack.push((current as Record<string, unknown>)[key]);
      }
    }
    if (size > limit) return null;
  }
  return size;
}
