// A 1 MiB append SIGKILLed at each bad moment leaves exactly the old or the new content, never a part.
import assert from 'node:assert/strict';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTempDir } from './fs-test-helpers';
import { killWhen, startWriter, tempFilesIn, type DiskMoment } from './kill-helpers';

const MIB = 1024 * 1024;
const OLD = Buffer.alloc(MIB, 'o');
const NEW = Buffer.concat([OLD, Buffer.alloc(MIB, 'n')]);

/** When to kill, and whether the watcher must list the folder for temp files (slower) or only stat the target. */
const TRIGGERS: Array<[string, (m: DiskMoment) => boolean, boolean]> = [
  ['the temp file appears', (m) => m.tempSize !== null, true],
  ['the temp file holds part of the content', (m) => m.tempSize !== null && m.tempSize > 0 && m.tempSize < NEW.length, true],
  ['the temp file is complete', (m) => m.tempSize === NEW.length, true],
  // An in-place append shows as a target between the old and the new size: the moment a kill tears it.
  ['the target has grown but is not complete', (m) => m.targetSize > OLD.length && m.targetSize < NEW.length, false],
  ['the target changes', (m) => m.targetSize !== OLD.length, false],
];

test('an append killed while the temp file appears, grows, is complete, or the target changes holds old or new content', async (t) => {
  const root = await makeTempDir(t, 'gatehouse-append-kill-');
  const target = join(root, 'log');
  let kills = 0;
  const rounds = [...TRIGGERS, ...TRIGGERS];
  // Started together: a child's start-up (TypeScript loading) is the slow part, and it touches nothing on disk.
  const writers = await Promise.all(rounds.map(() => startWriter(['appendFile', root, 'log', String(MIB)])));
  for (const [index, [moment, trigger, watchTemp]] of rounds.entries()) {
    const { child, go } = writers[index]!;
    await writeFile(target, OLD);
    await go();
    const killed = await killWhen(child, root, target, trigger, (m) => m.targetSize === NEW.length && m.tempSize === null, { watchTemp });
    if (killed) kills++;
    const after = await readFile(target);
    assert.ok(
      after.equals(OLD) || after.equals(NEW),
      `killed when ${moment}: ${after.length} bytes, a torn append (old ${OLD.length}, new ${NEW.length})`,
    );
    // The leftover of a killed writer; the host core removes these through its journal (temp-journal.test.ts).
    for (const name of tempFilesIn(root)) await unlink(join(root, name));
  }
  // The temp-file moments and the rename each get caught in most rounds; fewer kills would mean the test saw nothing.
  assert.ok(kills >= 4, `the watcher caught the writer mid-append (${kills} kills)`);
});
