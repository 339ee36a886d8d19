// Whether this window has explained the model once: kept in localStorage beside the theme choice.
const STORAGE_KEY = 'gatehouse.welcomed';

/** True once the user dismissed the first-run explanation on this machine. */
export function readWelcomed(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): boolean {
  try {
    return storage?.getItem(STORAGE_KEY) === '1';
  } catch {
    // Storage may be unavailable: then the explanation shows each start, which is harmless.
    return false;
  }
}

/** Remembers that the first-run explanation was seen. */
export function markWelcomed(storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(STORAGE_KEY, '1');
  } catch {
    // See readWelcomed.
  }
}
