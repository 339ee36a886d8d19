// keytar runs each call on a libuv worker thread, and libsecret is not safe when calls overlap: a delete
// racing a read crashes the process in `secret_value_get_text` (seen with gnome-keyring), and overlapping
// searches see items half created or half removed. So the whole process makes one keychain call at a time.

let tail: Promise<void> = Promise.resolve();

/**
 * Runs `call` once every keychain call queued before it has settled, rejecting when it has not finished
 * within `timeoutMs` of being queued. A call whose time runs out while it waits never starts (a store the
 * caller gave up on must not happen later). A call that hangs in the keychain frees the queue when its
 * time runs out, so one stuck D-Bus request does not stop every later one.
 * @example await runKeychainCall(() => keytar.getPassword(service, account), 10_000)
 */
export function runKeychainCall<T>(call: () => Promise<T>, timeoutMs: number): Promise<T> {
  let release!: () => void;
  const turn = tail;
  tail = new Promise<void>((resolve) => (release = resolve));
  let timedOut = false;

  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      timedOut = true;
      release();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    timer.unref();
    void turn.then(async () => {
      if (timedOut) return;
      try {
        resolve(await call());
      } catch (error) {
        reject(error instanceof Error ? error : new Error('keychain call failed'));
      } finally {
        clearTimeout(timer);
        release();
      }
    });
  });
}
