import { LIMITS } from './limits.js';

/**
 * Normalizes a scope id: trim, lowercase, every run of characters outside `[a-z0-9._-]` becomes `-`,
 * no leading or trailing `-`.
 * @example normalizeScopeId('  My Docker ') // 'my-docker'
 */
export function normalizeScopeId(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * True when `value` is already a normal scope id.
 * @example isNormalizedScopeId('docker-cli') // true; isNormalizedScopeId('Docker CLI') // false
 */
export function isNormalizedScopeId(value: string): boolean {
  return value.length > 0 && value.length <= LIMITS.scopeIdLength && normalizeScopeId(value) === value;
}
