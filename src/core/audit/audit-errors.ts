/** The audit log cannot write (or was closed): callers must refuse the action they wanted to record. */
export class AuditUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuditUnavailableError';
  }
}
