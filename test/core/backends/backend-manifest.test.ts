// A backend entry is code that will run: it must be a file of the bundle, and in a signed bundle a signed one.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signPluginBundle, generateSigningKeyPair } from '@gatehouse/plugin-sdk/node';
import { createTrustStore } from '../../../src/core/trust';
import { createTrustedBundleChecker } from '../../../src/core/trust/trusted-bundle-checker';
import { unsignedBundleChecker } from '../../../src/core/plugins/bundle-check';
import { makeTempDir, openSettings, put, removeTempDirs } from '../trust/trust-fixture';

after(removeTempDirs);

async function pluginWithBackend(options: { writeBackend: boolean }) {
  const dir = join(await makeTempDir('gatehouse-backend-manifest-'), 'plugin');
  await put(
    dir,
    'manifest.json',
    JSON.stringify({
      id: 'backend-sample',
      name: 'Backend sample',
      version: '1.0.0',
      publisher: 'Example Corp',
      capabilities: [],
      ui: { entry: 'index.html' },
      backend: { entry: 'backend/main.js' },
    }),
  );
  await put(dir, 'index.html', '<!doctype html><title>x</title>');
  if (options.writeBackend) await put(dir, 'backend/main.js', 'void 0;');
  return dir;
}

async function trustedChecker(publicKey: string) {
  const cache = await makeTempDir('gatehouse-backend-cache-');
  const trust = createTrustStore(openSettings(cache));
  trust.add({ publicKey, name: 'Example Corp' });
  return createTrustedBundleChecker({ trust, cacheDir: join(cache, 'verified'), devMode: false });
}

describe('manifest backend entry', () => {
  it('accepts a signed bundle whose signature covers the backend script', async () => {
    const key = generateSigningKeyPair();
    const dir = await pluginWithBackend({ writeBackend: true });
    await signPluginBundle(dir, key.privateKeyPem);
    const check = await (await trustedChecker(key.publicKey))(dir);
    assert.equal(check.ok, true, JSON.stringify(check));
    assert.equal(check.manifest?.backend?.entry, 'backend/main.js');
  });

  it('refuses a signed bundle whose backend script is not one of its signed files', async () => {
    const key = generateSigningKeyPair();
    const dir = await pluginWithBackend({ writeBackend: false });
    await signPluginBundle(dir, key.privateKeyPem);
    const check = await (await trustedChecker(key.publicKey))(dir);
    assert.equal(check.ok, false);
    assert.equal(!check.ok && check.reason, 'backend-missing');
  });

  it('refuses a backend script added after signing (not covered by the signature)', async () => {
    const key = generateSigningKeyPair();
    const dir = await pluginWithBackend({ writeBackend: false });
    await signPluginBundle(dir, key.privateKeyPem);
    await put(dir, 'backend/main.js', 'void 0;');
    const check = await (await trustedChecker(key.publicKey))(dir);
    assert.equal(check.ok, false);
  });

  it('refuses an unsigned folder whose backend script is missing', async () => {
    const check = await unsignedBundleChecker(await pluginWithBackend({ writeBackend: false }));
    assert.equal(!check.ok && check.reason, 'backend-missing');
    const fine = await unsignedBundleChecker(await pluginWithBackend({ writeBackend: true }));
    assert.equal(fine.ok, true);
  });

  it('refuses a backend that is not a JavaScript file', async () => {
    const dir = await pluginWithBackend({ writeBackend: false });
    await put(
      dir,
      'manifest.json',
      JSON.stringify({ ...JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')), backend: { entry: 'run.sh' } }),
    );
    await put(dir, 'run.sh', 'echo');
    const check = await unsignedBundleChecker(dir);
    assert.equal(!check.ok && check.reason, 'backend-invalid');
  });
});
