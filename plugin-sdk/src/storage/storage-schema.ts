import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { correlationIdSchema } from '../primitives.js';

/** A JSON value: what plugin storage keeps. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Keys of a plugin's storage namespace: 1 to 128 characters of `[A-Za-z0-9._:-]`. */
export const pluginStorageKeySchema = z.string().check(
  z.minLength(1, 'must not be empty'),
  z.maxLength(LIMITS.storageKeyLength, `must be at most ${LIMITS.storageKeyLength} characters`),
  z.regex(/^[A-Za-z0-9._:-]+$/, 'may contain only letters, digits and . _ : -'),
  z.refine((key) => !RESERVED_KEYS.has(key), 'is a reserved name'),
);

/**
 * Finds the first part of `value` that is not plain JSON (or is too deep or too large); returns its path and why.
 * @example findJsonValueIssue({ when: new Date() }) // { path: ['when'], message: 'only plain objects are JSON values' }
 */
export function findJsonValueIssue(value: unknown): { path: (string | number)[]; message: string } | null {
  const visit = (node: unknown, path: (string | number)[], depth: number): { path: (string | number)[]; message: string } | null => {
    if (node === null || typeof node === 'string' || typeof node === 'boolean') return null;
    if (typeof node === 'number') return Number.isFinite(node) ? null : { path, message: 'numbers must be finite' };
    if (typeof node !== 'object') return { path, message: `${typeof node} is not a JSON value` };
    if (depth >= LIMITS.jsonDepth) return { path, message: `nesting deeper than ${LIMITS.jsonDepth} levels` };
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const found = visit(node[i], [...path, i], depth + 1);
        if (found) return found;
      }
      return null;
    }
    const proto: unknown = Object.getPrototypeOf(node);
    if (proto !== Object.prototype && proto !== null) return { path, message: 'only plain objects are JSON values' };
    for (const key of Object.keys(node)) {
      if (RESERVED_KEYS.has(key)) return { path: [...path, key], message: `key "${key}" is not allowed` };
      const found = visit((node as Record<string, unknown>)[key], [...path, key], depth + 1);
      if (found) return found;
    }
    return null;
  };
  const found = visit(value, [], 0);
  if (found) return found;
  if (JSON.stringify(value).length > LIMITS.storageValueLength) {
    return { path: [], message: `must serialize to at most ${LIMITS.storageValueLength} characters of JSON` };
  }
  return null;
}

/** A JSON-serialisable value: plain objects, arrays, strings, finite numbers, booleans and null, bounded in depth and size. */
export const jsonValueSchema = z.unknown().check(
  z.superRefine((value, ctx) => {
    const issue = findJsonValueIssue(value);
    if (issue) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }),
) as unknown as z.ZodMiniType<JsonValue>;

export const pluginStorageGetSchema = z.strictObject({ op: z.literal('get'), key: pluginStorageKeySchema });
export const pluginStorageSetSchema = z.strictObject({ op: z.literal('set'), key: pluginStorageKeySchema, value: jsonValueSchema });
export const pluginStorageDeleteSchema = z.strictObject({ op: z.literal('delete'), key: pluginStorageKeySchema });
export const pluginStorageKeysSchema = z.strictObject({ op: z.literal('keys') });

/** One storage operation: `{ op: 'get' | 'set' | 'delete' | 'keys', key?, value? }`. */
export const pluginStorageRequestSchema = z.discriminatedUnion('op', [
  pluginStorageGetSchema,
  pluginStorageSetSchema,
  pluginStorageDeleteSchema,
  pluginStorageKeysSchema,
]);
export type PluginStorageRequest = z.infer<typeof pluginStorageRequestSchema>;
export type PluginStorageOp = PluginStorageRequest['op'];

/** A storage message on the plugin's port: `{ correlationId, storage }`; the answer is a response envelope. */
export const pluginStorageMessageSchema = z.strictObject({
  correlationId: correlationIdSchema,
  storage: pluginStorageRequestSchema,
});
export type PluginStorageMessage = z.infer<typeof pluginStorageMessageSchema>;

export interface PluginStorageGetResult {
  key: string;
  /** False when the key holds nothing; `value` is then null. */
  found: boolean;
  value: JsonValue | null;
}

export interface PluginStorageSetResult {
  key: string;
  /** Size of the stored value as JSON, in characters. */
  size: number;
}

export interface PluginStorageDeleteResult {
  key: string;
  deleted: boolean;
}

export interface PluginStorageKeysResult {
  keys: string[];
}

/** The result type of each storage operation. */
export interface PluginStorageResultMap {
  get: PluginStorageGetResult;
  set: PluginStorageSetResult;
  delete: PluginStorageDeleteResult;
  keys: PluginStorageKeysResult;
}
