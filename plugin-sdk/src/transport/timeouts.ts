/** How long a privileged request waits for its answer by default: confirmations take human time. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
/** How long a request waits for the host's init message (the port) by default. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** How long a storage operation waits for its answer by default; nobody confirms it. */
export const DEFAULT_STORAGE_TIMEOUT_MS = 30_000;
/** The longest delay timers can hold (2^31 - 1 ms); longer ones would fire at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * True for an integer number of milliseconds a timer can wait.
 * @example isValidTimeoutMs(120_000) // true; isValidTimeoutMs(2 ** 31) // false
 */
export function isValidTimeoutMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_TIMEOUT_MS;
}
