/** A failed host call as the UI shows it: the stable code, the message, and any details (field issues). */
export interface HostFailure {
  code: string;
  error: string;
  details?: Record<string, unknown>;
}
