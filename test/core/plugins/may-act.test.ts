// "May this plugin act now?" has one answer, and every place that asks gets it: the broker, plugin storage,
// plugin content serving, the frame IPC and the listing the renderer reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSigningKeyPair } from '@gatehouse/plugin-sdk/node';
import { mayAct } from '../../../src/core/plugins/may-act';
import { servablePluginDir } from '../../../src/host/plugin-content';
import { createCoreFixture, message } from '../../support/core-fixture';
import { assertRefused } from '../../support/assert-refused';

test('mayAct: installed, available, active, no consent pending, and every needed capability declared and granted', () => {
  const ok = {
    status: 'active',
    available: true,
    needsConsent: false,
    capabilities: ['system.clipboard.read', 'system.clipboard.write'] as const,
    granted: ['system.clipboard.write'] as const,
  };
  assert.equal(mayAct(ok), null);
  assert.equal(mayAct(ok, ['system.clipboard.write']), null);
  assert.deepEqual(mayAct(ok, ['system.clipboard.read']), {
    code: 'CAPABILITY_DENIED',
    cause: 'capability not granted',
    missing: ['system.clipboard.read'],
    undeclared: [],
  });
  assert.deepEqual(mayAct(ok, ['system.hosts.write'])?.undeclared, ['system.hosts.write']);
  assert.equal(mayAct(null)?.cause, 'plugin not installed');
  assert.equal(mayAct({ ...ok, available: false })?.cause, 'plugin unavailable');
  assert.equal(mayAct({ ...ok, status: 'disabled' })?.cause, 'plugin disabled');
  assert.equal(mayAct({ ...ok, status: 'installed' })?.cause, 'plugin installed');
  assert.equal(mayAct({ ...ok, needsConsent: true })?.cause, 'plugin consent pending');
});

test('an active plugin whose bundle now asks for more is refused everywhere until the user consents', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: ['system.clipboard.write'] }]);
  t.after(() => f.cleanup());
  assert.equal(f.core.plugins.get('alpha')?.mayAct, true);
  assert.equal((await f.core.handlePluginStorage({ pluginId: 'alpha' }, { correlationId: 'st-000001', storage: { op: 'keys' } })).ok, true);

  // The folder changes on disk to declare one more capability; any re-check of the bundles (here: trusting a key) sees it.
  const manifestPath = join(f.dir, 'plugins', 'alpha', 'manifest.json');
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { capabilities: string[] };
  manifest.capabilities.push('system.clipboard.read');
  await writeFile(manifestPath, JSON.stringify(manifest));
  await f.core.trust.add({ publicKey: generateSigningKeyPair().publicKey, name: 'Someone' });

  const info = f.core.plugins.get('alpha');
  assert.equal(info?.status, 'active', 'still active on paper');
  assert.equal(info?.needsConsent, true);
  assert.equal(info?.mayAct, false, 'the listing the renderer reads says no');
  assert.equal(info?.runtime, 'stopped');
  const action = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.write', { text: 'must not land' }));
  assertRefused(action, 'PLUGIN_NOT_ACTIVE');
  assert.equal(!action.ok && action.details?.cause, 'plugin consent pending');
  assert.equal(f.clipboard.current(), 'copied elsewhere');
  const stored = await f.core.handlePluginStorage({ pluginId: 'alpha' }, { correlationId: 'st-000002', storage: { op: 'keys' } });
  assertRefused(stored, 'PLUGIN_NOT_ACTIVE');
  assert.equal(servablePluginDir(f.core.plugins, 'alpha'), null, 'its frame content is not served');

  // Consent (granting the declared set) makes it able to act again.
  await f.core.plugins.setGrants('alpha', ['system.clipboard.write']);
  assert.equal(f.core.plugins.get('alpha')?.mayAct, true);
  assert.notEqual(servablePluginDir(f.core.plugins, 'alpha'), null);
});
