// Privilege bits: a plugin may never create setuid/setgid/sticky entries, nor keep such a bit through a
// rewrite, and gets world-writable entries only where the scope says so. Checked on the files themselves.
import assert from 'node:assert/strict';
import { chmod, lstat, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fsScopeSchema } from '../../../src/shared/fs-scope-schema';
import { expectFailure, listTree, makeTempDir, mutate, scopeOver } from './fs-test-helpers';

const bits = async (path: string) => (await lstat(path)).mode & 0o7777;

test('setuid, setgid and sticky bits in a requested mode are refused before anything is written', async (t) => {
  const root = await makeTempDir(t);
  const scope = scopeOver([root], { allowWorldWritable: true });
  for (const mode of [0o4755, 0o2755, 0o1777, 0o6711, 0o4000]) {
    for (const operation of [
      { type: 'writeFile' as const, path: join(root, 'tool'), content: '#!/bin/sh\n', mode },
      { type: 'mkdir' as const, path: join(root, 'shared'), mode },
      { type: 'mkdir' as const, path: join(root, 'deep', 'shared'), mode, recursive: true },
    ]) {
      const failure = await expectFailure(mutate(scope, [{ type: 'mkdir', path: join(root, 'first') }, operation]), 'SCOPE_VIOLATION', {
        reason: 'special-mode-bits',
      });
      assert.equal(failure.details?.operationIndex, 1);
    }
  }
  assert.deepEqual(await listTree(root), [], 'not even the first operation of the batch ran');
});

test('rewriting or appending to an existing setuid/setgid file strips those bits from the result', async (t) => {
  const root = await makeTempDir(t);
  const scope = scopeOver([root]);
  for (const [start, expected] of [
    [0o4755, 0o755],
    [0o2750, 0o750],
    [0o6755, 0o755],
    [0o1644, 0o644],
  ] as const) {
    for (const type of ['writeFile', 'appendFile'] as const) {
      const file = join(root, `tool-${type}-${start.toString(8)}`);
      await writeFile(file, 'old ');
      await chmod(file, start);
      assert.equal(await bits(file), start, 'the test starts from a privileged file');
      await mutate(scope, [{ type, path: file, content: 'new' }]);
      assert.equal(await bits(file), expected, `${type} of a 0${start.toString(8)} file`);
      assert.equal(await readFile(file, 'utf8'), type === 'writeFile' ? 'new' : 'old new');
    }
  }
});

test('world-writable modes are refused by default and allowed when the scope says so', async (t) => {
  const root = await makeTempDir(t);
  const strict = scopeOver([root]);
  for (const operation of [
    { type: 'writeFile' as const, path: join(root, 'open'), content: 'x', mode: 0o666 },
    { type: 'writeFile' as const, path: join(root, 'open'), content: 'x', mode: 0o602 },
    { type: 'mkdir' as const, path: join(root, 'drop'), mode: 0o777 },
  ]) {
    await expectFailure(mutate(strict, [operation]), 'SCOPE_VIOLATION', { reason: 'world-writable-mode' });
  }
  assert.deepEqual(await listTree(root), []);

  // An existing world-writable file keeps its other bits but loses world-write when rewritten under a strict scope.
  await writeFile(join(root, 'was-open'), 'x');
  await chmod(join(root, 'was-open'), 0o666);
  await mutate(strict, [{ type: 'appendFile', path: join(root, 'was-open'), content: 'y' }]);
  assert.equal(await bits(join(root, 'was-open')), 0o664);

  const open = scopeOver([root], { allowWorldWritable: true });
  await mutate(open, [
    { type: 'writeFile', path: join(root, 'open'), content: 'x', mode: 0o666 },
    { type: 'mkdir', path: join(root, 'drop'), mode: 0o777 },
  ]);
  assert.equal(await bits(join(root, 'open')), 0o666);
  assert.equal(await bits(join(root, 'drop')), 0o777 & ~process.umask());
  await chmod(join(root, 'was-open'), 0o666);
  await mutate(open, [{ type: 'writeFile', path: join(root, 'was-open'), content: 'z' }]);
  assert.equal(await bits(join(root, 'was-open')), 0o666, 'kept where the scope allows it');
});

test('a new file under umask 0 is not world-writable unless the scope allows it', async (t) => {
  const root = await makeTempDir(t);
  const previous = process.umask(0);
  try {
    await mutate(scopeOver([root]), [
      { type: 'writeFile', path: join(root, 'f'), content: 'x' },
      { type: 'mkdir', path: join(root, 'd') },
    ]);
  } finally {
    process.umask(previous);
  }
  assert.equal(await bits(join(root, 'f')), 0o664);
  assert.equal(await bits(join(root, 'd')), 0o775);
});

test('the scope field is optional, boolean only, and absent means not allowed', () => {
  const base = { id: 'x', title: 'X', roots: ['/tmp/x'], allowedOperations: ['writeFile'], maxWriteBytes: 10 };
  assert.equal(fsScopeSchema.parse(base).allowWorldWritable, undefined);
  assert.equal(fsScopeSchema.parse({ ...base, allowWorldWritable: true }).allowWorldWritable, true);
  assert.equal(fsScopeSchema.safeParse({ ...base, allowWorldWritable: 'yes' }).success, false);
  assert.equal(fsScopeSchema.safeParse({ ...base, allowWorldWritable: 1 }).success, false);
});
