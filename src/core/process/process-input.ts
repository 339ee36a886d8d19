import type { Encoding } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../action-failure';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes stdin gets: `input` as UTF-8, or decoded from strict base64. */
export function decodeProcessInput(input: string | null, encoding: Encoding): Buffer | null {
  if (input === null) return null;
  if (encoding === 'utf8') return Buffer.from(input, 'utf8');
  if (!BASE64.test(input)) {
    throw new ActionFailure('VALIDATION_FAILED', 'The input is not valid base64.', {
      issues: [{ path: 'payload.input', message: 'must be base64 when encoding is "base64"' }],
    });
  }
  return Buffer.from(input, 'base64');
}
