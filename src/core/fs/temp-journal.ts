import { constants } from 'node:fs';
import { open, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { errnoOf } from './fs-errors';
import { HeldDir, withDir } from './held-dir';
import { TEMP_NAME } from './temp-files';

/** The journal's file name in the host core's data folder. */
export const TEMP_JOURNAL_FILE = 'fs-temp-journal';

/** Past this many lines, the journal is emptied as soon as no temp file is in flight. */
const COMPACT_AFTER_LINES = 256;

const entrySchema = z.strictObject({
  dir: z.string().refine((dir) => isAbsolute(dir) && !dir.includes('\0')),
  name: z.string().regex(TEMP_NAME),
});
type Entry = z.infer<typeof entrySchema>;

/**
 * A small journal of the temp files this host is about to create, so that a crash leaves none behind:
 * `record` makes the entry durable before the temp file exists, and the next `openTempJournal` removes
 * every listed leftover that is still a regular file with a temp-file name.
 */
export interface TempJournal {
  /** Records `name` in the canonical directory `dir`; resolves once durable. Call the returned function when the temp file is gone. */
  record(dir: string, name: string): Promise<() => void>;
  close(): Promise<void>;
}

/**
 * Opens (creating) the journal at `file` in a folder of the host's own, first removing the leftovers it
 * lists. Each leftover is reached from `/` one component at a time without following a symlink; one that
 * cannot be reached that way, or is no longer a regular file, is left alone.
 */
export async function openTempJournal(file: string): Promise<{ journal: TempJournal; removed: string[] }> {
  const removed = await removeJournalledLeftovers(file);
  const handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  await handle.truncate(0);
  await handle.sync();
  return { journal: createJournal(handle), removed };
}

/** Removes the leftovers `file` lists; returns their paths. Never throws for one entry. */
export async function removeJournalledLeftovers(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    const entry = parseLine(line);
    if (!entry || seen.has(`${entry.dir}\0${entry.name}`)) continue;
    seen.add(`${entry.dir}\0${entry.name}`);
    try {
      await withDir(HeldDir.openCanonical(entry.dir), async (dir) => {
        const stats = await dir.lstatAt(entry.name);
        if (!stats?.isFile()) return;
        await unlink(dir.at(entry.name));
        await dir.sync();
        removed.push(join(entry.dir, entry.name));
      });
    } catch {
      // The folder is gone, moved, or now reached through a symlink: nothing of ours to remove there.
    }
  }
  return removed;
}

function parseLine(line: string): Entry | null {
  if (line.trim() === '') return null;
  try {
    const parsed = entrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    // A torn last line: its temp file was never created.
    return null;
  }
}

function createJournal(handle: FileHandle): TempJournal {
  const inFlight = new Set<string>();
  let lines = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return next;
  };
  let nextId = 0;

  return {
    async record(dir, name) {
      const id = `${nextId++}`;
      inFlight.add(id);
      try {
        await serial(async () => {
          await handle.write(`${JSON.stringify({ dir, name } satisfies Entry)}\n`);
          await handle.sync();
          lines++;
        });
      } catch (error) {
        inFlight.delete(id);
        throw error;
      }
      return () => {
        inFlight.delete(id);
        if (inFlight.size > 0 || lines < COMPACT_AFTER_LINES) return;
        void serial(async () => {
          // Only when nothing is in flight at this moment: every listed temp file is gone.
          if (inFlight.size > 0) return;
          await handle.truncate(0);
          await handle.sync();
          lines = 0;
        }).catch(() => undefined);
      };
    },
    async close() {
      await queue;
      await handle.close();
    },
  };
}
