import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { describePublicKey, generateSigningKeyPair } from '@gatehouse/plugin-sdk/node';
import { createTrustStore, TRUSTED_PUBLISHERS_SETTINGS_KEY, verifyInstalledBundle } from '../../../src/core/trust';
import { makeSignedPlugin, makeTempDir, openSettings, removeTempDirs } from './trust-fixture';

const clockAt = (iso: string) => ({ now: () => Date.parse(iso) });

describe('trusted publisher keys', () => {
  after(removeTempDirs);

  it('adds, lists, gets, looks up and removes keys, persisted in settings', async () => {
    const dir = await makeTempDir();
    const trust = createTrustStore(openSettings(dir), { clock: clockAt('2025-01-02T03:04:05.000Z') });
    const pair = generateSigningKeyPair();
    const added = trust.add({ publicKey: pair.publicKey, name: '  Example Corp  ' });
    assert.deepEqual(added, {
      keyId: pair.keyId,
      publicKey: pair.publicKey,
      name: 'Example Corp',
      fingerprint: pair.fingerprint,
      addedAt: '2025-01-02T03:04:05.000Z',
    });

    const reopened = createTrustStore(openSettings(dir));
    assert.deepEqual(reopened.list(), [added]);
    assert.deepEqual(reopened.get(pair.keyId), added);
    assert.equal(reopened.lookup(pair.keyId), pair.publicKey);
    assert.equal(reopened.lookup(generateSigningKeyPair().keyId), undefined);

    const renamed = createTrustStore(openSettings(dir), { clock: clockAt('2030-01-01T00:00:00.000Z') }).add({
      publicKey: pair.publicKey,
      name: 'Example Corporation',
    });
    assert.equal(renamed.addedAt, added.addedAt, 're-adding keeps the first trust date');
    assert.equal(createTrustStore(openSettings(dir)).list().length, 1);

    assert.equal(reopened.remove(pair.keyId), true);
    assert.equal(reopened.remove(pair.keyId), false);
    assert.deepEqual(createTrustStore(openSettings(dir)).list(), []);
  });

  it('refuses keys that are not raw ed25519 keys and names that are not plain text', async () => {
    const trust = createTrustStore(openSettings(await makeTempDir()));
    const { publicKey } = generateSigningKeyPair();
    assert.throws(() => trust.add({ publicKey: 'AAAA', name: 'x' }), { code: 'INVALID_INPUT' });
    assert.throws(() => trust.add({ publicKey, name: '' }), { code: 'INVALID_INPUT' });
    assert.throws(() => trust.add({ publicKey, name: 'Evil\u202eCorp' }), { code: 'INVALID_INPUT' });
    assert.throws(() => trust.add({ publicKey, name: 'line\nbreak' }), { code: 'INVALID_INPUT' });
    assert.deepEqual(trust.list(), []);
  });

  it('ignores stored entries whose key id or fingerprint was edited to claim another key', async () => {
    const dir = await makeTempDir();
    const settings = openSettings(dir);
    const trust = createTrustStore(settings);
    const honest = trust.add({ publicKey: generateSigningKeyPair().publicKey, name: 'Honest' });
    const other = generateSigningKeyPair();
    const forged = { ...honest, keyId: other.keyId, name: 'Forged' };
    const wrongFingerprint = {
      ...trust.add({ publicKey: other.publicKey, name: 'Other' }),
      fingerprint: describePublicKey(honest.publicKey).fingerprint,
    };
    settings.set(TRUSTED_PUBLISHERS_SETTINGS_KEY, [honest, forged, wrongFingerprint, { junk: true }, 'text']);
    assert.deepEqual(createTrustStore(settings).list(), [honest]);
    assert.equal(createTrustStore(settings).lookup(other.keyId), undefined);
    settings.set(TRUSTED_PUBLISHERS_SETTINGS_KEY, 'not a list');
    assert.deepEqual(createTrustStore(settings).list(), []);
  });

  it('verifies installed bundles against the trusted keys only', async () => {
    const trust = createTrustStore(openSettings(await makeTempDir()));
    const plugin = await makeSignedPlugin();
    const before = await verifyInstalledBundle(plugin.dir, trust);
    assert.equal(before.ok, false);
    assert.equal(!before.ok && before.reason, 'publisher-untrusted');
    trust.add({ publicKey: plugin.key.publicKey, name: 'Example Corp' });
    const trusted = await verifyInstalledBundle(plugin.dir, trust, { pluginId: 'com.example.docker-panel' });
    assert.equal(trusted.ok, true);
    const replay = await verifyInstalledBundle(plugin.dir, trust, { previousVersion: '2.0.1' });
    assert.equal(!replay.ok && replay.reason, 'replayed-older-version');
    trust.remove(plugin.key.keyId);
    const revoked = await verifyInstalledBundle(plugin.dir, trust);
    assert.equal(!revoked.ok && revoked.reason, 'publisher-untrusted');
  });
});
