// Hostile requests against a filesystem scope, with the escapes made on disk for real.
import assert from 'node:assert/strict';
import { appendFile, link, lstat, mkdir, mkdtemp, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { prepareFsMutate } from '../../../src/core/actions/fs-mutate';
import { expectFailure, listTree, makeTempDir, mutate, scopeOver, testRunContext } from './fs-test-helpers';

async function rootAndOutside(t: Parameters<typeof makeTempDir>[0]) {
  const base = await makeTempDir(t, 'gatehouse-hostile-');
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  await mkdir(root);
  await mkdir(outside);
  await writeFile(join(outside, 'secret'), 'outside secret');
  return { base, root, outside, scope: scopeOver([root]) };
}

test('a symlinked directory inside the root that points outside is not a way out', async (t) => {
  const { root, outside, scope } = await rootAndOutside(t);
  await symlink(outside, join(root, 'link'));
  for (const operation of [
    { type: 'writeFile' as const, path: join(root, 'link', 'planted'), content: 'x' },
    { type: 'appendFile' as const, path: join(root, 'link', 'secret'), content: 'x' },
    { type: 'mkdir' as const, path: join(root, 'link', 'dir') },
    { type: 'remove' as const, path: join(root, 'link', 'secret') },
    { type: 'rename' as const, from: join(root, 'link', 'secret'), to: join(root, 'stolen') },
  ]) {
    const failure = await expectFailure(mutate(scope, [operation]), 'SCOPE_VIOLATION', { reason: 'path-outside-roots' });
    assert.equal(failure.details?.operationIndex, 0);
  }
  assert.deepEqual(await listTree(outside), ['secret']);
  assert.equal(await readFile(join(outside, 'secret'), 'utf8'), 'outside secret');
});

test('a path whose ancestor symlink (several levels up, relative target) escapes is refused', async (t) => {
  const { root, outside, scope } = await rootAndOutside(t);
  await mkdir(join(root, 'a'));
  await symlink('../../outside', join(root, 'a', 'b'));
  await expectFailure(mutate(scope, [{ type: 'writeFile', path: join(root, 'a', 'b', 'x'), content: 'x' }]), 'SCOPE_VIOLATION', {
    reason: 'path-outside-roots',
  });
  await symlink(join(root, 'a', 'b'), join(root, 'chain'));
  await expectFailure(mutate(scope, [{ type: 'mkdir', path: join(root, 'chain', 'x', 'y'), recursive: true }]), 'SCOPE_VIOLATION', {
    reason: 'path-outside-roots',
  });
  assert.deepEqual(await listTree(outside), ['secret']);
});

test('a symlink that stays inside the root is followed; a root reached through a symlink works', async (t) => {
  const { base, root } = await rootAndOutside(t);
  await mkdir(join(root, 'real'));
  await symlink('real', join(root, 'alias'));
  await symlink(root, join(base, 'root-link'));
  const scope = scopeOver([join(base, 'root-link')]);
  await mutate(scope, [{ type: 'writeFile', path: join(base, 'root-link', 'alias', 'f'), content: 'ok' }]);
  assert.equal(await readFile(join(root, 'real', 'f'), 'utf8'), 'ok');
});

test('a final symlink is never followed: writes are refused, remove and rename act on the link itself', async (t) => {
  const { root, outside, scope } = await rootAndOutside(t);
  const link = join(root, 'file-link');
  await symlink(join(outside, 'secret'), link);
  await expectFailure(mutate(scope, [{ type: 'writeFile', path: link, content: 'pwned' }]), 'SCOPE_VIOLATION', {
    reason: 'symlink-final-component',
  });
  await expectFailure(mutate(scope, [{ type: 'appendFile', path: link, content: 'pwned' }]), 'SCOPE_VIOLATION', {
    reason: 'symlink-final-component',
  });
  await expectFailure(mutate(scope, [{ type: 'mkdir', path: link, recursive: true }]), 'SCOPE_VIOLATION', {
    reason: 'symlink-final-component',
  });
  await symlink(join(outside, 'not-yet'), join(root, 'dangling'));
  await expectFailure(mutate(scope, [{ type: 'writeFile', path: join(root, 'dangling'), content: 'x' }]), 'SCOPE_VIOLATION', {
    reason: 'symlink-final-component',
  });

  await mutate(scope, [{ type: 'rename', from: link, to: join(root, 'moved-link') }]);
  assert.equal(await readlink(join(root, 'moved-link')), join(outside, 'secret'), 'the link moved, not its target');
  await mutate(scope, [{ type: 'remove', path: join(root, 'moved-link') }]);
  await lstat(join(root, 'moved-link')).then(
    () => assert.fail('link should be gone'),
    () => undefined,
  );
  assert.equal(await readFile(join(outside, 'secret'), 'utf8'), 'outside secret');
  assert.deepEqual(await listTree(outside), ['secret']);
});

test('rename out of a root and rename from outside into a root are both refused', async (t) => {
  const { root, outside, scope } = await rootAndOutside(t);
  await writeFile(join(root, 'mine'), 'inside');
  await expectFailure(mutate(scope, [{ type: 'rename', from: join(root, 'mine'), to: join(outside, 'mine') }]), 'SCOPE_VIOLATION', {
    reason: 'path-outside-roots',
  });
  const inward = await expectFailure(
    mutate(scope, [{ type: 'rename', from: join(outside, 'secret'), to: join(root, 'secret') }]),
    'SCOPE_VIOLATION',
    {
      reason: 'path-outside-roots',
    },
  );
  assert.equal(inward.details?.path, join(outside, 'secret'));
  assert.deepEqual(await listTree(root), ['mine']);
  assert.deepEqual(await listTree(outside), ['secret']);
});

test('the whole batch is refused before the first write when the third operation is outside', async (t) => {
  const { root, outside, scope } = await rootAndOutside(t);
  const failure = await expectFailure(
    mutate(scope, [
      { type: 'mkdir', path: join(root, 'a') },
      { type: 'writeFile', path: join(root, 'a', 'x'), content: 'x' },
      { type: 'writeFile', path: join(outside, 'y'), content: 'y' },
    ]),
    'SCOPE_VIOLATION',
    { reason: 'path-outside-roots' },
  );
  assert.equal(failure.details?.operationIndex, 2);
  assert.equal(failure.details?.path, join(outside, 'y'));
  assert.deepEqual(await listTree(root), []);
  assert.deepEqual(await listTree(outside), ['secret']);
});

test('renaming an outward symlink to a new name and writing through it is caught before the first write', async (t) => {
  const { root, outside, scope } = await rootAndOutside(t);
  await symlink(outside, join(root, 'innocent'));
  const failure = await expectFailure(
    mutate(scope, [
      { type: 'rename', from: join(root, 'innocent'), to: join(root, 'fresh') },
      { type: 'writeFile', path: join(root, 'fresh', 'planted'), content: 'x' },
    ]),
    'SCOPE_VIOLATION',
    { reason: 'path-outside-roots' },
  );
  assert.equal(failure.details?.operationIndex, 1);
  assert.deepEqual(await listTree(root), ['innocent'], 'the rename did not run either');
  assert.deepEqual(await listTree(outside), ['secret']);
});

test('recursive mkdir may not create folders above the root', async (t) => {
  const base = await makeTempDir(t);
  const scope = scopeOver([join(base, 'missing-parent', 'root')]);
  await expectFailure(
    mutate(scope, [{ type: 'mkdir', path: join(base, 'missing-parent', 'root', 'x'), recursive: true }]),
    'SCOPE_VIOLATION',
    {
      reason: 'path-outside-roots',
    },
  );
  assert.deepEqual(await listTree(base), []);
  const creatable = scopeOver([join(base, 'root')]);
  await mutate(creatable, [{ type: 'mkdir', path: join(base, 'root', 'x'), recursive: true }]);
  assert.deepEqual(await listTree(base), ['root', 'root/x'], 'a missing root whose parent exists may be created');
});

test('a root itself may not be removed, renamed, replaced or written', async (t) => {
  const { base, root, scope } = await rootAndOutside(t);
  const nested = scopeOver([root, join(root, 'inner')]);
  await mkdir(join(root, 'inner'));
  for (const [s, operation] of [
    [scope, { type: 'remove' as const, path: root, recursive: true }],
    [scope, { type: 'rename' as const, from: root, to: join(base, 'elsewhere') }],
    [scope, { type: 'writeFile' as const, path: root, content: 'x' }],
    [nested, { type: 'remove' as const, path: join(root, 'inner'), recursive: true }],
    [nested, { type: 'rename' as const, from: join(root, 'inner'), to: join(root, 'renamed') }],
    [nested, { type: 'rename' as const, from: join(root, 'other'), to: join(root, 'inner') }],
  ] as const) {
    await expectFailure(mutate(s, [operation]), 'SCOPE_VIOLATION', { reason: 'root-itself' });
  }
  assert.deepEqual(await listTree(root), ['inner']);
});

test('operation types and write sizes outside the scope are refused', async (t) => {
  const { root } = await rootAndOutside(t);
  const scope = scopeOver([root], { allowedOperations: ['mkdir', 'writeFile'], maxWriteBytes: 10 });
  await expectFailure(
    mutate(scope, [
      { type: 'mkdir', path: join(root, 'a') },
      { type: 'remove', path: join(root, 'a') },
    ]),
    'SCOPE_VIOLATION',
    {
      reason: 'operation-not-allowed',
    },
  );
  const tooLarge = await expectFailure(
    mutate(scope, [{ type: 'writeFile', path: join(root, 'big'), content: 'é'.repeat(6) }]),
    'SCOPE_VIOLATION',
    {
      reason: 'write-too-large',
    },
  );
  assert.equal(tooLarge.details?.bytes, 12, 'the limit counts bytes, not characters');
  await mutate(scope, [{ type: 'writeFile', path: join(root, 'small'), content: '0123456789' }]);
  assert.deepEqual(await listTree(root), ['small']);
});

test('a recursive remove deletes a symlink inside the tree, never what it points to', async (t) => {
  const { root, outside, scope } = await rootAndOutside(t);
  await mkdir(join(root, 'tree'));
  await symlink(outside, join(root, 'tree', 'to-outside'));
  await mutate(scope, [{ type: 'remove', path: join(root, 'tree'), recursive: true }]);
  assert.deepEqual(await listTree(root), []);
  assert.deepEqual(await listTree(outside), ['secret']);
});

test('a parent directory swapped for an outward symlink between check and rename is detected; nothing lands outside', async (t) => {
  const { root, outside, scope } = await rootAndOutside(t);
  await mkdir(join(root, 'sub'));
  const failure = await expectFailure(
    mutate(scope, [{ type: 'writeFile', path: join(root, 'sub', 'file'), content: 'payload' }], {
      beforeCommit: async () => {
        await rename(join(root, 'sub'), join(root, 'sub-moved'));
        await symlink(outside, join(root, 'sub'));
      },
    }),
    'SCOPE_VIOLATION',
    { reason: 'path-changed-during-write' },
  );
  assert.equal(failure.details?.operationIndex, 0);
  assert.deepEqual(await listTree(outside), ['secret'], 'nothing was written outside');
  const left = await listTree(join(root, 'sub-moved'));
  assert.ok(!left.includes('file'), 'the target was never committed');
});

test('a swap before an append, rename, remove or mkdir is detected the same way', async (t) => {
  const { root, outside, scope } = await rootAndOutside(t);
  await writeFile(join(outside, 'victim'), 'untouched');
  const cases = [
    { type: 'appendFile' as const, path: join(root, 'sub', 'victim'), content: 'x' },
    { type: 'remove' as const, path: join(root, 'sub', 'victim') },
    { type: 'rename' as const, from: join(root, 'sub', 'victim'), to: join(root, 'taken') },
    { type: 'mkdir' as const, path: join(root, 'sub', 'newdir') },
  ];
  for (const operation of cases) {
    await mkdir(join(root, 'sub'));
    await writeFile(join(root, 'sub', 'victim'), 'inside');
    await expectFailure(
      mutate(scope, [operation], {
        beforeCommit: async () => {
          await rename(join(root, 'sub'), join(root, `moved-${operation.type}`));
          await symlink(outside, join(root, 'sub'));
        },
      }),
      'SCOPE_VIOLATION',
      { reason: 'path-changed-during-write' },
    );
    await rename(join(root, 'sub'), join(root, `link-${operation.type}`));
  }
  assert.deepEqual(await listTree(outside), ['secret', 'victim']);
  assert.equal(await readFile(join(outside, 'victim'), 'utf8'), 'untouched');
});

test('a change between prepare (shown to the user) and run is checked again at run time', async (t) => {
  const { root, outside, scope } = await rootAndOutside(t);
  await mkdir(join(root, 'sub'));
  const prepared = await prepareFsMutate(
    { scope: scope.id, operations: [{ type: 'appendFile', path: join(root, 'sub', 'log'), content: 'x' }] },
    { scope },
  );
  await rename(join(root, 'sub'), join(root, 'old-sub'));
  await symlink(outside, join(root, 'sub'));
  await expectFailure(prepared.run(testRunContext()), 'SCOPE_VIOLATION', { reason: 'path-outside-roots' });
  await appendFile(join(root, 'old-sub', 'unrelated'), '');
  assert.deepEqual(await listTree(outside), ['secret']);
});

test('appending to a file hard-linked from outside the root is refused and the outside file is untouched', async (t) => {
  const base = await mkdtemp(join(tmpdir(), 'gatehouse-hardlink-'));
  t.after(() => rm(base, { recursive: true, force: true }));
  const root = join(base, 'root');
  await mkdir(root);
  await writeFile(join(base, 'outside.txt'), 'outside\n');
  await link(join(base, 'outside.txt'), join(root, 'inside.txt'));
  const scope = {
    id: 'hl',
    title: 'hl',
    roots: [root],
    allowedOperations: ['appendFile' as const],
    confirmation: 'never' as const,
    maxWriteBytes: 1024,
  };
  const prepared = await prepareFsMutate(
    { scope: 'hl', operations: [{ type: 'appendFile', path: join(root, 'inside.txt'), content: 'evil\n' }] },
    { scope },
  );
  await assert.rejects(
    prepared.run({ correlationId: 'c-hardlink', pluginId: 'p', signal: new AbortController().signal } as never),
    (error: { code?: string; details?: { reason?: string } }) =>
      error.code === 'SCOPE_VIOLATION' && error.details?.reason === 'hardlinked-file',
  );
  assert.equal(await readFile(join(base, 'outside.txt'), 'utf8'), 'outside\n');
});
