// gatehouse-plugin index: a signed plugins.json from packed archives, checked with the host's own validator.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  generateSigningKeyPair,
  packPluginBundle,
  runCli,
  storeSigningKey,
  validateMarketplaceIndex,
  type SigningKeyPair,
} from '@gatehouse/plugin-sdk/node';
import { makeSignedBundle, makeTempDir, removeTempDirs } from '../bundle/bundle-fixture.js';

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const write = (text: string) => (out += text);
  const code = await runCli(args, { stdout: { write }, stderr: { write } });
  return { code, out };
}

describe('gatehouse-plugin index', () => {
  let work: string;
  let keyDir: string;
  let indexKey: SigningKeyPair;
  let publisher: SigningKeyPair;
  let clipArchive: string;
  let dnsArchive: string;
  let dnsDigest: string;

  before(async () => {
    work = await makeTempDir('gatehouse-index-');
    keyDir = join(work, 'keys');
    indexKey = generateSigningKeyPair();
    await storeSigningKey(indexKey, 'Example catalogue', { keyDir });
    publisher = generateSigningKeyPair();
    const clip = await makeSignedBundle({ id: 'clip-notes', capabilities: ['system.clipboard.write'], key: publisher });
    const dns = await makeSignedBundle({ id: 'local-dns', capabilities: ['system.hosts.write'], key: publisher });
    dnsDigest = dns.digest;
    clipArchive = join(work, 'clip-notes.ghplugin');
    dnsArchive = join(work, 'local-dns.ghplugin');
    await packPluginBundle(clip.dir, clipArchive);
    await packPluginBundle(dns.dir, dnsArchive);
  });
  after(removeTempDirs);

  it('lists each verified archive and signs the index so the host accepts it', async () => {
    const output = join(work, 'plugins.json');
    const run = await cli([
      'index',
      clipArchive,
      dnsArchive,
      '-o',
      output,
      '--key',
      indexKey.keyId,
      '--key-dir',
      keyDir,
      '--trust',
      publisher.publicKey,
      '--url-base',
      'https://plugins.example.com/catalogue/',
      '--risk',
      'clip-notes=medium',
    ]);
    assert.equal(run.code, 0, run.out);
    assert.match(run.out, new RegExp(`^indexed 2 plugins into .*plugins\\.json, signed with ${indexKey.keyId}$`, 'm'));
    assert.ok(run.out.includes(indexKey.publicKey), 'says which public key users add');

    const checked = validateMarketplaceIndex(await readFile(output, 'utf8'), indexKey.publicKey);
    assert.ok(checked.ok, checked.ok ? '' : checked.detail);
    const [clip, dns] = checked.entries;
    assert.deepEqual(
      {
        id: clip?.id,
        riskTier: clip?.riskTier,
        source: clip?.source,
        publisherKeyId: clip?.publisherKeyId,
        capabilities: clip?.capabilities,
      },
      {
        id: 'clip-notes',
        riskTier: 'medium',
        source: { type: 'url', url: 'https://plugins.example.com/catalogue/clip-notes.ghplugin' },
        publisherKeyId: publisher.keyId,
        capabilities: ['system.clipboard.write'],
      },
    );
    assert.equal(dns?.riskTier, 'high', 'the hosts file is high risk unless the author says otherwise');
    assert.equal(dns?.digest, dnsDigest, 'the entry pins the signed content');
    assert.equal(dns?.publisherPublicKey, publisher.publicKey);
    // Signed by the index key, not by anything else.
    assert.equal(validateMarketplaceIndex(await readFile(output, 'utf8'), publisher.publicKey).ok, false);
  });

  it('without --url-base, names each archive file next to the index', async () => {
    const output = join(work, 'local.json');
    assert.equal(
      (await cli(['index', clipArchive, '-o', output, '--key', indexKey.keyId, '--key-dir', keyDir, '--trust', publisher.publicKey])).code,
      0,
    );
    const checked = validateMarketplaceIndex(await readFile(output, 'utf8'), indexKey.publicKey);
    assert.ok(checked.ok);
    assert.deepEqual(checked.entries[0]?.source, { type: 'file', path: 'clip-notes.ghplugin' });
    assert.equal(checked.entries[0]?.riskTier, 'low');
  });

  it('refuses an archive that does not verify against the trusted keys, and writes nothing', async () => {
    const output = join(work, 'refused.json');
    const run = await cli([
      'index',
      clipArchive,
      '-o',
      output,
      '--key',
      indexKey.keyId,
      '--key-dir',
      keyDir,
      '--trust',
      generateSigningKeyPair().publicKey,
    ]);
    assert.equal(run.code, 1);
    assert.match(run.out, /^gatehouse-plugin: bundle-unverified: clip-notes\.ghplugin does not verify: publisher-untrusted/);
    assert.equal(existsSync(output), false);
  });

  it('refuses the same id and version twice, and a risk for a plugin it does not list', async () => {
    const common = ['-o', join(work, 'x.json'), '--key', indexKey.keyId, '--key-dir', keyDir, '--trust', publisher.publicKey];
    const twice = await cli(['index', clipArchive, clipArchive, ...common]);
    assert.equal(twice.code, 1);
    assert.match(twice.out, /^gatehouse-plugin: index-entry-invalid: clip-notes@1\.2\.0 is in more than one archive/);
    const stray = await cli(['index', clipArchive, ...common, '--risk', 'other=low']);
    assert.equal(stray.code, 1);
    assert.match(stray.out, /index-entry-invalid: A risk is given for other/);
  });

  it('exits 2 on usage mistakes', async () => {
    const base = ['index', clipArchive, '-o', join(work, 'y.json'), '--key', indexKey.keyId, '--key-dir', keyDir];
    for (const [args, code] of [
      [['index', '-o', 'x.json', '--key', indexKey.keyId, '--trust', publisher.publicKey], 'usage-missing-argument'],
      [base, 'usage-missing-argument'],
      [[...base, '--trust', publisher.publicKey, '--risk', 'clip-notes=severe'], 'usage-invalid-value'],
      [[...base, '--trust', publisher.publicKey, '--risk', '__proto__'], 'usage-invalid-value'],
      [[...base, '--trust', publisher.publicKey, '--url-base', 'http://plugins.example.com/'], 'usage-invalid-value'],
    ] as const) {
      const run = await cli([...args]);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.out}`);
      assert.match(run.out, new RegExp(`^gatehouse-plugin: ${code}: `));
    }
  });
});
