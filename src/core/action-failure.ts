import type { PrivilegedActionErrorCode } from '@gatehouse/plugin-sdk';

/** An expected failure with a stable code; the broker turns it into an error envelope. */
export class ActionFailure extends Error {
  readonly code: PrivilegedActionErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly result: unknown;
  constructor(code: PrivilegedActionErrorCode, message: string, details?: Record<string, unknown>, result?: unknown) {
    super(message);
    this.name = 'ActionFailure';
    this.code = code;
    this.details = details;
    this.result = result;
  }
}

/** SCOPE_VIOLATION with `details.reason` naming the rule that was broken. */
export function scopeViolation(reason: string, message: string, details: Record<string, unknown> = {}): ActionFailure {
  return new ActionFailure('SCOPE_VIOLATION', message, { reason, ...details });
}
