import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { generateSigningKeyPair, signPluginBundle } from '@gatehouse/plugin-sdk/node';
import { createHostCore, createInteractivePrompter } from '../../../src/core';
import type { HostCore } from '../../../src/core/host-core-types';
import { assertRefused } from '../../support/assert-refused';

interface Env {
  dir: string;
  core: HostCore;
  reopen(options?: { devMode?: boolean }): Promise<HostCore>;
}

async function makeBundle(
  dir: string,
  manifest: { id: string; version: string; capabilities: string[] },
  key?: ReturnType<typeof generateSigningKeyPair>,
) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({
      name: `Plugin ${manifest.id}`,
      publisher: 'Example Corp',
      description: 'test',
      ui: { entry: 'index.html' },
      ...manifest,
    }),
  );
  await writeFile(join(dir, 'index.html'), `<!doctype html><title>${manifest.id} ${manifest.version}</title>`);
  if (key) await signPluginBundle(dir, key.privateKeyPem);
  return dir;
}

async function env(t: { after(fn: () => Promise<void>): void }, options: { devMode?: boolean } = {}): Promise<Env> {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-lifecycle-'));
  const settings = new Conf({ cwd: join(dir, 'settings'), projectName: 'gatehouse-lifecycle' });
  const open = (devMode = options.devMode ?? false) =>
    createHostCore({
      dataDir: join(dir, 'data'),
      pluginsDir: join(dir, 'plugins'),
      settings,
      clipboard: null,
      prompter: createInteractivePrompter(),
      devMode,
      homeDir: dir,
    });
  const state: Env = {
    dir,
    core: await open(),
    async reopen(reopenOptions = {}) {
      await state.core.close();
      state.core = await open(reopenOptions.devMode);
      return state.core;
    },
  };
  t.after(async () => {
    await state.core.close();
    await rm(dir, { recursive: true, force: true });
  });
  return state;
}

async function statusRecords(core: HostCore, pluginId: string) {
  const page = await core.audit.query({ pluginId, action: 'plugin.status', limit: 100 });
  return page.records.reverse().map((r) => `${String(r.summary?.from)}→${String(r.summary?.to)}`);
}

test('install needs a trusted publisher; the prompt data carries the key fingerprint', async (t) => {
  const e = await env(t);
  const key = generateSigningKeyPair();
  const source = await makeBundle(
    join(e.dir, 'src', 'alpha'),
    { id: 'alpha', version: '1.0.0', capabilities: ['system.clipboard.write'] },
    key,
  );
  const inspection = await e.core.plugins.inspect(source);
  assert.equal(inspection.ok, false);
  assert.equal(inspection.reason, 'publisher-untrusted');
  assert.equal(inspection.publisher?.keyId, key.keyId);
  assert.equal(inspection.publisher?.fingerprint, key.fingerprint);
  assert.equal(inspection.publisher?.trusted, false);
  await assert.rejects(e.core.plugins.install(source), { code: 'PUBLISHER_UNTRUSTED' });
  await e.core.trust.add({ publicKey: key.publicKey, name: 'Example Corp' });
  const trusted = await e.core.plugins.inspect(source);
  assert.equal(trusted.ok, true);
  assert.equal(trusted.publisher?.name, 'Example Corp');
  const info = await e.core.plugins.install(source);
  assert.equal(info.signed, true);
  assert.equal(info.status, 'installed');
  assert.deepEqual(info.granted, []);
  assert.equal(JSON.stringify(e.core.plugins.list()).includes(e.dir), false, 'the lifecycle API never shows a path on disk');
});

test('the lifecycle transition table, each transition audited with identity and digest', async (t) => {
  const e = await env(t);
  const key = generateSigningKeyPair();
  await e.core.trust.add({ publicKey: key.publicKey, name: 'Example Corp' });
  const info = await e.core.plugins.install(
    await makeBundle(join(e.dir, 'src', 'beta'), { id: 'beta', version: '1.0.0', capabilities: ['system.clipboard.write'] }, key),
  );
  await assert.rejects(e.core.plugins.setStatus('beta', 'active'), { code: 'CONSENT_REQUIRED' });
  await e.core.plugins.setGrants('beta', ['system.clipboard.write']);
  assert.equal((await e.core.plugins.setStatus('beta', 'active'))?.runtime, 'armed');
  await assert.rejects(e.core.plugins.setStatus('beta', 'active'), { code: 'INVALID_TRANSITION' });
  assert.equal((await e.core.plugins.setStatus('beta', 'disabled'))?.runtime, 'stopped');
  await e.core.plugins.setStatus('beta', 'active');
  assert.equal(await e.core.plugins.setStatus('beta', 'removed'), null);
  await assert.rejects(e.core.plugins.setStatus('beta', 'active'), { code: 'PLUGIN_NOT_FOUND' });
  assert.deepEqual(await statusRecords(e.core, 'beta'), [
    'verified→installed',
    'installed→installed',
    'installed→active',
    'active→disabled',
    'disabled→active',
    'active→removed',
  ]);
  const records = await e.core.audit.query({ pluginId: 'beta', action: 'plugin.status', limit: 1 });
  assert.equal(records.records[0]?.summary?.digest, info.digest);
  assert.equal(records.records[0]?.summary?.publisherKeyId, key.keyId);
});

test('an update that adds a capability or changes the key needs consent again; an older version is a replay', async (t) => {
  const e = await env(t);
  const key = generateSigningKeyPair();
  const other = generateSigningKeyPair();
  await e.core.trust.add({ publicKey: key.publicKey, name: 'Example Corp' });
  await e.core.trust.add({ publicKey: other.publicKey, name: 'Other Corp' });
  const src = join(e.dir, 'src', 'gamma');
  await e.core.plugins.install(await makeBundle(src, { id: 'gamma', version: '1.0.0', capabilities: ['system.clipboard.write'] }, key));
  await e.core.plugins.setGrants('gamma', ['system.clipboard.write']);
  await e.core.plugins.setStatus('gamma', 'active');

  await makeBundle(src, { id: 'gamma', version: '1.1.0', capabilities: ['system.clipboard.write', 'system.clipboard.read'] }, key);
  const preview = await e.core.plugins.inspect(src);
  assert.deepEqual(preview.update?.addedCapabilities, ['system.clipboard.read']);
  const updated = await e.core.plugins.install(src);
  assert.equal(updated.needsConsent, true);
  assert.equal(updated.status, 'disabled', 'an active plugin whose update needs consent stops until the user agrees');
  await assert.rejects(e.core.plugins.setStatus('gamma', 'active'), { code: 'CONSENT_REQUIRED' });
  await e.core.plugins.setGrants('gamma', ['system.clipboard.write']);
  assert.equal((await e.core.plugins.setStatus('gamma', 'active'))?.status, 'active');

  await makeBundle(src, { id: 'gamma', version: '1.2.0', capabilities: ['system.clipboard.write', 'system.clipboard.read'] }, other);
  assert.equal((await e.core.plugins.inspect(src)).update?.publisherChanged, true);
  assert.equal((await e.core.plugins.install(src)).needsConsent, true);
  await e.core.plugins.setGrants('gamma', ['system.clipboard.write']);

  await makeBundle(src, { id: 'gamma', version: '1.0.5', capabilities: ['system.clipboard.write'] }, other);
  await assert.rejects(
    e.core.plugins.install(src),
    (error: { code?: string; message?: string }) => error.code === 'BUNDLE_INVALID' && /replayed-older-version/.test(String(error.message)),
  );
});

test('a bundle changed after install becomes unavailable: it can be disabled, not activated', async (t) => {
  const e = await env(t);
  const key = generateSigningKeyPair();
  await e.core.trust.add({ publicKey: key.publicKey, name: 'Example Corp' });
  await e.core.plugins.install(await makeBundle(join(e.dir, 'src', 'delta'), { id: 'delta', version: '1.0.0', capabilities: [] }, key));
  await e.core.plugins.setStatus('delta', 'active');
  const served = e.core.plugins.contentDir('delta') as string;
  await appendFile(join(e.dir, 'plugins', 'delta', 'index.html'), '<script src="evil.js"></script>');
  assert.equal((await readFile(join(served, 'index.html'), 'utf8')).includes('evil'), false, 'the frame is served the verified copy');
  const core = await e.reopen();
  const info = core.plugins.get('delta');
  assert.equal(info?.available, false);
  assert.match(String(info?.unavailableReason), /^digest-mismatch: .*\(index\.html\)$/);
  assert.equal(String(info?.unavailableReason).includes(e.dir), false, 'no path on this disk is shown');
  assert.equal(core.plugins.contentDir('delta'), null);
  const response = await core.handlePrivilegedAction(
    { pluginId: 'delta' },
    { correlationId: 'stale-000001', request: { action: 'system.clipboard.read', payload: {} } },
  );
  assertRefused(response, 'PLUGIN_NOT_ACTIVE');
  assert.equal((await core.plugins.setStatus('delta', 'disabled'))?.status, 'disabled');
  await assert.rejects(core.plugins.setStatus('delta', 'active'), { code: 'PLUGIN_UNAVAILABLE' });
});

test('unsigned folders work in developer mode only, badged as unsigned; removing trust makes a plugin unavailable', async (t) => {
  const e = await env(t, { devMode: true });
  const unsigned = await e.core.plugins.install(
    await makeBundle(join(e.dir, 'src', 'dev'), { id: 'dev', version: '0.1.0', capabilities: [] }),
  );
  assert.equal(unsigned.signed, false);
  assert.equal(unsigned.available, true);
  const key = generateSigningKeyPair();
  await e.core.trust.add({ publicKey: key.publicKey, name: 'Example Corp' });
  await e.core.plugins.install(await makeBundle(join(e.dir, 'src', 'signed'), { id: 'signed', version: '1.0.0', capabilities: [] }, key));
  await e.core.plugins.setStatus('signed', 'active');
  assert.equal(await e.core.trust.remove(key.keyId), true);
  assert.equal(e.core.plugins.get('signed')?.available, false);
  await e.core.trust.add({ publicKey: key.publicKey, name: 'Example Corp' });
  assert.equal(e.core.plugins.get('signed')?.available, true, 'trusting the key again makes its plugins available at once');
  const changes = await e.core.audit.query({ action: 'trust.publisher', limit: 10 });
  assert.deepEqual(changes.records.map((r) => r.summary?.change).reverse(), ['trusted', 'untrusted', 'trusted']);
  const strict = await e.reopen({ devMode: false });
  assert.equal(strict.plugins.get('dev')?.available, false);
  assert.match(String(strict.plugins.get('dev')?.unavailableReason), /signature-missing/);
});
