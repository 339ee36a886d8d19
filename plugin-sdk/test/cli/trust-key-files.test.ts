// `verify --trust` takes the public key files this project itself hands out, not only a bare base64 line.
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { readPublicKeyText, signPluginBundle } from '@gatehouse/plugin-sdk/node';
import { makeTempDir, removeTempDirs, writeSampleBundle } from '../bundle/bundle-fixture';
import { NO_KEYCHAIN_ENV, runBin } from './run-bin';

const shipped = fileURLToPath(new URL('../../../examples/dev-signing-key/', import.meta.url));

/** A sample bundle signed with the shipped development key. */
async function devSignedBundle(): Promise<{ dir: string; home: string }> {
  const home = await makeTempDir('gatehouse-trust-files-');
  const dir = join(home, 'local-dns');
  await writeSampleBundle(dir);
  await signPluginBundle(dir, await readFile(join(shipped, 'development-key.pem'), 'utf8'));
  return { dir, home };
}

describe('verify --trust key files', { concurrency: true }, () => {
  after(removeTempDirs);

  it('accepts the shipped development-key.json, keygen --json output, keygen text output and a PUBLIC KEY PEM', async () => {
    const { dir, home } = await devSignedBundle();
    const shippedKey = JSON.parse(await readFile(join(shipped, 'development-key.json'), 'utf8')) as { keyId: string; publicKey: string };

    const fromShipped = await runBin(['verify', dir, '--trust', join(shipped, 'development-key.json')]);
    assert.equal(fromShipped.code, 0, fromShipped.stdout + fromShipped.stderr);
    assert.match(fromShipped.stdout, new RegExp(`signed by ${shippedKey.keyId}$`, 'm'));

    const printed = join(home, 'keygen-output.txt');
    await writeFile(
      printed,
      `Created signing key "Dev"\nkey id:      ${shippedKey.keyId}\nfingerprint: X\npublic key:  ${shippedKey.publicKey}\nstored in:   file\n`,
    );
    const pem = join(home, 'dev.pub.pem');
    const spki = createPublicKey(await readFile(join(shipped, 'development-key.pem'), 'utf8'))
      .export({ type: 'spki', format: 'pem' })
      .toString();
    await writeFile(pem, spki);
    for (const file of [printed, pem]) {
      const result = await runBin(['verify', dir, '--trust', file]);
      assert.equal(result.code, 0, `${file}: ${result.stdout}${result.stderr}`);
    }

    // What keygen --json prints, saved to a file, is a trust file too.
    const keygen = await runBin(['keygen', '--name', 'Team key', '--key-dir', join(home, 'keys'), '--json'], NO_KEYCHAIN_ENV);
    assert.equal(keygen.code, 0, keygen.stderr);
    const json = join(home, 'team.json');
    await writeFile(json, keygen.stdout);
    assert.equal(readPublicKeyText(keygen.stdout), (JSON.parse(keygen.stdout) as { publicKey: string }).publicKey);
    const otherKey = await runBin(['verify', dir, '--trust', json]);
    assert.equal(otherKey.code, 1, 'a valid key of someone else reads fine and then does not verify');
    assert.match(otherKey.stdout, /^failed: publisher-untrusted/);
  });

  it('refuses a private key, a JSON file whose keyId names another key, and text without a key, saying what to pass', async () => {
    const { dir, home } = await devSignedBundle();
    const mixed = join(home, 'mixed.json');
    const shippedKey = JSON.parse(await readFile(join(shipped, 'development-key.json'), 'utf8')) as { publicKey: string };
    await writeFile(mixed, JSON.stringify({ keyId: 'ed25519:00000000000000000000000000000000', publicKey: shippedKey.publicKey }));
    const junk = join(home, 'notes.txt');
    await writeFile(junk, 'hello\n');
    const cases: Array<[string, RegExp]> = [
      [join(shipped, 'development-key.pem'), /This is a private key\. Pass the public half instead/],
      [mixed, /"keyId" does not belong to its "publicKey"/],
      [junk, /No ed25519 public key found/],
    ];
    for (const [file, message] of cases) {
      const result = await runBin(['verify', dir, '--trust', file]);
      assert.equal(result.code, 2, `${file}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.includes('BEGIN PRIVATE KEY'), false, 'key material is never echoed');
    }
  });
});
