import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  canonicalJson,
  compareSemver,
  describePublicKey,
  generateSigningKeyPair,
  isSafeBundlePath,
  isSemver,
  publicKeyToBase64,
  privateKeyFrom,
  signCanonicalJson,
  verifyCanonicalJson,
} from '@gatehouse/plugin-sdk/node';

describe('signing keys', () => {
  it('derives the key id and fingerprint from sha256 of the raw public key', () => {
    const pair = generateSigningKeyPair();
    const raw = Buffer.from(pair.publicKey, 'base64');
    assert.equal(raw.length, 32);
    const hash = createHash('sha256').update(raw).digest('hex');
    assert.equal(pair.keyId, `ed25519:${hash.slice(0, 32)}`);
    assert.match(pair.fingerprint, /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    assert.equal(pair.fingerprint.replaceAll(' ', '').toLowerCase(), hash);
    assert.deepEqual(describePublicKey(pair.publicKey), { keyId: pair.keyId, fingerprint: pair.fingerprint, publicKey: pair.publicKey });
    assert.equal(publicKeyToBase64(privateKeyFrom(pair.privateKeyPem)), pair.publicKey);
  });

  it('refuses public keys that are not 32 raw bytes in base64', () => {
    for (const bad of ['', 'abc', Buffer.alloc(31).toString('base64'), Buffer.alloc(33).toString('base64'), '-----BEGIN PUBLIC KEY-----']) {
      assert.throws(() => describePublicKey(bad), { code: 'key-invalid' });
    }
  });

  it('signs canonical JSON so key order does not matter, and any change breaks the signature', () => {
    const pair = generateSigningKeyPair();
    const signature = signCanonicalJson({ b: 1, a: [1, 'x'] }, pair.privateKeyPem);
    assert.equal(canonicalJson({ b: 1, a: [1, 'x'] }), '{"a":[1,"x"],"b":1}');
    assert.equal(verifyCanonicalJson({ a: [1, 'x'], b: 1 }, signature, pair.publicKey), true);
    assert.equal(verifyCanonicalJson({ a: [1, 'y'], b: 1 }, signature, pair.publicKey), false);
    assert.equal(verifyCanonicalJson({ a: [1, 'x'], b: 1 }, signature, generateSigningKeyPair().publicKey), false);
    assert.equal(verifyCanonicalJson({ a: [1, 'x'], b: 1 }, 'garbage', pair.publicKey), false);
  });
});

describe('semantic versions', () => {
  it('orders versions by precedence', () => {
    const ordered = [
      '0.9.0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.2.0',
      '1.10.0',
      '10.0.0',
    ];
    for (let i = 0; i < ordered.length - 1; i += 1) {
      assert.ok(compareSemver(ordered[i]!, ordered[i + 1]!) < 0, `${ordered[i]} < ${ordered[i + 1]}`);
      assert.ok(compareSemver(ordered[i + 1]!, ordered[i]!) > 0, `${ordered[i + 1]} > ${ordered[i]}`);
    }
    assert.equal(compareSemver('1.0.0+build.1', '1.0.0+build.2'), 0);
  });

  it('recognises only semantic versions', () => {
    for (const good of ['0.0.1', '1.2.3-rc.1+sha.abc']) assert.equal(isSemver(good), true, good);
    for (const bad of ['1.2', '01.2.3', 'v1.2.3', '1.2.3-', '', '1.2.3.4']) assert.equal(isSemver(bad), false, bad);
    assert.throws(() => compareSemver('1.2', '1.2.0'));
  });
});

describe('bundle paths', () => {
  it('accepts plain relative POSIX paths and refuses everything else', () => {
    for (const good of ['manifest.json', 'ui/index.html', 'a/b/c/d.txt', '.hidden', 'ui/..dots'])
      assert.equal(isSafeBundlePath(good), true, good);
    for (const bad of [
      '',
      '/abs',
      '../x',
      'a/../b',
      'a/./b',
      'a//b',
      'a/',
      'a\\b',
      'a\u0000b',
      'C:x',
      'line\nbreak',
      '__proto__',
      'x'.repeat(1025),
    ]) {
      assert.equal(isSafeBundlePath(bad), false, JSON.stringify(bad));
    }
  });
});
