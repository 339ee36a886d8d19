import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { actionLabel } from '../../src/renderer/lib/action-labels';

/** Every `action: '…'` literal under a folder: the actions the host writes to its audit log itself. */
async function writtenActions(dir: string): Promise<Set<string>> {
  const found = new Set<string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
    for (const match of text.matchAll(/\baction:\s*'([a-z][\w.-]*)'/g)) found.add(match[1] as string);
  }
  return found;
}

test('the audit panel names every action the core writes, in words', async () => {
  const actions = await writtenActions(join(import.meta.dirname, '../../src/core'));
  assert.ok(actions.has('trust.publisher'), 'the scan finds the actions the core writes');
  const unnamed = [...actions].filter((action) => actionLabel(action) === action);
  assert.deepEqual(unnamed, [], `actions shown only as raw ids: ${unnamed.join(', ')}`);
  for (const action of ['system.clipboard.read', 'system.clipboard.write', 'system.hosts.write', 'system.fs.mutate', 'system.process.exec', 'system.workflow.run']) {
    assert.notEqual(actionLabel(action), action, action);
  }
});
