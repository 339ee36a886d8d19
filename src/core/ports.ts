// What differs between Electron and tests, handed to createHostCore. Electron adapters live in src/main.
import type { ConfirmationRequest, ConfirmationDecision } from '../shared/confirmation';

/** The OS clipboard. In Electron it wraps `clipboard`; tests use a named fake. */
export interface ClipboardPort {
  readText(): Promise<string> | string;
  writeText(text: string): Promise<void> | void;
}

/** Asks the user. Resolves approved or declined; the core adds the timeout and cancellation. */
export interface ConfirmationPrompter {
  confirm(request: ConfirmationRequest, signal: AbortSignal): Promise<ConfirmationDecision>;
}

/** Key-value settings with conf's API: conf in the app (settings.json in the user data folder) and in Node tests. */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  has(key: string): boolean;
}

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
