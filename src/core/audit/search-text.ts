// The lowercase text a record is found by: the plugin's reason and the string values of its summary.

/** Longest search text kept per record, in characters. */
export const SEARCH_TEXT_MAX = 4096;

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (typeof value === 'object' && value !== null)
    for (const key in value) collectStrings((value as Record<string, unknown>)[key], out);
}

/** The search text of a record: reason and summary string values, lowercased, one per line, capped. */
export function buildSearchText(reason: string | null | undefined, summary: unknown): string {
  const parts: string[] = [];
  if (typeof reason === 'string' && reason.length > 0) parts.push(reason);
  collectStrings(summary, parts);
  let text = parts.join('\n');
  if (text.length > SEARCH_TEXT_MAX) text = text.slice(0, SEARCH_TEXT_MAX);
  return text.toLowerCase();
}

/** The form a query's text takes to be compared with stored search text; NUL ends a record there. */
export function normalizeNeedle(text: string): string {
  return text.replaceAll('\0', ' ').toLowerCase();
}
