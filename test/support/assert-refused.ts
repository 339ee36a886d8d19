// One way to say "the host refused this, with this code": the failure message shows the whole response.
import assert from 'node:assert/strict';
import type { PrivilegedActionErrorResponse, PrivilegedActionErrorCode, PrivilegedActionResponse } from '@gatehouse/plugin-sdk';

/** Asserts a refusal with `code` and returns it narrowed, so a test can look at its details next. */
export function assertRefused<T>(response: PrivilegedActionResponse<T>, code: PrivilegedActionErrorCode): PrivilegedActionErrorResponse<T> {
  if (response.ok || response.code !== code) assert.fail(`expected a refusal with ${code}, got ${JSON.stringify(response).slice(0, 600)}`);
  return response;
}
