import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_ACTIONS } from '../../src/shared/audit-actions';
import { actionLabel } from '../../src/renderer/lib/action-labels';
import { AUDIT_FILTER_ACTIONS } from '../../src/renderer/lib/audit-filter';

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
  for (const action of [
    'system.clipboard.read',
    'system.clipboard.write',
    'system.hosts.write',
    'system.fs.mutate',
    'system.process.exec',
    'system.workflow.run',
  ]) {
    assert.notEqual(actionLabel(action), action, action);
  }
});

test('every action the core writes is in the shared list, has a label and a filter', async () => {
  const written = await writtenActions(join(import.meta.dirname, '../../src/core'));
  for (const action of [
    'scope.saved',
    'scope.removed',
    'settings.clipboard',
    'settings.hostsPath',
    'secret.set',
    'secret.deleted',
    'host.developerMode',
  ]) {
    assert.ok(written.has(action), `the scan finds ${action} in the core`);
  }
  const shared = new Set<string>(AUDIT_ACTIONS);
  assert.deepEqual(
    [...written].filter((action) => !shared.has(action)),
    [],
    'the core writes only names from src/shared/audit-actions.ts',
  );
  assert.deepEqual(
    AUDIT_ACTIONS.filter((action) => actionLabel(action) === action),
    [],
    'every shared action has a label',
  );
  const filters = new Set<string>(AUDIT_FILTER_ACTIONS);
  // Unreadable lines are found when reading a file, never appended, so there is nothing to filter by.
  assert.deepEqual(
    AUDIT_ACTIONS.filter((action) => action !== 'audit.unreadable' && !filters.has(action)),
    [],
    'every written action has a filter',
  );
  assert.equal(actionLabel('plugin.grants'), 'plugin.grants', 'no label for an action the core never writes');
});
