import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { ActionFailure } from '../../../src/core/action-failure';
import { diskFsView, SimulatedFsView } from '../../../src/core/fs/fs-view';
import { isWithin, resolveDirectory, resolveEntry } from '../../../src/core/fs/resolve-path';
import { makeTempDir } from './fs-test-helpers';

const NAMES = ['a', 'b', 'c'] as const;
const TARGETS = ['a', 'b', '../a', '../../b/c', '.', '..', '@/a', '@/b/c', 'a/../b', 'c/c', '@', 'missing/x'] as const;

const treeArbitrary = fc.array(
  fc.record({
    path: fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 2 }),
    kind: fc.constantFrom('dir', 'dir', 'file', 'link', 'link'),
    target: fc.constantFrom(...TARGETS),
  }),
  { minLength: 2, maxLength: 20 },
);
const queryArbitrary = fc.array(fc.constantFrom(...NAMES), { minLength: 2, maxLength: 5 });

test('resolving ancestors agrees with realpath(3) on random trees of directories, files and symlinks', async (t) => {
  const scratch = await makeTempDir(t, 'gatehouse-resolve-');
  await fc.assert(
    fc.asyncProperty(treeArbitrary, queryArbitrary, async (tree, query) => {
      const base = await mkdtemp(join(scratch, 'run-'));
      for (const entry of tree) {
        const path = join(base, ...entry.path);
        const target = entry.target.replace('@', base);
        await (entry.kind === 'dir' ? mkdir(path) : entry.kind === 'file' ? writeFile(path, '') : symlink(target, path)).catch(
          () => undefined,
        );
      }
      const path = join(base, ...query);
      let expected: string | null = null;
      let expectedErrno: string | undefined;
      try {
        if ((await stat(dirname(path))).isDirectory()) expected = await realpath(dirname(path));
        else expectedErrno = 'ENOTDIR';
      } catch (error) {
        expectedErrno = (error as { code?: string }).code;
      }
      let resolved;
      try {
        resolved = await resolveEntry(diskFsView, path);
      } catch (error) {
        assert.ok(error instanceof ActionFailure && error.details?.errno === 'ELOOP', String(error));
        assert.equal(expectedErrno, 'ELOOP');
        return;
      }
      if (expected !== null) {
        assert.equal(resolved.parent.path, expected);
        assert.equal(resolved.parent.missingFrom, null);
        assert.equal(resolved.parent.blockedBy, null);
      } else {
        assert.notEqual(expectedErrno, 'ELOOP');
        assert.ok(resolved.parent.missingFrom !== null || resolved.parent.blockedBy !== null, `${path}: ${expectedErrno}`);
      }
    }),
    { numRuns: 150 },
  );
});

test('a simulated view follows creates, removes and renames, including a renamed symlink', async (t) => {
  const base = await makeTempDir(t);
  await mkdir(join(base, 'existing', 'child'), { recursive: true });
  await symlink('/somewhere/else', join(base, 'link'));
  const view = new SimulatedFsView();
  view.recordCreate(join(base, 'new'), 'dir');
  view.recordCreate(join(base, 'new', 'f'), 'file');
  view.recordRename(join(base, 'link'), join(base, 'new', 'moved-link'));
  view.recordRemove(join(base, 'existing'));
  view.recordRename(join(base, 'new'), join(base, 'renamed'));

  assert.equal(await view.kindOf(join(base, 'renamed')), 'dir');
  assert.equal(await view.kindOf(join(base, 'renamed', 'f')), 'file');
  assert.equal(await view.kindOf(join(base, 'renamed', 'moved-link')), 'symlink');
  assert.equal(await view.readLink(join(base, 'renamed', 'moved-link')), '/somewhere/else');
  assert.equal(await view.kindOf(join(base, 'new')), 'absent');
  assert.equal(await view.kindOf(join(base, 'link')), 'absent');
  assert.equal(await view.kindOf(join(base, 'existing', 'child')), 'absent');
  assert.equal(await view.kindOf(join(base, 'renamed', 'nothing')), 'absent');

  const resolved = await resolveDirectory(view, join(base, 'renamed', 'moved-link', 'x'));
  assert.equal(resolved.path, '/somewhere/else/x');
});

test('isWithin compares whole components', () => {
  assert.equal(isWithin('/a/b', '/a/b'), true);
  assert.equal(isWithin('/a/b/c', '/a/b'), true);
  assert.equal(isWithin('/a/bc', '/a/b'), false);
  assert.equal(isWithin('/anything', '/'), true);
});
