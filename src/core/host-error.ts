import type { HostErrorCode } from '../shared/host-error-codes';

/** A refused management call (install, grant, status change, scope edit) with a stable code. */
export class HostError extends Error {
  readonly code: HostErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: HostErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'HostError';
    this.code = code;
    this.details = details;
  }
}
