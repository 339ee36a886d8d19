import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupByRoot } from '../../src/renderer/components/confirmation/group-by-root';
import { promptRisk } from '../../src/renderer/components/confirmation/prompt-words';
import type { FsOperationPreview } from '../../src/shared/confirmation';

const op = (path: string, root: string | undefined, detail = 'will be created'): FsOperationPreview => ({
  type: 'writeFile',
  path,
  detail,
  ...(root ? { root, relative: path.slice(root.length + 1) } : {}),
});

test('operations group under their root, roots in order of first use, batch order kept inside each', () => {
  const groups = groupByRoot([op('/a/x', '/a'), op('/b/y', '/b'), op('/a/z', '/a'), op('/c/w', undefined)]);
  assert.deepEqual(
    groups.map((group) => [group.root, group.items.map((item) => `${item.index}:${item.operation.relative ?? item.operation.path}`)]),
    [
      ['/a', ['0:x', '2:z']],
      ['/b', ['1:y']],
      [null, ['3:/c/w']],
    ],
  );
});

test('a write over an existing file is "Deletes or replaces"; a new file only changes state', () => {
  assert.equal(promptRisk({ kind: 'fs.mutate', operations: [op('/a/x', '/a', 'will be replaced')] }), 'destructive');
  assert.equal(promptRisk({ kind: 'fs.mutate', operations: [op('/a/x', '/a', 'will be created')] }), 'change');
});
