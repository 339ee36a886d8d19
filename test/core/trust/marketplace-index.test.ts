import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { generateSigningKeyPair, verifyPluginBundle, type SigningKeyPair } from '@gatehouse/plugin-sdk/node';
import { checkCandidateAgainstIndex, signMarketplaceIndex, validateMarketplaceIndex, type MarketplaceEntry } from '../../../src/core/trust';
import { makeSignedPlugin, removeTempDirs, SAMPLE_CAPABILITIES } from './trust-fixture';

function sampleEntry(publisher: SigningKeyPair, overrides: Partial<MarketplaceEntry> = {}): MarketplaceEntry {
  return {
    id: 'com.example.docker-panel',
    name: 'Docker panel <b>bold</b>',
    version: '2.0.0',
    publisherKeyId: publisher.keyId,
    publisherPublicKey: publisher.publicKey,
    digest: `sha256:${'ab'.repeat(32)}`,
    capabilities: SAMPLE_CAPABILITIES as MarketplaceEntry['capabilities'],
    riskTier: 'high',
    source: { type: 'url', url: 'https://plugins.example.com/docker-panel-2.0.0.ghplugin' },
    description: 'Lists containers.\nRuns docker through the docker-cli scope.',
    ...overrides,
  };
}

/** A signed index as plain JSON data, to tamper with. */
function signedIndexJson(indexKey: SigningKeyPair, entries: MarketplaceEntry[]): Record<string, unknown> {
  return JSON.parse(JSON.stringify(signMarketplaceIndex(entries, indexKey.privateKeyPem))) as Record<string, unknown>;
}

/** Signs arbitrary (possibly invalid) entries, so a refusal can only come from validation. */
function signRaw(indexKey: SigningKeyPair, entries: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...signedIndexJson(indexKey, entries as MarketplaceEntry[]), ...extra };
}

describe('marketplace index', () => {
  after(removeTempDirs);
  const indexKey = generateSigningKeyPair();
  const publisher = generateSigningKeyPair();

  it('accepts a correctly signed index, as an object or as text', () => {
    const entries = [
      sampleEntry(publisher),
      sampleEntry(publisher, {
        version: '2.1.0',
        riskTier: 'medium',
        source: { type: 'file', path: '/srv/plugins/docker-panel.ghplugin' },
      }),
    ];
    const index = signedIndexJson(indexKey, entries);
    const result = validateMarketplaceIndex(index, indexKey.publicKey);
    assert.equal(result.ok, true, result.ok ? '' : result.detail);
    assert.deepEqual(result.ok && result.entries, entries);
    assert.equal(validateMarketplaceIndex(JSON.stringify(index, null, 2), indexKey.publicKey).ok, true);
  });

  it('refuses a tampered entry', () => {
    const index = signedIndexJson(indexKey, [sampleEntry(publisher)]);
    (index.entries as Array<Record<string, unknown>>)[0]!.digest = `sha256:${'cd'.repeat(32)}`;
    const result = validateMarketplaceIndex(index, indexKey.publicKey);
    assert.equal(!result.ok && result.reason, 'signature-invalid');
    const reordered = signedIndexJson(indexKey, [sampleEntry(publisher), sampleEntry(publisher, { version: '3.0.0' })]);
    (reordered.entries as unknown[]).pop();
    assert.equal(validateMarketplaceIndex(reordered, indexKey.publicKey).ok, false, 'a dropped entry breaks the signature');
  });

  it('refuses an index signed by another key', () => {
    const index = signedIndexJson(generateSigningKeyPair(), [sampleEntry(publisher)]);
    const result = validateMarketplaceIndex(index, indexKey.publicKey);
    assert.equal(!result.ok && result.reason, 'signature-invalid');
    const badKey = validateMarketplaceIndex(index, 'not-a-key');
    assert.equal(!badKey.ok && badKey.reason, 'index-key-invalid');
  });

  it('refuses plain http and other non-https sources even when signed', () => {
    for (const url of [
      'http://plugins.example.com/x.ghplugin',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pass@example.com/x',
      'not a url',
    ]) {
      const index = signRaw(indexKey, [sampleEntry(publisher, { source: { type: 'url', url } })]);
      const result = validateMarketplaceIndex(index, indexKey.publicKey);
      assert.equal(!result.ok && result.reason, 'index-malformed', url);
    }
  });

  it('refuses unknown fields even when signed', () => {
    const withHtml = signRaw(indexKey, [{ ...sampleEntry(publisher), descriptionHtml: '<img src=x onerror=alert(1)>' }]);
    const html = validateMarketplaceIndex(withHtml, indexKey.publicKey);
    assert.equal(!html.ok && html.reason, 'index-malformed');
    const topLevel = signRaw(indexKey, [sampleEntry(publisher)], { autoInstall: true });
    const result = validateMarketplaceIndex(topLevel, indexKey.publicKey);
    assert.equal(!result.ok && result.reason, 'index-malformed');
    const inSource = signRaw(indexKey, [sampleEntry(publisher, { source: { type: 'file', path: '/x', run: true } as never })]);
    const source = validateMarketplaceIndex(inSource, indexKey.publicKey);
    assert.equal(!source.ok && source.reason, 'index-malformed');
  });

  it('refuses entries that break the field rules even when signed', () => {
    const cases: Array<[string, Partial<MarketplaceEntry> | Record<string, unknown>]> = [
      ['a key id of another key', { publisherKeyId: generateSigningKeyPair().keyId }],
      ['an unknown capability', { capabilities: ['system.everything'] }],
      ['a repeated capability', { capabilities: ['system.clipboard.read', 'system.clipboard.read'] }],
      ['an unknown risk tier', { riskTier: 'none' }],
      ['a bidi override in the name', { name: 'Docker \u202epanel' }],
      ['a newline in the name', { name: 'Docker\npanel' }],
      ['a control character in the description', { description: 'bell\u0007' }],
      ['a version that is not semver', { version: 'latest' }],
      ['a bad digest', { digest: 'sha1:abc' }],
    ];
    for (const [label, overrides] of cases) {
      const index = signRaw(indexKey, [{ ...sampleEntry(publisher), ...overrides }]);
      const result = validateMarketplaceIndex(index, indexKey.publicKey);
      assert.equal(!result.ok && result.reason, 'index-malformed', label);
    }
    const duplicate = signRaw(indexKey, [sampleEntry(publisher), sampleEntry(publisher)]);
    const twice = validateMarketplaceIndex(duplicate, indexKey.publicKey);
    assert.equal(!twice.ok && twice.reason, 'index-malformed', 'the same id and version twice');
    const broken = validateMarketplaceIndex('{"format":1,', indexKey.publicKey);
    assert.equal(!broken.ok && broken.reason, 'index-malformed');
  });

  it('matches a verified bundle against its entry before install', async () => {
    const plugin = await makeSignedPlugin({ key: publisher });
    const verified = await verifyPluginBundle(plugin.dir, { trustedKeys: new Map([[publisher.keyId, publisher.publicKey]]) });
    assert.equal(verified.ok, true);
    const entry = sampleEntry(publisher, { digest: plugin.digest });
    assert.deepEqual(checkCandidateAgainstIndex(entry, verified), { ok: true });

    const mismatch = (overrides: Partial<MarketplaceEntry>) => {
      const result = checkCandidateAgainstIndex({ ...entry, ...overrides }, verified);
      return result.ok ? 'ok' : result.reason;
    };
    assert.equal(mismatch({ digest: `sha256:${'00'.repeat(32)}` }), 'digest-mismatch');
    const other = generateSigningKeyPair();
    assert.equal(mismatch({ publisherKeyId: other.keyId, publisherPublicKey: other.publicKey }), 'publisher-mismatch');
    assert.equal(mismatch({ id: 'com.example.other' }), 'plugin-id-mismatch');
    assert.equal(mismatch({ version: '2.0.1' }), 'version-mismatch');
    assert.equal(mismatch({ capabilities: ['system.clipboard.write'] }), 'capabilities-mismatch');
    assert.equal(
      mismatch({ capabilities: [...SAMPLE_CAPABILITIES, 'system.clipboard.read'] as MarketplaceEntry['capabilities'] }),
      'capabilities-mismatch',
    );
    const refused = checkCandidateAgainstIndex(entry, { ok: false, reason: 'publisher-untrusted', detail: 'x' });
    assert.equal(!refused.ok && refused.reason, 'bundle-unverified');
  });
});
