import type { HostErrorCode } from './host-error-codes';

/** Every IPC call answers with this: errors cross the process boundary as data with a stable code. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; code: HostErrorCode; error: string; details?: Record<string, unknown> };
