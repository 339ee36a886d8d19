// Whether this window has explained the model once: kept in localStorage beside the theme choice.
const STORAGE_KEY = 'gatehouse.welcomed';

/** The part of `localStorage` used here. */
interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const browserStorage = (): KeyValueStorage | undefined => (globalThis as { localStorage?: KeyValueStorage }).localStorage;

/** True once the user dismissed the first-run explanation on this machine. */
export function readWelcomed(storage: Pick<KeyValueStorage, 'getItem'> | undefined = browserStorage()): boolean {
  try {
    return storage?.getItem(STORAGE_KEY) === '1';
  } catch {
    // Storage may be unavailable: then the explanation shows each start, which is harmless.
    return false;
  }
}

/** Remembers that the first-run explanation was seen. */
export function markWelcomed(storage: Pick<KeyValueStorage, 'setItem'> | undefined = browserStorage()): void {
  try {
    storage?.setItem(STORAGE_KEY, '1');
  } catch {
    // See readWelcomed.
  }
}
