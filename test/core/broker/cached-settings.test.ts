import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { createCachedSettings } from '../../../src/core/cached-settings';

test('cached settings write through to the file, and a caller cannot change the cached value by mutating what it got', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-settings-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const conf = new Conf({ cwd: dir, projectName: 'gatehouse-settings' });
  const settings = createCachedSettings(conf);
  settings.set('plugins.state', { alpha: { status: 'active' } });
  assert.deepEqual(new Conf({ cwd: dir, projectName: 'gatehouse-settings' }).get('plugins.state'), { alpha: { status: 'active' } });
  const got = settings.get('plugins.state') as Record<string, { status: string }>;
  (got.alpha as { status: string }).status = 'tampered';
  assert.deepEqual(settings.get('plugins.state'), { alpha: { status: 'active' } });
  settings.delete('plugins.state');
  assert.equal(settings.has('plugins.state'), false);
  assert.equal(conf.has('plugins.state'), false);
});
