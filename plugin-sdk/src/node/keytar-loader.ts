/** The part of keytar used here. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/** How long one keychain call may take before the keychain counts as unavailable. */
export const KEYCHAIN_TIMEOUT_MS = 10_000;

/** Loads keytar lazily, so everything else works where the native module is missing. Throws when it is. */
export async function loadKeytar(): Promise<KeytarLike> {
  const mod = (await import('keytar')) as unknown as { default?: KeytarLike } & Partial<KeytarLike>;
  const keytar = mod.default ?? (mod as KeytarLike);
  if (typeof keytar.getPassword !== 'function' || typeof keytar.setPassword !== 'function') {
    throw new Error('keytar did not load.');
  }
  return keytar;
}

/** Resolves like `promise`, or rejects after `ms` (the call itself cannot be aborted). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms.`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
