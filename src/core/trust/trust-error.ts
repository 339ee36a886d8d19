import type { HostErrorCode } from '../../shared/host-error-codes';

/** A refused trust or marketplace call, with a host error code for the management API. */
export class TrustError extends Error {
  readonly code: HostErrorCode;
  constructor(code: HostErrorCode, message: string) {
    super(message);
    this.name = 'TrustError';
    this.code = code;
  }
}
