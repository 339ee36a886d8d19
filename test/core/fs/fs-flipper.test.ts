// A hostile child process swaps directories and symlinks inside the root in a tight loop while the host runs
// ten thousand real operations there. Nothing may appear, change or disappear outside the root.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FsOperation } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../../../src/core/action-failure';
import { makeTempDir, mutate, scopeOver } from './fs-test-helpers';
import { snapshotTree } from './tree-snapshot';

const OPERATIONS = 10_000;

function operationFor(i: number, root: string): FsOperation {
  const dirs = [join(root, 'a'), join(root, 'a', 'b'), join(root, 'a', 'b', 'c'), join(root, 'd')];
  const dir = dirs[i % dirs.length]!;
  // Names that also exist outside, so that a write or remove through a swapped link would show.
  const file = join(dir, ['secret', 'deep', 'f'][(i >> 2) % 3]!);
  switch ((i >> 4) % 6) {
    case 0:
      return { type: 'mkdir', path: join(dir, 'x', 'y'), recursive: true };
    case 1:
      return { type: 'writeFile', path: file, content: `w${i}` };
    case 2:
      return { type: 'appendFile', path: file, content: `a${i}` };
    case 3:
      return { type: 'rename', from: file, to: join(dirs[(i >> 2) % dirs.length]!, 'moved') };
    case 4:
      return { type: 'remove', path: join(dir, 'x'), recursive: true, force: true };
    default:
      return { type: 'remove', path: dir, recursive: true, force: true };
  }
}

test('10,000 operations under a directory/symlink flipper leave the outside tree byte for byte as it was', async (t) => {
  const base = await makeTempDir(t, 'gatehouse-flipper-');
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  await mkdir(root);
  await mkdir(join(outside, 'nested', 'deeper'), { recursive: true });
  for (const dir of [outside, join(outside, 'nested'), join(outside, 'nested', 'deeper')]) {
    for (const name of ['secret', 'deep', 'f']) await writeFile(join(dir, name), `outside ${name}`);
    await mkdir(join(dir, 'x'));
    await writeFile(join(dir, 'x', 'keep'), 'keep');
  }
  const before = await snapshotTree(outside);

  const flipper = spawn(process.execPath, [join(import.meta.dirname, 'fixtures', 'flipper.mjs'), root, outside], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => flipper.kill('SIGKILL'));
  await once(flipper.stdout!, 'data');

  const scope = scopeOver([root]);
  const outcomes = new Map<string, number>();
  let next = 0;
  // Several batches in flight at once, as several plugins would have: the host races itself as well.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < OPERATIONS) {
        const operation = operationFor(next++, root);
        let outcome = `${operation.type} ok`;
        try {
          await mutate(scope, [operation]);
        } catch (error) {
          if (!(error instanceof ActionFailure)) throw error;
          outcome = `${operation.type} ${String(error.details?.reason ?? error.details?.errno ?? error.code)}`;
        }
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    }),
  );
  assert.equal(flipper.exitCode, null, 'the flipper ran all along');
  flipper.kill('SIGKILL');
  await once(flipper, 'exit');

  assert.deepEqual(await snapshotTree(outside), before, 'nothing outside the root was created, changed or deleted');
  const summary = Object.fromEntries([...outcomes].sort());
  t.diagnostic(JSON.stringify(summary));
  for (const type of ['mkdir', 'writeFile', 'appendFile', 'rename', 'remove']) {
    assert.ok((outcomes.get(`${type} ok`) ?? 0) > 0, `some ${type} operations succeeded under the flipper: ${JSON.stringify(summary)}`);
  }
});
