import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import {
  generateSigningKeyPair,
  sha256Digest,
  signCanonicalJson,
  signPluginBundle,
  verifyPluginBundle,
  type BundleVerificationResult,
} from '@gatehouse/plugin-sdk/node';
import { copyBundle, makeSignedBundle, makeTempDir, put, removeTempDirs } from './bundle-fixture';

type Signed = Awaited<ReturnType<typeof makeSignedBundle>>;

function assertRefused(result: BundleVerificationResult, reason: string, path?: string): void {
  assert.equal(result.ok, false, `expected ${reason}, got ok`);
  if (result.ok) return;
  assert.equal(result.reason, reason, result.detail);
  assert.ok(result.detail.length > 0);
  if (path !== undefined) assert.equal(result.path, path);
}

async function editSignature(dir: string, edit: (json: Record<string, unknown>) => void): Promise<void> {
  const path = join(dir, 'signature.json');
  const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  edit(json);
  await writeFile(path, JSON.stringify(json));
}

describe('bundle tamper matrix', () => {
  let signed: Signed;
  before(async () => {
    signed = await makeSignedBundle();
  });
  after(removeTempDirs);

  const verifyCopy = async (tamper: (dir: string) => Promise<void>, expect = {}) => {
    const dir = await copyBundle(signed.dir);
    await tamper(dir);
    return verifyPluginBundle(dir, { trustedKeys: signed.trustedKeys, expect });
  };

  it('accepts the untouched signed bundle and reports its identity and digest', async () => {
    const result = await verifyPluginBundle(signed.dir, { trustedKeys: signed.trustedKeys });
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.pluginId, 'example-local-dns');
    assert.equal(result.version, '1.2.0');
    assert.equal(result.publisherKeyId, signed.key.keyId);
    assert.equal(result.digest, signed.digest);
    assert.deepEqual(Object.keys(result.files).sort(), ['manifest.json', 'ui/app.js', 'ui/assets/icons/logo.svg', 'ui/index.html']);
    assert.equal(result.files['ui/app.js'], sha256Digest('console.log("local dns");\n'));
    assert.deepEqual(result.manifest.capabilities, ['system.hosts.write']);
  });

  it('accepts a lookup function as the trusted keys', async () => {
    const result = await verifyPluginBundle(signed.dir, { trustedKeys: async (keyId) => signed.trustedKeys.get(keyId) });
    assert.equal(result.ok, true);
  });

  it('refuses one changed byte', async () => {
    const result = await verifyCopy(async (dir) => {
      const path = join(dir, 'ui/app.js');
      const bytes = await readFile(path);
      bytes[0] = bytes[0]! ^ 1;
      await writeFile(path, bytes);
    });
    assertRefused(result, 'digest-mismatch', 'ui/app.js');
  });

  it('refuses a changed byte in a nested file', async () => {
    const result = await verifyCopy((dir) => appendFile(join(dir, 'ui/assets/icons/logo.svg'), ' '));
    assertRefused(result, 'digest-mismatch', 'ui/assets/icons/logo.svg');
  });

  it('refuses an added file', async () => {
    assertRefused(await verifyCopy((dir) => put(dir, 'ui/extra.js', 'steal()')), 'file-not-listed', 'ui/extra.js');
  });

  it('refuses an added empty file in a new folder', async () => {
    assertRefused(await verifyCopy((dir) => put(dir, 'new/empty.txt', '')), 'file-not-listed', 'new/empty.txt');
  });

  it('refuses a removed file', async () => {
    assertRefused(await verifyCopy((dir) => rm(join(dir, 'ui/index.html'))), 'file-missing', 'ui/index.html');
  });

  it('refuses a renamed file', async () => {
    const result = await verifyCopy((dir) => rename(join(dir, 'ui/app.js'), join(dir, 'ui/app2.js')));
    assertRefused(result, 'file-missing', 'ui/app.js');
  });

  it('refuses an added symlink', async () => {
    assertRefused(await verifyCopy((dir) => symlink('app.js', join(dir, 'ui/link.js'))), 'symlink-present', 'ui/link.js');
  });

  it('refuses a signed file replaced by a symlink to identical content', async () => {
    const result = await verifyCopy(async (dir) => {
      await rename(join(dir, 'ui/app.js'), join(dir, '..', 'outside-app.js'));
      await symlink(join(dir, '..', 'outside-app.js'), join(dir, 'ui/app.js'));
    });
    assertRefused(result, 'symlink-present', 'ui/app.js');
  });

  it('refuses a symlinked folder', async () => {
    const result = await verifyCopy(async (dir) => {
      await rename(join(dir, 'ui/assets'), join(dir, '..', 'assets'));
      await symlink(join(dir, '..', 'assets'), join(dir, 'ui/assets'));
    });
    assertRefused(result, 'symlink-present', 'ui/assets');
  });

  it('refuses a symlinked signature.json', async () => {
    const result = await verifyCopy(async (dir) => {
      await rename(join(dir, 'signature.json'), join(dir, '..', 'signature.json'));
      await symlink(join(dir, '..', 'signature.json'), join(dir, 'signature.json'));
    });
    assertRefused(result, 'symlink-present', 'signature.json');
  });

  it('refuses a special file (fifo)', async (t) => {
    if (spawnSync('which', ['mkfifo']).status !== 0) return t.skip('mkfifo is not installed, so no fifo can be made here');
    const result = await verifyCopy(async (dir) => {
      assert.equal(spawnSync('mkfifo', [join(dir, 'ui/pipe')]).status, 0);
    });
    assertRefused(result, 'unsupported-file', 'ui/pipe');
  });

  it('refuses a symlink to the bundle folder itself', async () => {
    const link = join(await makeTempDir(), 'link');
    await symlink(signed.dir, link);
    assertRefused(await verifyPluginBundle(link, { trustedKeys: signed.trustedKeys }), 'not-a-directory');
  });

  it('refuses a file where a folder is expected', async () => {
    assertRefused(await verifyPluginBundle(join(signed.dir, 'manifest.json'), { trustedKeys: signed.trustedKeys }), 'not-a-directory');
  });

  it('refuses a manifest capability added after signing', async () => {
    const result = await verifyCopy(async (dir) => {
      const path = join(dir, 'manifest.json');
      const manifest = JSON.parse(await readFile(path, 'utf8')) as { capabilities: string[] };
      manifest.capabilities.push('system.clipboard.read');
      await writeFile(path, JSON.stringify(manifest, null, 2));
    });
    assertRefused(result, 'manifest-mismatch', 'manifest.json');
  });

  it('refuses an added capability even when signature.json is re-hashed to match', async () => {
    const result = await verifyCopy(async (dir) => {
      const path = join(dir, 'manifest.json');
      const manifest = JSON.parse(await readFile(path, 'utf8')) as { capabilities: string[] };
      manifest.capabilities.push('system.clipboard.read');
      const text = JSON.stringify(manifest);
      await writeFile(path, text);
      await editSignature(dir, (json) => {
        json.manifestDigest = sha256Digest(text);
        (json.files as Record<string, string>)['manifest.json'] = sha256Digest(text);
      });
    });
    assertRefused(result, 'signature-invalid');
  });

  it('refuses a bundle signed with a different, untrusted key', async () => {
    const result = await verifyCopy(async (dir) => {
      const other = generateSigningKeyPair();
      await signPluginBundle(dir, other.privateKeyPem, other.publicKey);
    });
    assertRefused(result, 'publisher-untrusted');
  });

  it('refuses a trusted key id mapped to another public key', async () => {
    const other = generateSigningKeyPair();
    const result = await verifyPluginBundle(signed.dir, { trustedKeys: new Map([[signed.key.keyId, other.publicKey]]) });
    assertRefused(result, 'publisher-untrusted');
  });

  it('refuses a signature.json that names the trusted key but was signed by another', async () => {
    const result = await verifyCopy(async (dir) => {
      const other = generateSigningKeyPair();
      await editSignature(dir, (json) => {
        const { signature: _old, ...payload } = json;
        json.signature = signCanonicalJson(payload, other.privateKeyPem);
      });
    });
    assertRefused(result, 'signature-invalid');
  });

  it('refuses an older signed version replayed over a newer installed one', async () => {
    const old = await makeSignedBundle({ version: '1.1.9', key: signed.key });
    const result = await verifyPluginBundle(old.dir, { trustedKeys: old.trustedKeys, expect: { previousVersion: '1.2.0' } });
    assertRefused(result, 'replayed-older-version');
    const sameVersion = await verifyPluginBundle(signed.dir, { trustedKeys: signed.trustedKeys, expect: { previousVersion: '1.2.0' } });
    assert.equal(sameVersion.ok, true, 'the same version is not a replay');
    assertRefused(
      await verifyPluginBundle(old.dir, { trustedKeys: old.trustedKeys, expect: { minVersion: '1.2.0' } }),
      'replayed-older-version',
    );
  });

  it('refuses a pre-release of the installed version', async () => {
    const beta = await makeSignedBundle({ version: '1.2.0-beta.2', key: signed.key });
    assertRefused(
      await verifyPluginBundle(beta.dir, { trustedKeys: beta.trustedKeys, expect: { previousVersion: '1.2.0' } }),
      'replayed-older-version',
    );
  });

  it('refuses a bundle of another plugin id than expected', async () => {
    const result = await verifyPluginBundle(signed.dir, { trustedKeys: signed.trustedKeys, expect: { pluginId: 'example-other' } });
    assertRefused(result, 'plugin-id-mismatch');
  });

  for (const [label, escape] of [
    ['a .. segment', '../outside.txt'],
    ['an inner .. segment', 'ui/../../outside.txt'],
    ['an absolute path', '/etc/passwd'],
    ['a backslash', 'ui\\..\\..\\outside.txt'],
    ['a NUL', 'ui/app.js\u0000.txt'],
    ['a drive letter', 'C:/Windows/win.ini'],
    ['an empty segment', 'ui//app.js'],
    ['a . segment', './manifest.json'],
  ] as const) {
    it(`refuses a path escape in signature.json: ${label}`, async () => {
      const result = await verifyCopy(async (dir) => {
        await put(dir, '../outside.txt', 'outside');
        await editSignature(dir, (json) => {
          (json.files as Record<string, string>)[escape] = sha256Digest('outside');
        });
      });
      assertRefused(result, 'path-escape', escape);
    });
  }

  for (const [label, edit] of [
    ['not JSON', null],
    ['a missing field', (json: Record<string, unknown>) => delete json.manifestDigest],
    ['an unknown field', (json: Record<string, unknown>) => (json.trustMe = true)],
    ['an unknown format', (json: Record<string, unknown>) => (json.format = 2)],
    ['a bad signature encoding', (json: Record<string, unknown>) => (json.signature = 'not base64!')],
    ['a short signature', (json: Record<string, unknown>) => (json.signature = Buffer.alloc(32).toString('base64'))],
    ['a bad digest', (json: Record<string, unknown>) => ((json.files as Record<string, string>)['ui/app.js'] = 'md5:abc')],
    ['a bad key id', (json: Record<string, unknown>) => (json.publisherKeyId = 'rsa:1234')],
    ['an array', (json: Record<string, unknown>) => (json.files = [])],
    ['itself listed', (json: Record<string, unknown>) => ((json.files as Record<string, string>)['signature.json'] = sha256Digest(''))],
    ['no manifest listed', (json: Record<string, unknown>) => delete (json.files as Record<string, string>)['manifest.json']],
  ] as const) {
    it(`refuses a malformed signature.json: ${label}`, async () => {
      const result = await verifyCopy(async (dir) => {
        if (edit === null) await writeFile(join(dir, 'signature.json'), '{"format": 1, ');
        else await editSignature(dir, edit);
      });
      assertRefused(result, 'signature-malformed', 'signature.json');
    });
  }

  it('refuses a bundle without signature.json', async () => {
    assertRefused(await verifyCopy((dir) => rm(join(dir, 'signature.json'))), 'signature-missing');
  });

  it('refuses a validly signed signature.json whose plugin id differs from the manifest', async () => {
    const result = await verifyCopy(async (dir) => {
      await editSignature(dir, (json) => {
        json.pluginId = 'example-impostor';
        const { signature: _old, publisherPublicKey: _key, ...payload } = json;
        json.signature = signCanonicalJson(payload, signed.key.privateKeyPem);
      });
    });
    assertRefused(result, 'manifest-mismatch', 'manifest.json');
  });
});

test('signature.json carries the publisher public key for the trust prompt, bound to the key id', async (t) => {
  const node = await import('@gatehouse/plugin-sdk/node');
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-pubkey-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const bundle = join(dir, 'bundle');
  await mkdir(bundle);
  await writeFile(join(bundle, 'manifest.json'), JSON.stringify({ id: 'demo', version: '1.0.0', capabilities: [] }));
  const keys = node.generateSigningKeyPair();
  const other = node.generateSigningKeyPair();
  await node.signPluginBundle(bundle, keys.privateKeyPem);
  const read = await node.readBundleSignature(bundle);
  assert.equal(read.ok && read.signature.publisherPublicKey, keys.publicKey);
  const file = JSON.parse(await readFile(join(bundle, 'signature.json'), 'utf8'));
  await writeFile(join(bundle, 'signature.json'), JSON.stringify({ ...file, publisherPublicKey: other.publicKey }));
  const swapped = await node.verifyPluginBundle(bundle, { trustedKeys: new Map([[keys.keyId, keys.publicKey]]) });
  assert.equal(!swapped.ok && swapped.reason, 'signature-malformed');
});
