import type * as z from 'zod/mini';
import { parseWithEnglishMessages } from './english-messages.js';
import { privilegedActionMessageSchema, privilegedActionRequestSchema, isPrivilegedActionName } from './request.js';
import type { PrivilegedActionMessage, PrivilegedActionRequest } from './request.js';
import { pluginStorageMessageSchema, type PluginStorageMessage } from './storage/storage-schema.js';
import { pluginManifestSchema, type PluginManifest } from './manifest.js';

export interface ValidationIssue {
  /** Dotted field path, e.g. `payload.records[0].address`. */
  path: string;
  message: string;
}

export type ValidationResult<T> =
  { ok: true; value: T } | { ok: false; code: 'VALIDATION_FAILED' | 'ACTION_NOT_SUPPORTED'; error: string; issues: ValidationIssue[] };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 16;

/** Finds a prototype-polluting key or an over-deep structure anywhere in `value`; returns its path. */
function findHostileStructure(value: unknown, path: string, depth: number): ValidationIssue | null {
  if (typeof value !== 'object' || value === null) return null;
  if (depth > MAX_DEPTH) return { path: path || '(root)', message: `nesting deeper than ${MAX_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findHostileStructure(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const child = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return { path: child, message: `key "${key}" is not allowed` };
    const found = findHostileStructure((value as Record<string, unknown>)[key], child, depth + 1);
    if (found) return found;
  }
  return null;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/**
 * Turns zod issues into `{ path, message }` pairs; unknown keys become one issue per key.
 * @example toValidationIssues(privilegedActionRequestSchema.safeParse(input).error!)
 */
export function toValidationIssues(error: z.core.$ZodError): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: formatPath([...issue.path, key]), message: 'unknown field' });
    } else if (issue.code === 'invalid_key' && issue.issues.length > 0) {
      // A record key failed: report the key's own rule, not zod's generic "Invalid key".
      issues.push({ path: formatPath(issue.path), message: issue.issues.map((inner) => inner.message).join('; ') });
    } else {
      issues.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return issues;
}

/**
 * One-line summary of validation issues (the first three, then a count).
 * @example summarizeValidationIssues([{ path: 'payload.text', message: 'must be a string' }]) // 'Invalid privileged action request: payload.text: must be a string'
 */
export function summarizeValidationIssues(
  issues: readonly ValidationIssue[],
  what = 'privileged action request',
  code: 'VALIDATION_FAILED' | 'ACTION_NOT_SUPPORTED' = 'VALIDATION_FAILED',
): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `${code === 'ACTION_NOT_SUPPORTED' ? 'Action not supported' : `Invalid ${what}`}: ${shown.join('; ')}${more}`;
}

function fail<T>(issues: ValidationIssue[], what: string): ValidationResult<T> {
  return { ok: false, code: 'VALIDATION_FAILED', error: summarizeValidationIssues(issues, what), issues };
}

/** `requestPath` is where the `{ action, payload }` object sits ('' or 'request.'), or null for non-action input. */
function validateWith<T>(schema: z.core.$ZodType<T>, input: unknown, requestPath: string | null, what: string): ValidationResult<T> {
  try {
    const hostile = findHostileStructure(input, '', 0);
    if (hostile) return fail([hostile], what);
    if (requestPath !== null) {
      const requestLike = requestPath ? (input as { request?: unknown } | null)?.request : input;
      const action = (requestLike as { action?: unknown } | null | undefined)?.action;
      if (
        typeof requestLike === 'object' &&
        requestLike !== null &&
        !Array.isArray(requestLike) &&
        typeof action === 'string' &&
        !isPrivilegedActionName(action)
      ) {
        const issues = [{ path: `${requestPath}action`, message: `unknown action "${action.slice(0, 80)}"` }];
        return { ok: false, code: 'ACTION_NOT_SUPPORTED', error: summarizeValidationIssues(issues, what, 'ACTION_NOT_SUPPORTED'), issues };
      }
    }
    const parsed = parseWithEnglishMessages(schema, input);
    if (parsed.success) return { ok: true, value: parsed.data };
    return fail(toValidationIssues(parsed.error), what);
  } catch {
    // Getters that throw, proxies and the like: refuse rather than guess.
    return fail([{ path: '(root)', message: 'could not be read as plain data' }], what);
  }
}

/**
 * Validates a privileged action request `{ action, payload }` strictly; the error names each failing field.
 * @example
 * const checked = validateHostPrivilegedActionRequest({ action: 'system.clipboard.write', payload: { text: 'hi' } });
 * if (!checked.ok) console.error(checked.error); // "Invalid privileged action request: payload.text: ..."
 */
export function validateHostPrivilegedActionRequest(input: unknown): ValidationResult<PrivilegedActionRequest> {
  return validateWith(privilegedActionRequestSchema, input, '', 'privileged action request');
}

/**
 * Alias of {@link validateHostPrivilegedActionRequest}.
 * @example
 * const checked = validatePrivilegedActionRequest({ action: 'system.clipboard.read', payload: {} });
 */
export const validatePrivilegedActionRequest = validateHostPrivilegedActionRequest;

/**
 * Validates a wire message `{ correlationId, request }`.
 * @example validatePrivilegedActionMessage({ correlationId: 'gh-1234abcd', request })
 */
export function validatePrivilegedActionMessage(input: unknown): ValidationResult<PrivilegedActionMessage> {
  return validateWith(privilegedActionMessageSchema, input, 'request.', 'privileged action request');
}

/**
 * Validates a plugin storage message `{ correlationId, storage: { op, key?, value? } }`, as the host receives it.
 * @example validatePluginStorageMessage({ correlationId: 'st-1234abcd', storage: { op: 'get', key: 'theme' } })
 */
export function validatePluginStorageMessage(input: unknown): ValidationResult<PluginStorageMessage> {
  return validateWith(pluginStorageMessageSchema, input, null, 'plugin storage request');
}

/**
 * Checks a parsed `manifest.json` and reports every problem at once, each naming its field.
 * @example
 * const checked = validatePluginManifest(JSON.parse(text));
 * if (!checked.ok) for (const issue of checked.issues) console.error(`${issue.path}: ${issue.message}`);
 */
export function validatePluginManifest(input: unknown): ValidationResult<PluginManifest> {
  return validateWith(pluginManifestSchema, input, null, 'plugin manifest');
}
