// A compact, field-level list of what a configuration change changed: what the audit record of a scope save
// carries instead of two whole scopes. Values are the configuration's own (paths, modes, secret *names*); a
// scope holds no secret values, and long values are cut so one record stays small.

export interface FieldChange {
  /** Dotted path of the field, e.g. `confirmation.mode` or `roots`. */
  field: string;
  before?: unknown;
  after?: unknown;
}

const MAX_VALUE_CHARS = 300;
const MAX_CHANGES = 40;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value small enough for one record: long text or JSON is cut, with its length kept. */
function compact(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text.length <= MAX_VALUE_CHARS) return value;
  return `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length} characters)`;
}

function walk(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  // A configuration that appears or goes lists its fields, one side each.
  const absent = (value: unknown) => value === null || value === undefined;
  if (isPlainObject(before) && absent(after)) after = {};
  if (absent(before) && isPlainObject(after)) before = {};
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) walk(before[key], after[key], path ? `${path}.${key}` : key, out);
    return;
  }
  // Lists (roots, argv rules, operations) are compared whole: their order is part of their meaning.
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const change: FieldChange = { field: path || '(value)' };
  if (before !== undefined) change.before = compact(before);
  if (after !== undefined) change.after = compact(after);
  out.push(change);
}

/**
 * The fields that differ between two configurations, before → after; a field only on one side has only that
 * side. At most 40 changes are listed; `more` counts the rest.
 */
export function fieldChanges(before: unknown, after: unknown): { changes: FieldChange[]; more: number } {
  const all: FieldChange[] = [];
  walk(before, after, '', all);
  return { changes: all.slice(0, MAX_CHANGES), more: Math.max(0, all.length - MAX_CHANGES) };
}
