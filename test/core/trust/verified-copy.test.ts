import assert from 'node:assert/strict';
import { appendFile, chmod, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sha256Digest } from '@gatehouse/plugin-sdk/node';
import { createTrustStore, createVerifiedCopy, isSignedFileContent, readVerifiedFile, type VerifiedCopy } from '../../../src/core/trust';
import { makeSignedPlugin, makeTempDir, openSettings, put, removeTempDirs } from './trust-fixture';

async function trustedSetup() {
  const plugin = await makeSignedPlugin();
  const trust = createTrustStore(openSettings(await makeTempDir()));
  trust.add({ publicKey: plugin.key.publicKey, name: 'Example Corp' });
  const cacheDir = join(await makeTempDir(), 'verified');
  return { plugin, trust, cacheDir };
}

function assertCopy(result: Awaited<ReturnType<typeof createVerifiedCopy>>): asserts result is VerifiedCopy {
  assert.equal(result.ok, true, result.ok ? '' : `${result.reason}: ${result.detail}`);
}

describe('verified copies', () => {
  after(removeTempDirs);

  it('copies exactly the signed files into a folder named by the digest and serves them', async () => {
    const { plugin, trust, cacheDir } = await trustedSetup();
    const copy = await createVerifiedCopy(plugin.dir, cacheDir, { trust });
    assertCopy(copy);
    assert.equal(copy.dir, join(cacheDir, plugin.digest.slice('sha256:'.length)));
    assert.equal(copy.verification.digest, plugin.digest);
    assert.deepEqual((await readdir(copy.dir)).sort(), ['manifest.json', 'signature.json', 'ui']);
    assert.equal((await stat(join(copy.dir, 'ui/main.js'))).mode & 0o222, 0, 'copied files are read-only');
    const served = await readVerifiedFile(copy.dir, copy.verification.files, 'ui/main.js');
    assert.equal(served.ok && served.content.toString(), 'document.title = "Docker panel";');
    assert.deepEqual(await readdir(cacheDir), [copy.dir.slice(cacheDir.length + 1)], 'no staging folder is left behind');
  });

  it('keeps serving the verified content after the source folder changes', async () => {
    const { plugin, trust, cacheDir } = await trustedSetup();
    const copy = await createVerifiedCopy(plugin.dir, cacheDir, { trust });
    assertCopy(copy);
    await writeFile(join(plugin.dir, 'ui/main.js'), 'exfiltrate()');
    await put(plugin.dir, 'ui/extra.js', 'more()');
    const served = await readVerifiedFile(copy.dir, copy.verification.files, 'ui/main.js');
    assert.equal(served.ok && served.content.toString(), 'document.title = "Docker panel";');
    const again = await createVerifiedCopy(plugin.dir, cacheDir, { trust });
    assert.equal(!again.ok && again.reason, 'file-not-listed', 'the changed source no longer verifies');
  });

  it('refuses to serve a copied file that changed after verification', async () => {
    const { plugin, trust, cacheDir } = await trustedSetup();
    const copy = await createVerifiedCopy(plugin.dir, cacheDir, { trust });
    assertCopy(copy);
    const file = join(copy.dir, 'ui/main.js');
    await chmod(file, 0o644);
    await appendFile(file, 'evil()');
    const served = await readVerifiedFile(copy.dir, copy.verification.files, 'ui/main.js');
    assert.equal(!served.ok && served.reason, 'digest-mismatch');
  });

  it('re-creates a damaged cached copy instead of reusing it', async () => {
    const { plugin, trust, cacheDir } = await trustedSetup();
    const first = await createVerifiedCopy(plugin.dir, cacheDir, { trust });
    assertCopy(first);
    await chmod(join(first.dir, 'ui/main.js'), 0o644);
    await writeFile(join(first.dir, 'ui/main.js'), 'evil()');
    const second = await createVerifiedCopy(plugin.dir, cacheDir, { trust });
    assertCopy(second);
    assert.equal(second.dir, first.dir);
    const served = await readVerifiedFile(second.dir, second.verification.files, 'ui/main.js');
    assert.equal(served.ok && served.content.toString(), 'document.title = "Docker panel";');
  });

  it('serves only listed paths, never through a symlink', async () => {
    const { plugin, trust, cacheDir } = await trustedSetup();
    const copy = await createVerifiedCopy(plugin.dir, cacheDir, { trust });
    assertCopy(copy);
    const files = copy.verification.files;
    for (const [path, reason] of [
      ['../../etc/passwd', 'path-escape'],
      ['/etc/passwd', 'path-escape'],
      ['ui%2f..%2fmanifest.json', 'file-not-listed'],
      ['signature.json', 'file-not-listed'],
      ['ui/other.js', 'file-not-listed'],
      ['__proto__', 'path-escape'],
    ] as const) {
      const served = await readVerifiedFile(copy.dir, files, path);
      assert.equal(!served.ok && served.reason, reason, path);
    }
    await chmod(copy.dir, 0o755);
    await rm(join(copy.dir, 'ui'), { recursive: true, force: true });
    await symlink(join(plugin.dir, 'ui'), join(copy.dir, 'ui'));
    const viaLink = await readVerifiedFile(copy.dir, files, 'ui/main.js');
    assert.equal(!viaLink.ok && viaLink.reason, 'symlink-present');
  });

  it('checks served bytes against the signed list', async () => {
    const { plugin, trust, cacheDir } = await trustedSetup();
    const copy = await createVerifiedCopy(plugin.dir, cacheDir, { trust });
    assertCopy(copy);
    const files = copy.verification.files;
    assert.equal(files['ui/main.js'], sha256Digest('document.title = "Docker panel";'));
    assert.equal(isSignedFileContent(files, 'ui/main.js', Buffer.from('document.title = "Docker panel";')), true);
    assert.equal(isSignedFileContent(files, 'ui/main.js', Buffer.from('evil()')), false);
    assert.equal(isSignedFileContent(files, 'ui/unknown.js', Buffer.from('')), false);
  });

  it('copies nothing from an untrusted or tampered bundle', async () => {
    const { plugin, cacheDir } = await trustedSetup();
    const stranger = createTrustStore(openSettings(await makeTempDir()));
    const untrusted = await createVerifiedCopy(plugin.dir, cacheDir, { trust: stranger });
    assert.equal(!untrusted.ok && untrusted.reason, 'publisher-untrusted');
    await assert.rejects(readdir(cacheDir), { code: 'ENOENT' });

    const other = await trustedSetup();
    await put(other.plugin.dir, 'ui/added.js', 'x');
    const tampered = await createVerifiedCopy(other.plugin.dir, other.cacheDir, { trust: other.trust });
    assert.equal(!tampered.ok && tampered.reason, 'file-not-listed');
    await assert.rejects(readdir(other.cacheDir), { code: 'ENOENT' });
  });

  it('passes the expectation through (replayed older version)', async () => {
    const { plugin, trust, cacheDir } = await trustedSetup();
    const result = await createVerifiedCopy(plugin.dir, cacheDir, { trust, expect: { previousVersion: '3.0.0' } });
    assert.equal(!result.ok && result.reason, 'replayed-older-version');
  });
});
