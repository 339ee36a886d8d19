// Quitting must not hang on a close that never finishes: wait a bounded time, then go anyway.

/** How long quitting waits for the host core to cancel prompts and close the audit log. */
export const CLOSE_TIMEOUT_MS = 5_000;

/** Resolves 'settled' when `work` settles (fulfilled or rejected) within `ms`, else 'timed-out'. */
export async function settleWithin(work: Promise<unknown>, ms: number): Promise<'settled' | 'timed-out'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => 'settled' as const,
        () => 'settled' as const,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
