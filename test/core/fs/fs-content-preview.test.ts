// What a filesystem prompt shows of a write: a diff, the new text, or sizes only; read without following links.
import assert from 'node:assert/strict';
import { mkdir, realpath, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { contentPreviews } from '../../../src/core/actions/fs-content-preview';
import { prepareFsMutate } from '../../../src/core/actions/fs-mutate';
import { planFsBatch } from '../../../src/core/fs/fs-plan';
import { setAnchoringForTests } from '../../../src/core/fs/held-dir';
import { actionPreviewSchema, FS_PREVIEW_LIMITS, type FsOperationPreview } from '../../../src/shared/confirmation';
import { makeTempDir, scopeOver } from './fs-test-helpers';

async function previewOf(roots: string[], operations: unknown[]): Promise<FsOperationPreview[]> {
  const scope = scopeOver(roots);
  const prepared = await prepareFsMutate({ scope: scope.id, operations } as never, { scope });
  assert.equal(actionPreviewSchema.safeParse(prepared.preview).success, true, 'the preview keeps to the shared schema and its bounds');
  assert.ok(prepared.preview.kind === 'fs.mutate');
  return prepared.preview.operations;
}

test('replacing a small text file shows the diff; a new file shows its text; an append shows what it adds', async (t) => {
  const root = await realpath(await makeTempDir(t));
  await writeFile(join(root, 'app.conf'), 'port = 80\nhost = a\n');
  await writeFile(join(root, 'log.txt'), 'one\n');
  const [replace, create, append] = await previewOf(
    [root],
    [
      { type: 'writeFile', path: join(root, 'app.conf'), content: 'port = 8080\nhost = a\n' },
      { type: 'writeFile', path: join(root, 'new.txt'), content: 'fresh\n' },
      { type: 'appendFile', path: join(root, 'log.txt'), content: 'two\n' },
    ],
  );
  assert.equal(replace?.content?.kind, 'diff');
  const diff = replace?.content?.kind === 'diff' ? replace.content : null;
  assert.match(diff?.diff ?? '', /^-port = 80$/m);
  assert.match(diff?.diff ?? '', /^\+port = 8080$/m);
  assert.equal(diff?.existingBytes, 19);
  assert.deepEqual(create?.content, { kind: 'text', text: 'fresh\n', bytes: 6 });
  assert.deepEqual(append?.content, { kind: 'text', text: 'two\n', bytes: 4 });
});

test('binary or large content is described by size only', async (t) => {
  const root = await realpath(await makeTempDir(t));
  await writeFile(join(root, 'big.txt'), 'x'.repeat(FS_PREVIEW_LIMITS.fileBytes + 10));
  await writeFile(join(root, 'blob.bin'), Buffer.from([0, 1, 2, 3]));
  const [big, blob, newBinary] = await previewOf(
    [root],
    [
      { type: 'writeFile', path: join(root, 'big.txt'), content: 'small now' },
      { type: 'writeFile', path: join(root, 'blob.bin'), content: 'text now' },
      { type: 'writeFile', path: join(root, 'image.png'), content: Buffer.from([0x89, 0x50, 0, 0]).toString('base64'), encoding: 'base64' },
    ],
  );
  assert.deepEqual(big?.content, { kind: 'summary', why: 'large', bytes: 9, existingBytes: FS_PREVIEW_LIMITS.fileBytes + 10 });
  assert.deepEqual(blob?.content, { kind: 'summary', why: 'binary', bytes: 8, existingBytes: 4, existingBinary: true });
  assert.deepEqual(newBinary?.content, { kind: 'summary', why: 'binary', bytes: 4 });
});

for (const mode of ['held-handles', 'path-checks'] as const) {
  test(`the preview read never follows a link (${mode}): a folder swapped for a link to outside after the check shows nothing of outside`, async (t) => {
    setAnchoringForTests(mode === 'held-handles' ? undefined : mode);
    t.after(() => setAnchoringForTests(undefined));
    await swappedFolderShowsNothingOutside(t);
  });
}

async function swappedFolderShowsNothingOutside(t: TestContext): Promise<void> {
  const root = await realpath(await makeTempDir(t));
  const outside = await realpath(await makeTempDir(t, 'gatehouse-outside-'));
  await mkdir(join(root, 'conf'));
  await writeFile(join(root, 'conf', 'app.conf'), 'inside\n');
  await writeFile(join(outside, 'app.conf'), 'SECRET OUTSIDE\n');
  const scope = scopeOver([root]);
  const plan = await planFsBatch(scope, [{ type: 'writeFile', path: join(root, 'conf', 'app.conf'), content: 'new\n' }]);
  // The swap lands between the check and the preview read, where a path-based read would follow it.
  await rename(join(root, 'conf'), join(root, 'conf-old'));
  await symlink(outside, join(root, 'conf'));
  const previews = await contentPreviews(plan);
  const preview = previews.get(0);
  assert.equal(preview?.kind, 'text');
  assert.equal(preview?.kind === 'text' && preview.text, 'new\n');
  assert.match(preview?.kind === 'text' ? (preview.note ?? '') : '', /could not be shown \(a symbolic link is in the way\)/);
  assert.doesNotMatch(JSON.stringify([...previews.values()]), /SECRET OUTSIDE/);
}

test('a file changed earlier in the batch gets no diff against the disk, and one request carries a bounded amount of text', async (t) => {
  const root = await realpath(await makeTempDir(t));
  await writeFile(join(root, 'a.txt'), 'old\n');
  const [, second] = await previewOf(
    [root],
    [
      { type: 'writeFile', path: join(root, 'a.txt'), content: 'first\n' },
      { type: 'writeFile', path: join(root, 'a.txt'), content: 'second\n' },
    ],
  );
  assert.equal(second?.content?.kind, 'text');
  assert.match(second?.content?.kind === 'text' ? (second.content.note ?? '') : '', /changed earlier in this batch/);

  const chunk = 'y'.repeat(FS_PREVIEW_LIMITS.fileBytes - 100);
  const count = Math.ceil(FS_PREVIEW_LIMITS.batchChars / chunk.length) + 2;
  const many = await previewOf(
    [root],
    Array.from({ length: count }, (_, i) => ({ type: 'writeFile', path: join(root, `f${i}.txt`), content: chunk })),
  );
  const shownChars = many.reduce((sum, op) => sum + (op.content?.kind === 'text' ? op.content.text.length : 0), 0);
  assert.ok(shownChars <= FS_PREVIEW_LIMITS.batchChars, `${shownChars} characters shown`);
  const last = many.at(-1)?.content;
  assert.equal(last?.kind === 'summary' && last.why, 'budget');
});

test('each operation names its scope root and its path below it, moves across roots included', async (t) => {
  const one = await realpath(await makeTempDir(t));
  const two = await realpath(await makeTempDir(t));
  await writeFile(join(one, 'a.txt'), 'a');
  await mkdir(join(one, 'sub'));
  const ops = await previewOf(
    [one, two],
    [
      { type: 'writeFile', path: join(one, 'sub', 'b.txt'), content: 'b' },
      { type: 'rename', from: join(one, 'a.txt'), to: join(two, 'a.txt') },
    ],
  );
  assert.deepEqual(
    ops.map((op) => [op.root, op.relative, op.toRoot, op.toRelative]),
    [
      [one, 'sub/b.txt', undefined, undefined],
      [one, 'a.txt', two, 'a.txt'],
    ],
  );
});
