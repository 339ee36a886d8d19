import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSigningKeyPair, packPluginBundle, signPluginBundle, verifyPluginBundle } from '@gatehouse/plugin-sdk/node';
import { signMarketplaceIndex, type MarketplaceEntry } from '../../../src/core/trust';
import { createCoreFixture } from '../../support/core-fixture';

async function signedBundle(dir: string, key: ReturnType<typeof generateSigningKeyPair>, capabilities: string[]) {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({
      id: 'market',
      name: 'Market',
      version: '2.0.0',
      publisher: 'Example Corp',
      description: '',
      capabilities,
      ui: { entry: 'index.html' },
    }),
  );
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>market</title>');
  await signPluginBundle(dir, key.privateKeyPem);
  const verified = await verifyPluginBundle(dir, { trustedKeys: new Map([[key.keyId, key.publicKey]]) });
  assert.ok(verified.ok);
  return verified.digest;
}

test('a marketplace entry installs only from a bundle whose signature and digest match it, after trust and consent', async (t) => {
  const f = await createCoreFixture([], { checkBundle: undefined });
  t.after(() => f.cleanup());
  const indexKey = generateSigningKeyPair();
  const publisher = generateSigningKeyPair();
  const bundle = join(f.dir, 'bundle');
  const digest = await signedBundle(bundle, publisher, ['system.clipboard.write']);
  const archive = join(f.dir, 'market.ghp');
  await packPluginBundle(bundle, archive);
  const entry: MarketplaceEntry = {
    id: 'market',
    name: 'Market <b>not html</b>',
    version: '2.0.0',
    publisherKeyId: publisher.keyId,
    publisherPublicKey: publisher.publicKey,
    digest,
    capabilities: ['system.clipboard.write'],
    riskTier: 'medium',
    source: { type: 'file', path: archive },
    description: 'A candidate.',
  };
  const indexPath = join(f.dir, 'plugins.json');
  await writeFile(indexPath, JSON.stringify(signMarketplaceIndex([entry], indexKey.privateKeyPem)));

  const chooseIndex = async () => indexPath;
  await assert.rejects(f.core.marketplace.openIndex(chooseIndex), { code: 'INVALID_INPUT' }, 'no index key configured');
  f.core.marketplace.setKey(generateSigningKeyPair().publicKey);
  await assert.rejects(f.core.marketplace.openIndex(chooseIndex), { code: 'BUNDLE_INVALID' }, 'signed by another key');
  f.core.marketplace.setKey(indexKey.publicKey);
  const entries = (await f.core.marketplace.openIndex(chooseIndex))?.entries ?? [];
  assert.equal(entries[0]?.name, 'Market <b>not html</b>', 'entries are text; rendering them is the UI’s job');
  assert.deepEqual(f.core.plugins.list(), [], 'loading an index installs nothing');

  const impostor = join(f.dir, 'impostor');
  await signedBundle(impostor, generateSigningKeyPair(), ['system.clipboard.write']);
  await assert.rejects(
    f.core.marketplace.stage('market@2.0.0', async () => impostor),
    (error: { code?: string; details?: { reason?: string } }) =>
      error.code === 'BUNDLE_INVALID' && error.details?.reason === 'bundle-unverified',
  );

  assert.equal(await f.core.marketplace.stage('market@2.0.0', async () => null), null, 'a cancelled choice stages nothing');
  const staged = await f.core.marketplace.stage('market@2.0.0', async () => archive);
  assert.ok(staged);
  const inspection = await f.core.plugins.inspect(staged);
  assert.equal(inspection.reason, 'publisher-untrusted');
  assert.equal(inspection.publisher?.fingerprint, publisher.fingerprint);
  await f.core.trust.add({ publicKey: publisher.publicKey, name: 'Example Corp' });
  const installed = await f.core.plugins.install(staged);
  assert.equal(installed.digest, digest);
  assert.equal(installed.status, 'installed');
});
