// Cuts an unfinished last write off the current file, keeping the cut bytes in a side file.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir } from './audit-files';
import type { TornTail } from './log-scan';

/** Saves the torn bytes as `audit-torn-<time>.bin`, then truncates the file; resolves to the side file's name. */
export async function cutTornTail(dir: string, torn: TornTail, nowMs: number): Promise<string> {
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  let name = '';
  for (let attempt = 0; ; attempt++) {
    name = `audit-torn-${stamp}${attempt === 0 ? '' : `-${attempt}`}.bin`;
    try {
      const side = await open(join(dir, name), 'wx', 0o600);
      try {
        await side.writeFile(torn.bytes);
        await side.sync();
      } finally {
        await side.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 100) throw error;
    }
  }
  await syncDir(dir);
  const log = await open(join(dir, torn.file.name), 'r+');
  try {
    await log.truncate(torn.offset);
    await log.sync();
  } finally {
    await log.close();
  }
  return name;
}
