import type { z } from 'zod';
import { privilegedActionMessageSchema, privilegedActionRequestSchema, isPrivilegedActionName } from './request.js';
import type { PrivilegedActionMessage, PrivilegedActionRequest } from './request.js';

export interface ValidationIssue {
  /** Dotted field path, e.g. `payload.records[0].address`. */
  path: string;
  message: string;
}

export type ValidationResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: 'VALIDATION_FAILED' | 'ACTION_NOT_SUPPORTED'; error: string; issues: ValidationIssue[] };

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

/** Turns zod issues into `{ path, message }` pairs; unknown keys become one issue per key. */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
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

function summarize(issues: ValidationIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `Invalid privileged action request: ${shown.join('; ')}${more}`;
}

function validateWith<T>(schema: z.ZodType<T>, input: unknown, prefix: string): ValidationResult<T> {
  const hostile = findHostileStructure(input, '', 0);
  if (hostile) {
    const issues = [hostile];
    return { ok: false, code: 'VALIDATION_FAILED', error: summarize(issues), issues };
  }
  const requestLike = prefix ? (input as { request?: unknown } | null)?.request : input;
  const action = (requestLike as { action?: unknown } | null | undefined)?.action;
  if (typeof requestLike === 'object' && requestLike !== null && !Array.isArray(requestLike) && typeof action === 'string' && !isPrivilegedActionName(action)) {
    const issues = [{ path: `${prefix}action`, message: `unknown action "${action.slice(0, 80)}"` }];
    return { ok: false, code: 'ACTION_NOT_SUPPORTED', error: `Action not supported: ${action.slice(0, 80)}`, issues };
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = toValidationIssues(parsed.error);
  return { ok: false, code: 'VALIDATION_FAILED', error: summarize(issues), issues };
}

/**
 * Validates a privileged action request `{ action, payload }` strictly; the error names each failing field.
 * @example
 * const checked = validateHostPrivilegedActionRequest({ action: 'system.clipboard.write', payload: { text: 'hi' } });
 * if (!checked.ok) console.error(checked.error); // "Invalid privileged action request: payload.text: ..."
 */
export function validateHostPrivilegedActionRequest(input: unknown): ValidationResult<PrivilegedActionRequest> {
  return validateWith(privilegedActionRequestSchema, input, '');
}

/** Alias of {@link validateHostPrivilegedActionRequest}. */
export const validatePrivilegedActionRequest = validateHostPrivilegedActionRequest;

/**
 * Validates a wire message `{ correlationId, request }`.
 * @example validatePrivilegedActionMessage({ correlationId: 'gh-1234abcd', request })
 */
export function validatePrivilegedActionMessage(input: unknown): ValidationResult<PrivilegedActionMessage> {
  return validateWith(privilegedActionMessageSchema, input, 'request.');
}
