import { PrivilegedActionValidationError } from './validation-error.js';

const PREFIX = /^[A-Za-z0-9._:-]{1,32}$/;
let counter = 0;

interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/**
 * A new correlation id `<prefix>-<time>-<counter>-<random>`: the counter keeps ids unique within this
 * page or process even in one millisecond, 64 random bits keep them apart across frames and processes.
 * Matches `correlationIdSchema`. The prefix is 1 to 32 characters of `[A-Za-z0-9._:-]`.
 * @example createPrivilegedActionCorrelationId('dns') // 'dns-lq8x2k1c-1-9f3a6c0e8d2b4a71'
 */
export function createPrivilegedActionCorrelationId(prefix = 'pa'): string {
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    throw new PrivilegedActionValidationError({
      error: 'Invalid correlation id prefix: must be 1 to 32 characters of letters, digits and . _ : -',
      issues: [{ path: 'prefix', message: 'must be 1 to 32 characters of letters, digits and . _ : -' }],
    });
  }
  const random = (globalThis as { crypto?: RandomSource }).crypto;
  if (!random || typeof random.getRandomValues !== 'function') throw new Error('crypto.getRandomValues is not available');
  const bytes = random.getRandomValues(new Uint8Array(8));
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return `${prefix}-${Date.now().toString(36)}-${counter.toString(36)}-${hex}`;
}
