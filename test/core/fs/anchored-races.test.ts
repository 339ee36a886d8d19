// A directory swapped for an outward symlink at the worst moment: right before the syscall that changes the
// disk, after every check. The effect must stay in the directory that was held, never land outside.
import assert from 'node:assert/strict';
import { mkdir, readdir, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FsEffectHook } from '../../../src/core/fs/fs-execute';
import { expectFailure, listTree, makeTempDir, mutate, scopeOver } from './fs-test-helpers';
import { snapshotTree } from './tree-snapshot';

async function setup(t: Parameters<typeof makeTempDir>[0]) {
  const base = await makeTempDir(t, 'gatehouse-race-');
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  await mkdir(root);
  await mkdir(join(outside, 'nested'), { recursive: true });
  await writeFile(join(outside, 'secret'), 'outside secret');
  await writeFile(join(outside, 'nested', 'deep'), 'deep secret');
  return { root, outside, scope: scopeOver([root]), before: await snapshotTree(outside) };
}

/** Once, at the step named `when`: moves `dir` aside (inside the root) and puts a symlink to `outside` in its place. */
function swapAt(when: string, dir: string, outside: string): { hook: FsEffectHook; fired: () => boolean } {
  let fired = false;
  return {
    fired: () => fired,
    hook: async ({ step }) => {
      if (fired || step !== when) return;
      fired = true;
      await rename(dir, `${dir}-moved`);
      await symlink(outside, dir);
    },
  };
}

test('mkdir -p: a created directory swapped for an outward symlink before the next mkdir; the rest lands in the held directory', async (t) => {
  const { root, outside, scope, before } = await setup(t);
  const swap = swapAt('mkdir b', join(root, 'a'), outside);
  await mutate(scope, [{ type: 'mkdir', path: join(root, 'a', 'b', 'c'), recursive: true }], { beforeEffect: swap.hook });
  assert.ok(swap.fired());
  assert.deepEqual(await snapshotTree(outside), before, 'nothing was created outside');
  assert.deepEqual(await listTree(root), ['a', 'a-moved', 'a-moved/b', 'a-moved/b/c']);
});

test('writeFile: the folder swapped right before the temp file is created; the temp file is made in the held folder, and the write is refused', async (t) => {
  const { root, outside, scope, before } = await setup(t);
  await mkdir(join(root, 'sub'));
  const swap = swapAt('create temp file', join(root, 'sub'), outside);
  await expectFailure(
    mutate(scope, [{ type: 'writeFile', path: join(root, 'sub', 'secret'), content: 'pwned' }], { beforeEffect: swap.hook }),
    'SCOPE_VIOLATION',
    {
      reason: 'path-changed-during-write',
    },
  );
  assert.ok(swap.fired());
  assert.deepEqual(await snapshotTree(outside), before);
  assert.deepEqual(await readdir(join(root, 'sub-moved')), [], 'the temp file was removed from the held folder');
});

test('writeFile and appendFile: the folder swapped right before the rename; the new file lands in the held folder only', async (t) => {
  for (const type of ['writeFile', 'appendFile'] as const) {
    const { root, outside, scope, before } = await setup(t);
    await mkdir(join(root, 'sub'));
    await writeFile(join(root, 'sub', 'secret'), 'inside ');
    const swap = swapAt('rename temp file', join(root, 'sub'), outside);
    await mutate(scope, [{ type, path: join(root, 'sub', 'secret'), content: 'new' }], { beforeEffect: swap.hook });
    assert.ok(swap.fired());
    assert.deepEqual(await snapshotTree(outside), before, `${type}: the outside file is untouched`);
    assert.deepEqual(await listTree(join(root, 'sub-moved')), ['secret']);
  }
});

test('rm -r: a directory being emptied swapped for an outward symlink; only the held tree is removed, the link itself goes', async (t) => {
  const { root, outside, scope, before } = await setup(t);
  await mkdir(join(root, 'tree', 'inner'), { recursive: true });
  for (const name of ['one', 'two', 'three']) await writeFile(join(root, 'tree', 'inner', name), name);
  await writeFile(join(outside, 'one'), 'outside one');
  const withOne = await snapshotTree(outside);
  const swap = swapAt('unlink one', join(root, 'tree', 'inner'), outside);
  await mutate(scope, [{ type: 'remove', path: join(root, 'tree'), recursive: true }], { beforeEffect: swap.hook });
  assert.ok(swap.fired());
  assert.deepEqual(await snapshotTree(outside), withOne, 'no file outside was deleted');
  assert.notDeepEqual(withOne, before);
  assert.deepEqual(await listTree(root), [], 'the held tree (moved aside inside the root) and the planted link are both gone');
});

test('rm -r of a directory swapped for an outward symlink between check and remove removes the link, never its target', async (t) => {
  const { root, outside, scope, before } = await setup(t);
  await mkdir(join(root, 'victim'));
  await mutate(scope, [{ type: 'remove', path: join(root, 'victim'), recursive: true }], {
    beforeCommit: async () => {
      await rename(join(root, 'victim'), join(root, 'aside'));
      await symlink(outside, join(root, 'victim'));
    },
  });
  assert.deepEqual(await snapshotTree(outside), before);
  assert.deepEqual(await listTree(root), ['aside']);
});

test('rename: the source folder swapped right before the rename; the entry moved is the held one', async (t) => {
  const { root, outside, scope, before } = await setup(t);
  await mkdir(join(root, 'sub'));
  await writeFile(join(root, 'sub', 'secret'), 'inside');
  const swap = swapAt('rename', join(root, 'sub'), outside);
  await mutate(scope, [{ type: 'rename', from: join(root, 'sub', 'secret'), to: join(root, 'taken') }], { beforeEffect: swap.hook });
  assert.ok(swap.fired());
  assert.deepEqual(await snapshotTree(outside), before, 'the outside file was not moved into the root');
  assert.deepEqual(await listTree(root), ['sub', 'sub-moved', 'taken']);
});
