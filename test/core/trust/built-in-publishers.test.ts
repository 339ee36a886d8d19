// Built-in publisher keys live in memory only: a development run must not leave the public development key
// in a profile that a packaged build (same app, same settings) later opens, and a packaged build drops a
// development key an older build did store. Real host cores over real conf files, plugins and audit logs.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Conf from 'conf';
import { generateSigningKeyPair, type SigningKeyPair } from '@gatehouse/plugin-sdk/node';
import { createHostCore, createInteractivePrompter, type HostCore } from '../../../src/core/index';
import { createSecretStore } from '../../../src/core/secrets';
import { createTrustStore, TRUSTED_PUBLISHERS_SETTINGS_KEY } from '../../../src/core/trust';
import { makeSignedPlugin, makeTempDir, removeTempDirs } from './trust-fixture';

/** One user profile: the folders a development run and a packaged build would both open. */
async function makeProfile() {
  const root = await makeTempDir('gatehouse-profile-');
  return { root, settingsDir: join(root, 'settings'), settingsFile: join(root, 'settings', 'config.json') };
}

type Profile = Awaited<ReturnType<typeof makeProfile>>;

function openSettings(profile: Profile) {
  return new Conf<Record<string, unknown>>({ cwd: profile.settingsDir });
}

async function startCore(profile: Profile, build: { builtIn?: SigningKeyPair; neverTrusted?: SigningKeyPair }): Promise<HostCore> {
  return createHostCore({
    dataDir: join(profile.root, 'data'),
    pluginsDir: join(profile.root, 'plugins'),
    hostsPath: join(profile.root, 'hosts'),
    settings: openSettings(profile),
    clipboard: null,
    prompter: createInteractivePrompter(),
    devMode: build.builtIn !== undefined,
    homeDir: profile.root,
    secretStore: createSecretStore({ loadKeytar: async () => Promise.reject(new Error('no keychain in this test')) }),
    ...(build.builtIn ? { builtInPublishers: [{ publicKey: build.builtIn.publicKey, name: 'Gatehouse development' }] } : {}),
    ...(build.neverTrusted ? { neverTrustedPublisherKeys: [build.neverTrusted.publicKey] } : {}),
  });
}

/** The trusted publishers as written on disk, whatever any cache in the process believes. */
async function storedKeyIds(profile: Profile): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(profile.settingsFile, 'utf8');
  } catch {
    return [];
  }
  const stored = (JSON.parse(text) as Record<string, unknown>)[TRUSTED_PUBLISHERS_SETTINGS_KEY];
  return Array.isArray(stored) ? stored.map((entry) => (entry as { keyId: string }).keyId) : [];
}

describe('built-in publisher keys', () => {
  after(removeTempDirs);

  it('a development run trusts its key in memory and never writes it to the profile', async () => {
    const profile = await makeProfile();
    const devKey = generateSigningKeyPair();
    const plugin = await makeSignedPlugin({ id: 'docker-panel', key: devKey });
    const core = await startCore(profile, { builtIn: devKey });
    try {
      const installed = await core.plugins.install(plugin.dir);
      assert.equal(installed.available, true, 'the development build trusts its own key');
      assert.deepEqual(
        core.trust.list().map((entry) => entry.keyId),
        [devKey.keyId],
      );
      // Adding it again (the trust dialog) must not persist it either, and removing it is not possible.
      await core.trust.add({ publicKey: devKey.publicKey, name: 'Gatehouse development' });
      assert.equal(await core.trust.remove(devKey.keyId), false);
    } finally {
      await core.close();
    }
    assert.deepEqual(await storedKeyIds(profile), [], 'nothing about the development key is on disk');

    // A packaged build opens the same profile: the plugin signed with the development key does not verify.
    const packaged = await startCore(profile, { neverTrusted: devKey });
    try {
      assert.deepEqual(packaged.trust.list(), []);
      assert.equal(packaged.plugins.get('docker-panel')?.available, false);
    } finally {
      await packaged.close();
    }
  });

  it('a packaged build drops a development key an older build stored, records it, and refuses to add it', async () => {
    const profile = await makeProfile();
    const devKey = generateSigningKeyPair();
    const companyKey = generateSigningKeyPair();
    // What an older development run left behind: the development key next to a key the user trusted.
    const older = createTrustStore(openSettings(profile));
    older.add({ publicKey: devKey.publicKey, name: 'Gatehouse development' });
    older.add({ publicKey: companyKey.publicKey, name: 'Example Corp' });
    const devPlugin = await makeSignedPlugin({ id: 'docker-panel', key: devKey });
    const companyPlugin = await makeSignedPlugin({ id: 'local-dns', key: companyKey });
    const olderCore = await startCore(profile, {});
    try {
      assert.equal((await olderCore.plugins.install(devPlugin.dir)).available, true, 'the stored key was trusted before');
      assert.equal((await olderCore.plugins.install(companyPlugin.dir)).available, true);
    } finally {
      await olderCore.close();
    }

    const packaged = await startCore(profile, { neverTrusted: devKey });
    try {
      assert.deepEqual(
        packaged.trust.list().map((entry) => entry.keyId),
        [companyKey.keyId],
        'the user-trusted key stays',
      );
      assert.deepEqual(await storedKeyIds(profile), [companyKey.keyId], 'the development key is gone from disk');
      assert.equal(packaged.plugins.get('docker-panel')?.available, false, 'its plugin no longer verifies');
      assert.equal(packaged.plugins.get('local-dns')?.available, true);
      const records = (await packaged.audit.query({ action: 'trust.publisher' })).records;
      assert.ok(
        records.some(
          (record) =>
            (record.summary as Record<string, unknown>).change === 'untrusted' &&
            (record.summary as Record<string, unknown>).keyId === devKey.keyId,
        ),
        'the removal is in the audit log',
      );
      await assert.rejects(packaged.trust.add({ publicKey: devKey.publicKey, name: 'Gatehouse development' }), { code: 'INVALID_INPUT' });
      assert.deepEqual(await storedKeyIds(profile), [companyKey.keyId]);
    } finally {
      await packaged.close();
    }
  });

  it('the trust store never persists built-in keys and hides never-trusted ones', async () => {
    const profile = await makeProfile();
    const builtInKey = generateSigningKeyPair();
    const publicKey = generateSigningKeyPair();
    const settings = openSettings(profile);
    const store = createTrustStore(settings, {
      builtIn: [{ publicKey: builtInKey.publicKey, name: 'Built in' }],
      neverTrusted: [publicKey.publicKey],
    });
    assert.equal(store.lookup(builtInKey.keyId), builtInKey.publicKey);
    assert.equal(store.add({ publicKey: builtInKey.publicKey, name: 'Renamed' }).name, 'Built in');
    assert.equal(settings.get(TRUSTED_PUBLISHERS_SETTINGS_KEY), undefined);
    assert.throws(() => store.add({ publicKey: publicKey.publicKey, name: 'Public' }), { code: 'INVALID_INPUT' });
    // A key that is both built in and never trusted (a misconfigured build) is not trusted.
    const both = createTrustStore(settings, {
      builtIn: [{ publicKey: publicKey.publicKey, name: 'Public' }],
      neverTrusted: [publicKey.publicKey],
    });
    assert.equal(both.lookup(publicKey.keyId), undefined);
  });
});
