// Keeps the bytes of an unfinished last write in a side file before the log is repaired over them.
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir } from './audit-files';
import type { TornTail } from './log-scan';

/** A side file still being written: only its rename makes it an `audit-torn-*.bin`, so none is ever seen half written. */
const UNFINISHED_SIDE_FILE = /^\.audit-torn-.*\.tmp$/;

/**
 * Saves the torn bytes as `audit-torn-<time>.bin`, durably, and resolves to its name. The log itself is not
 * touched: the caller writes the repair record in place of the torn bytes and only then cuts what follows.
 */
export async function saveTornBytes(dir: string, torn: TornTail, nowMs: number): Promise<string> {
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  const taken = new Set(await readdir(dir));
  let name = `audit-torn-${stamp}.bin`;
  for (let attempt = 1; taken.has(name); attempt++) name = `audit-torn-${stamp}-${attempt}.bin`;
  const staging = join(dir, `.${name}.${process.pid}.tmp`);
  const side = await open(staging, 'w', 0o600);
  try {
    await side.writeFile(torn.bytes);
    await side.sync();
  } finally {
    await side.close();
  }
  await rename(staging, join(dir, name));
  await syncDir(dir);
  return name;
}

/** Removes side files a process killed while saving torn bytes left; the caller holds the directory lock. */
export async function removeUnfinishedSideFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (UNFINISHED_SIDE_FILE.test(name)) await unlink(join(dir, name)).catch(() => undefined);
  }
}
