import * as z from 'zod/mini';

// zod/mini loads no locale, so its own messages would all read "Invalid input". The SDK's answers must read
// the same in a browser as under Node (where classic zod sets English globally), so every parse whose issues
// a plugin sees passes English messages itself, per call: no global zod setting is read or changed. They are
// zod's `en` locale word for word for the issues the SDK's schemas raise without a message of their own
// (test/english-messages.test.ts compares them); the whole locale would cost the browser file 1 KB gzipped,
// mostly names of string formats the SDK never uses. A schema's own message still wins over these.

// zod's util.parsedType and util.stringifyPrimitive, copied: importing them from zod's util namespace keeps
// the whole namespace (6 KB) in a bundle.
function parsedType(data: unknown): string {
  if (typeof data === 'number') return Number.isNaN(data) ? 'NaN' : 'number';
  if (typeof data === 'object') {
    if (data === null) return 'null';
    if (Array.isArray(data)) return 'array';
    const ctor = (data as { constructor?: { name?: string } }).constructor;
    if (Object.getPrototypeOf(data) !== Object.prototype && 'constructor' in data && ctor) return String(ctor.name);
  }
  return typeof data;
}

function typeName(type: string, input?: unknown): string {
  if (type === 'number' && typeof input === 'number' && !Number.isFinite(input)) return String(input);
  // zod names NaN "NaN" in a message; parsedType already does (the SDK has no NaN schema, so "expected nan" never arises).
  return type;
}

function quote(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  return typeof value === 'string' ? `"${value}"` : String(value);
}

// Only the origins the SDK's schemas have (no file, set or map schema), which keeps the browser file small.
const UNITS: Partial<Record<string, string>> = { string: 'characters', array: 'items' };

/**
 * zod's English message for an issue the SDK's schemas can raise without a message of their own: a wrong type,
 * a wrong literal or option, a size bound, an unmatched union. Every other issue the SDK raises carries its own
 * message or is reworded by `toValidationIssues` (unknown fields, record keys), so it gets zod's last resort,
 * "Invalid input".
 */
export function englishMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${typeName(issue.expected)}, received ${typeName(parsedType(issue.input), issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `Invalid input: expected ${quote(issue.values[0])}`
        : `Invalid option: expected one of ${issue.values.map(quote).join('|')}`;
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const limit = `${issue.exact ? 'exactly ' : `${big ? '<' : '>'}${issue.inclusive ? '=' : ''}`}${big ? issue.maximum : issue.minimum}`;
      const unit = UNITS[issue.origin ?? ''];
      return `Too ${big ? 'big' : 'small'}: expected ${issue.origin ?? 'value'} to ${unit ? `have ${limit} ${unit}` : `be ${limit}`}`;
    }
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      return options?.length
        ? `Invalid discriminator value. Expected ${options.map((o) => `'${String(o)}'`).join(' | ')}`
        : 'Invalid input';
    }
    default:
      return 'Invalid input';
  }
}

/**
 * `schema.safeParse(input)` with zod's English messages for the issues a schema does not word itself.
 * @example parseWithEnglishMessages(correlationIdSchema, 'x').error?.issues[0]?.message // 'must be at least 8 characters'
 */
export function parseWithEnglishMessages<T>(schema: z.core.$ZodType<T>, input: unknown): z.core.util.SafeParseResult<T> {
  return z.safeParse(schema, input, { error: englishMessage });
}
