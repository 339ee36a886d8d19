// The fallback for hosts without /proc (macOS, Windows), run here by switching the probe: the same operations
// work, and a folder swapped before an effect is caught by the check right before it.
import assert from 'node:assert/strict';
import { mkdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { anchoring, setAnchoringForTests } from '../../../src/core/fs/held-dir';
import { expectFailure, listTree, makeTempDir, mutate, scopeOver } from './fs-test-helpers';
import { snapshotTree } from './tree-snapshot';

before(() => setAnchoringForTests('path-checks'));
after(() => setAnchoringForTests(undefined));

test('with path checks, every operation type still works', async (t) => {
  assert.equal(anchoring(), 'path-checks');
  const root = await makeTempDir(t);
  const scope = scopeOver([root]);
  await mutate(scope, [
    { type: 'mkdir', path: join(root, 'a', 'b'), recursive: true },
    { type: 'writeFile', path: join(root, 'a', 'b', 'f'), content: 'one ' },
    { type: 'appendFile', path: join(root, 'a', 'b', 'f'), content: 'two' },
    { type: 'rename', from: join(root, 'a', 'b', 'f'), to: join(root, 'a', 'g') },
    { type: 'remove', path: join(root, 'a', 'b'), recursive: true },
  ]);
  assert.deepEqual(await listTree(root), ['a', 'a/g']);
  assert.equal(await readFile(join(root, 'a', 'g'), 'utf8'), 'one two');
});

test('with path checks, a folder swapped for an outward link before an effect is refused and nothing lands outside', async (t) => {
  const base = await makeTempDir(t);
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  await mkdir(join(root, 'sub'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(outside, 'f'), 'outside');
  await writeFile(join(root, 'sub', 'f'), 'inside');
  const snapshot = await snapshotTree(outside);
  for (const [operation, step] of [
    [{ type: 'writeFile' as const, path: join(root, 'sub', 'f'), content: 'x' }, 'rename temp file'],
    [{ type: 'remove' as const, path: join(root, 'sub', 'f') }, 'unlink f'],
  ] as const) {
    let fired = false;
    await expectFailure(
      mutate(scopeOver([root]), [operation], {
        beforeEffect: async (event) => {
          if (fired || event.step !== step) return;
          fired = true;
          await rename(join(root, 'sub'), join(root, `moved-${operation.type}`));
          await symlink(outside, join(root, 'sub'));
        },
      }),
      'SCOPE_VIOLATION',
      { reason: 'path-changed-during-write' },
    );
    assert.ok(fired);
    assert.deepEqual(await snapshotTree(outside), snapshot);
    await rename(join(root, 'sub'), join(root, `link-${operation.type}`));
    await mkdir(join(root, 'sub'));
    await writeFile(join(root, 'sub', 'f'), 'inside');
  }
});
