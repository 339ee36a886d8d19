import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fsMutatePayloadSchema } from '@gatehouse/plugin-sdk';
import { prepareFsMutate } from '../../../src/core/actions/fs-mutate';
import { createDefaultFsScopes } from '../../../src/core/policy/fs-presets';
import { expectFailure, listTree, makeTempDir, mutate, scopeOver, testRunContext } from './fs-test-helpers';

const permissions = async (path: string) => (await stat(path)).mode & 0o7777;

test('mkdir creates a directory, recursive creates the chain and is unchanged the second time', async (t) => {
  const root = await makeTempDir(t);
  const scope = scopeOver([root]);
  const one = await mutate(scope, [{ type: 'mkdir', path: join(root, 'a') }]);
  assert.deepEqual(one.changes, [{ type: 'mkdir', path: join(root, 'a'), effect: 'created' }]);
  assert.ok((await stat(join(root, 'a'))).isDirectory());

  const deep = join(root, 'b', 'c', 'd');
  const chain = await mutate(scope, [{ type: 'mkdir', path: deep, recursive: true, mode: 0o750 }]);
  assert.equal(chain.changes[0]!.effect, 'created');
  assert.ok((await stat(deep)).isDirectory());
  assert.equal(await permissions(deep), 0o750 & ~process.umask());

  const again = await mutate(scope, [{ type: 'mkdir', path: deep, recursive: true }]);
  assert.equal(again.changes[0]!.effect, 'unchanged');
  await expectFailure(mutate(scope, [{ type: 'mkdir', path: join(root, 'a') }]), 'OS_ERROR', { errno: 'EEXIST' });
  await expectFailure(mutate(scope, [{ type: 'mkdir', path: join(root, 'x', 'y') }]), 'OS_ERROR', { errno: 'ENOENT' });
});

test('writeFile creates and replaces atomically, keeps the existing mode, applies an explicit one', async (t) => {
  const root = await makeTempDir(t);
  const scope = scopeOver([root]);
  const file = join(root, 'config.txt');
  const created = await mutate(scope, [{ type: 'writeFile', path: file, content: 'héllo' }]);
  assert.deepEqual(created.changes, [{ type: 'writeFile', path: file, bytes: 6, effect: 'created' }]);
  assert.equal(await readFile(file, 'utf8'), 'héllo');
  assert.equal(await permissions(file), 0o666 & ~process.umask());

  await chmod(file, 0o640);
  const replaced = await mutate(scope, [{ type: 'writeFile', path: file, content: 'second' }]);
  assert.equal(replaced.changes[0]!.effect, 'replaced');
  assert.equal(await readFile(file, 'utf8'), 'second');
  assert.equal(await permissions(file), 0o640, 'the replaced file keeps its mode');

  await mutate(scope, [{ type: 'writeFile', path: file, content: 'third', mode: 0o600 }]);
  assert.equal(await permissions(file), 0o600, 'an explicit mode is applied exactly');

  const binary = Buffer.from([0, 1, 2, 254, 255]);
  await mutate(scope, [{ type: 'writeFile', path: join(root, 'bin'), content: binary.toString('base64'), encoding: 'base64' }]);
  assert.deepEqual(await readFile(join(root, 'bin')), binary);
  await expectFailure(
    mutate(scope, [{ type: 'writeFile', path: join(root, 'bad'), content: 'no!base64', encoding: 'base64' }]),
    'VALIDATION_FAILED',
  );
  assert.deepEqual(await listTree(root), ['bin', 'config.txt'], 'no temp file is left behind');
});

test('writeFile onto a directory and into a missing directory are refused before anything is written', async (t) => {
  const root = await makeTempDir(t);
  const scope = scopeOver([root]);
  await mkdir(join(root, 'dir'));
  await expectFailure(
    mutate(scope, [
      { type: 'writeFile', path: join(root, 'first'), content: '1' },
      { type: 'writeFile', path: join(root, 'dir'), content: 'x' },
    ]),
    'OS_ERROR',
    { errno: 'EISDIR' },
  );
  await expectFailure(mutate(scope, [{ type: 'writeFile', path: join(root, 'missing', 'f'), content: 'x' }]), 'OS_ERROR', {
    errno: 'ENOENT',
  });
  assert.deepEqual(await listTree(root), ['dir']);
});

test('appendFile creates a missing file, then appends', async (t) => {
  const root = await makeTempDir(t);
  const scope = scopeOver([root]);
  const log = join(root, 'log.txt');
  const result = await mutate(scope, [
    { type: 'appendFile', path: log, content: 'one\n' },
    { type: 'appendFile', path: log, content: 'two\n' },
  ]);
  assert.deepEqual(
    result.changes.map((c) => [c.effect, c.bytes]),
    [
      ['created', 4],
      ['appended', 4],
    ],
  );
  assert.equal(await readFile(log, 'utf8'), 'one\ntwo\n');
});

test('rename moves files and directories; the OS rules for replacing apply', async (t) => {
  const root = await makeTempDir(t);
  const scope = scopeOver([root]);
  await writeFile(join(root, 'a.txt'), 'A');
  await mkdir(join(root, 'dir'));
  await writeFile(join(root, 'dir', 'inside'), 'I');
  const result = await mutate(scope, [
    { type: 'rename', from: join(root, 'a.txt'), to: join(root, 'b.txt') },
    { type: 'rename', from: join(root, 'dir'), to: join(root, 'moved') },
  ]);
  assert.deepEqual(result.changes, [
    { type: 'rename', path: join(root, 'a.txt'), to: join(root, 'b.txt'), effect: 'renamed' },
    { type: 'rename', path: join(root, 'dir'), to: join(root, 'moved'), effect: 'renamed' },
  ]);
  assert.deepEqual(await listTree(root), ['b.txt', 'moved', 'moved/inside']);

  await expectFailure(mutate(scope, [{ type: 'rename', from: join(root, 'b.txt'), to: join(root, 'moved') }]), 'OS_ERROR', {
    errno: 'EISDIR',
  });
  await expectFailure(mutate(scope, [{ type: 'rename', from: join(root, 'moved'), to: join(root, 'b.txt') }]), 'OS_ERROR', {
    errno: 'ENOTDIR',
  });
  await expectFailure(mutate(scope, [{ type: 'rename', from: join(root, 'moved'), to: join(root, 'moved', 'sub') }]), 'OS_ERROR', {
    errno: 'EINVAL',
  });
  await expectFailure(mutate(scope, [{ type: 'rename', from: join(root, 'nope'), to: join(root, 'x') }]), 'OS_ERROR', { errno: 'ENOENT' });

  await mkdir(join(root, 'full'));
  await writeFile(join(root, 'full', 'f'), 'F');
  const failure = await expectFailure(
    mutate(scope, [
      { type: 'writeFile', path: join(root, 'c.txt'), content: 'C' },
      { type: 'rename', from: join(root, 'moved'), to: join(root, 'full') },
    ]),
    'OS_ERROR',
  );
  assert.ok(['ENOTEMPTY', 'EEXIST'].includes(String(failure.details?.errno)), 'a directory does not replace a non-empty one');
  assert.equal(failure.details?.operationIndex, 1);
  assert.equal(failure.details?.path, join(root, 'moved'));
  assert.deepEqual(failure.result, {
    scope: 'test-scope',
    dryRun: false,
    changes: [{ type: 'writeFile', path: join(root, 'c.txt'), bytes: 1, effect: 'created' }],
  });
});

test('remove honours recursive and force', async (t) => {
  const root = await makeTempDir(t);
  const scope = scopeOver([root]);
  await writeFile(join(root, 'f'), 'x');
  await mkdir(join(root, 'empty'));
  await mkdir(join(root, 'full', 'deeper'), { recursive: true });
  await writeFile(join(root, 'full', 'deeper', 'g'), 'y');

  const removed = await mutate(scope, [
    { type: 'remove', path: join(root, 'f') },
    { type: 'remove', path: join(root, 'empty') },
  ]);
  assert.deepEqual(
    removed.changes.map((c) => c.effect),
    ['removed', 'removed'],
  );

  await expectFailure(mutate(scope, [{ type: 'remove', path: join(root, 'full') }]), 'OS_ERROR', { errno: 'ENOTEMPTY' });
  assert.ok((await stat(join(root, 'full', 'deeper', 'g'))).isFile(), 'a non-recursive remove leaves a full directory alone');
  await mutate(scope, [{ type: 'remove', path: join(root, 'full'), recursive: true }]);
  assert.deepEqual(await listTree(root), []);

  await expectFailure(mutate(scope, [{ type: 'remove', path: join(root, 'gone') }]), 'OS_ERROR', { errno: 'ENOENT' });
  const forced = await mutate(scope, [{ type: 'remove', path: join(root, 'gone'), force: true }]);
  assert.deepEqual(forced.changes, [{ type: 'remove', path: join(root, 'gone'), effect: 'unchanged' }]);
});

test('a batch sees its own earlier operations: mkdir then write into it, write then rename it', async (t) => {
  const root = await makeTempDir(t);
  const scope = scopeOver([root]);
  const result = await mutate(scope, [
    { type: 'mkdir', path: join(root, 'new', 'nested'), recursive: true },
    { type: 'writeFile', path: join(root, 'new', 'nested', 'file'), content: 'x' },
    { type: 'rename', from: join(root, 'new', 'nested', 'file'), to: join(root, 'new', 'renamed') },
    { type: 'remove', path: join(root, 'new', 'nested') },
  ]);
  assert.deepEqual(
    result.changes.map((c) => c.effect),
    ['created', 'created', 'renamed', 'removed'],
  );
  assert.deepEqual(await listTree(root), ['new', 'new/renamed']);
});

test('a dry run reports the planned changes and touches nothing', async (t) => {
  const root = await makeTempDir(t);
  const scope = scopeOver([root]);
  await writeFile(join(root, 'existing'), 'old');
  const result = await mutate(
    scope,
    [
      { type: 'mkdir', path: join(root, 'd') },
      { type: 'writeFile', path: join(root, 'd', 'f'), content: 'abc' },
      { type: 'writeFile', path: join(root, 'existing'), content: 'new' },
      { type: 'remove', path: join(root, 'nothing'), force: true },
    ],
    { dryRun: true },
  );
  assert.equal(result.dryRun, true);
  assert.deepEqual(
    result.changes.map((c) => c.effect),
    ['created', 'created', 'replaced', 'unchanged'],
  );
  assert.deepEqual(await listTree(root), ['existing']);
  assert.equal(await readFile(join(root, 'existing'), 'utf8'), 'old');
});

test('preview lists every operation; the audit summary has byte counts and sha256, never content', async (t) => {
  const root = await makeTempDir(t);
  const scope = scopeOver([root]);
  const secret = 'top secret file body';
  const prepared = await prepareFsMutate(
    {
      scope: scope.id,
      operations: [
        { type: 'writeFile', path: join(root, 'a'), content: secret, mode: 0o600 },
        { type: 'rename', from: join(root, 'a'), to: join(root, 'b') },
        { type: 'remove', path: join(root, 'c'), force: true, recursive: true },
      ],
    },
    { scope },
  );
  assert.deepEqual(prepared.confirmation, { mode: 'always' });
  assert.equal(prepared.scope, 'test-scope');
  assert.equal(prepared.dryRun, false);
  assert.deepEqual(prepared.preview, {
    kind: 'fs.mutate',
    operations: [
      // The user sees the new content (the audit record never does) and each path below its root.
      {
        type: 'writeFile',
        path: join(root, 'a'),
        bytes: secret.length,
        detail: 'will be created, mode 0600',
        root,
        relative: 'a',
        content: { kind: 'text', text: secret, bytes: secret.length },
      },
      {
        type: 'rename',
        path: join(root, 'a'),
        to: join(root, 'b'),
        detail: 'will be renamed',
        root,
        relative: 'a',
        toRoot: root,
        toRelative: 'b',
      },
      { type: 'remove', path: join(root, 'c'), detail: 'no change, recursive, force', root, relative: 'c' },
    ],
  });
  const summary = JSON.stringify(prepared.auditSummary);
  assert.ok(!summary.includes(secret), 'content never reaches the audit summary');
  assert.deepEqual((prepared.auditSummary.operations as unknown[])[0], {
    type: 'writeFile',
    path: join(root, 'a'),
    bytes: secret.length,
    sha256: createHash('sha256').update(secret).digest('hex'),
    mode: '0600',
  });
  assert.deepEqual(await listTree(root), [], 'prepare changes nothing');
  const result = await prepared.run(testRunContext());
  assert.deepEqual(prepared.auditOutcome(result), {
    changes: 3,
    bytesWritten: secret.length,
    effects: { created: 1, renamed: 1, unchanged: 1 },
  });
});

test('confirmation follows the scope; a payload naming another scope is refused', async (t) => {
  const root = await makeTempDir(t);
  const scope = scopeOver([root], { confirmation: 'never' });
  const prepared = await prepareFsMutate({ scope: scope.id, operations: [{ type: 'mkdir', path: join(root, 'x') }] }, { scope });
  assert.deepEqual(prepared.confirmation, { mode: 'never' });
  assert.deepEqual(scopeOver([root]).confirmation, 'always', 'confirmation defaults to always');
  await expectFailure(
    prepareFsMutate({ scope: 'other', operations: [{ type: 'mkdir', path: join(root, 'x') }] }, { scope }),
    'SCOPE_NOT_CONFIGURED',
  );
});

test('the default workspace scope is rooted in the home folder and allows every operation up to 8 MiB', () => {
  const [workspace] = createDefaultFsScopes('/home/someone');
  assert.deepEqual(workspace, {
    id: 'workspace',
    title: 'Gatehouse workspace',
    roots: ['/home/someone/Gatehouse/workspace'],
    allowedOperations: ['mkdir', 'writeFile', 'appendFile', 'rename', 'remove'],
    confirmation: 'always',
    maxWriteBytes: 8 * 1024 * 1024,
  });
});

test('the SDK schema already rejects ".." and relative paths', () => {
  for (const path of ['/work/../etc/passwd', 'relative/path', '/a//b', '/a/./b']) {
    const parsed = fsMutatePayloadSchema.safeParse({ scope: 'test-scope', operations: [{ type: 'writeFile', path, content: 'x' }] });
    assert.equal(parsed.success, false, path);
  }
});

test('an abort (host shutdown, plugin revoked) stops the batch between operations and reports what was done', async (t) => {
  const root = await makeTempDir(t);
  const controller = new AbortController();
  const failure = await expectFailure(
    mutate(
      scopeOver([root]),
      [
        { type: 'writeFile', path: join(root, 'one'), content: '1' },
        { type: 'writeFile', path: join(root, 'two'), content: '2' },
      ],
      { signal: controller.signal, beforeCommit: () => controller.abort() },
    ),
    'CANCELLED',
  );
  assert.equal(failure.details?.operationIndex, 1);
  assert.deepEqual(failure.result, {
    scope: 'test-scope',
    dryRun: false,
    changes: [{ type: 'writeFile', path: join(root, 'one'), bytes: 1, effect: 'created' }],
  });
  assert.deepEqual(await listTree(root), ['one']);
});
