import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, chmod, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import type * as Keytar from 'keytar';
import { generateSigningKeyPair, runCli, signPluginBundle } from '@gatehouse/plugin-sdk/node';
import { makeTempDir, removeTempDirs, writeSampleBundle } from '../bundle/bundle-fixture';
import { NO_KEYCHAIN_ENV, runBin } from './run-bin';

const KEYCHAIN_SERVICE = 'gatehouse-plugin-signing';

function field(output: string, label: string): string {
  const match = new RegExp(`^${label}:\\s+(.+)$`, 'm').exec(output);
  assert.ok(match, `no "${label}" line in:\n${output}`);
  return match[1]!.trim();
}

async function newBundle(): Promise<string> {
  const dir = join(await makeTempDir('gatehouse-cli-'), 'local-dns');
  await writeSampleBundle(dir);
  return dir;
}

async function loadKeytar(): Promise<typeof Keytar> {
  return ((await import('keytar')) as unknown as { default: typeof Keytar }).default;
}

/** Why the OS keychain cannot be used here, or null when it can (checked with a real write). */
async function keychainUnavailableReason(): Promise<string | null> {
  try {
    const keytar = await loadKeytar();
    const service = `gatehouse-test-probe-${randomBytes(4).toString('hex')}`;
    await keytar.setPassword(service, 'probe', 'probe');
    await keytar.deletePassword(service, 'probe');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

// The three cases use separate temp homes and keys, so they run side by side.
describe('gatehouse-plugin CLI', { concurrency: true }, () => {
  after(removeTempDirs);

  it('without a keychain: keygen writes a 0600 key file with a warning, then sign, pack and verify work', async (t) => {
    if (process.platform !== 'linux')
      return t.skip('the no-keychain case is staged with a dead D-Bus address, which only means something on Linux');
    const home = await makeTempDir('gatehouse-cli-home-');
    const env = { ...NO_KEYCHAIN_ENV, HOME: home };

    const keygen = await runBin(['keygen', '--name', 'Example Corp release key'], env);
    assert.equal(keygen.code, 0, keygen.stderr);
    assert.match(keygen.stderr, /^warning: no OS keychain is available/m);
    assert.match(keygen.stderr, /mode 0600/);
    const keyId = field(keygen.stdout, 'key id');
    const fingerprint = field(keygen.stdout, 'fingerprint');
    const publicKey = field(keygen.stdout, 'public key');
    assert.match(keyId, /^ed25519:[0-9a-f]{32}$/);
    assert.match(fingerprint, /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    const keyDir = join(home, '.config', 'gatehouse', 'keys');
    const keyFile = join(keyDir, `${keyId.replace(':', '-')}.key`);
    assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
    assert.equal((await stat(keyDir)).mode & 0o777, 0o700);
    assert.equal(keygen.stdout.includes('PRIVATE KEY') || keygen.stderr.includes('PRIVATE KEY'), false, 'the private key is never printed');

    const bundle = await newBundle();
    const sign = await runBin(['sign', bundle, '--key', keyId], env);
    assert.equal(sign.code, 0, sign.stderr);
    assert.match(sign.stdout, /^signed example-local-dns@1\.2\.0 with ed25519:/);
    const signature = JSON.parse(await readFile(join(bundle, 'signature.json'), 'utf8')) as { publisherKeyId: string };
    assert.equal(signature.publisherKeyId, keyId);

    const verify = await runBin(['verify', bundle, '--trust', publicKey]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, new RegExp(`^ok example-local-dns@1\\.2\\.0 signed by ${keyId}$`, 'm'));
    assert.equal(field(verify.stdout, 'fingerprint'), fingerprint);

    const trustFile = join(home, 'publisher.pub');
    await writeFile(trustFile, `${publicKey}\n`);
    const archive = join(home, 'local-dns.ghplugin');
    const pack = await runBin(['pack', bundle, '-o', archive]);
    assert.equal(pack.code, 0, pack.stderr);
    assert.match(pack.stdout, /^packed 5 files/);
    const verifyArchive = await runBin(['verify', archive, '--trust', trustFile, '--json']);
    assert.equal(verifyArchive.code, 0, verifyArchive.stdout + verifyArchive.stderr);
    assert.deepEqual(Object.keys(JSON.parse(verifyArchive.stdout) as object), ['ok', 'pluginId', 'version', 'publisherKeyId', 'digest']);

    await appendFile(join(bundle, 'ui/app.js'), '//');
    const tampered = await runBin(['verify', bundle, '--trust', publicKey]);
    assert.equal(tampered.code, 1);
    assert.match(tampered.stdout, /^failed: digest-mismatch \(ui\/app\.js\): /);

    const untrusted = await runBin(['verify', archive, '--trust', generateSigningKeyPair().publicKey]);
    assert.equal(untrusted.code, 1);
    assert.match(untrusted.stdout, /^failed: publisher-untrusted: /);

    await chmod(keyFile, 0o644);
    const loose = await runBin(['sign', bundle, '--key', keyId], env);
    assert.equal(loose.code, 1);
    assert.match(loose.stderr, /^gatehouse-plugin: key-file-permissions: /);

    const unknown = await runBin(['sign', bundle, '--key', `ed25519:${'0'.repeat(32)}`], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^gatehouse-plugin: key-not-found: /);
  });

  it('with a keychain: keygen stores the private key there and sign loads it from there', async (t) => {
    const reason = await keychainUnavailableReason();
    if (reason !== null) {
      // Installed but not answering is a failure: scripts/run-node-tests.mjs starts a keyring for every run.
      const installed = spawnSync('which', ['gnome-keyring-daemon'], { stdio: 'ignore' }).status === 0;
      assert.equal(installed, false, `gnome-keyring is installed but the keychain did not answer: ${reason}`);
      console.log(`skipping the CLI keychain test: gnome-keyring is not installed (${reason})`);
      return t.skip(`no Secret Service: ${reason}`);
    }
    const home = await makeTempDir('gatehouse-cli-home-');
    const keytar = await loadKeytar();
    const keygen = await runBin(['keygen', '--name', 'Keychain key', '--json'], { HOME: home });
    assert.equal(keygen.code, 0, keygen.stderr);
    assert.equal(keygen.stderr, '', 'no warning when the keychain works');
    const key = JSON.parse(keygen.stdout) as { keyId: string; publicKey: string; location: string; service: string };
    t.after(() => keytar.deletePassword(KEYCHAIN_SERVICE, key.keyId));
    assert.equal(key.location, 'keychain');
    assert.equal(key.service, KEYCHAIN_SERVICE);
    const stored = await keytar.getPassword(KEYCHAIN_SERVICE, key.keyId);
    assert.ok(stored, 'the key is in the keychain');
    assert.equal((JSON.parse(stored) as { keyId: string }).keyId, key.keyId);
    await assert.rejects(readdir(join(home, '.config', 'gatehouse', 'keys')), { code: 'ENOENT' });

    const bundle = await newBundle();
    const sign = await runBin(['sign', bundle, '--key', key.keyId], { HOME: home });
    assert.equal(sign.code, 0, sign.stderr);
    assert.match(sign.stdout, /key from OS keychain/);
    const verify = await runBin(['verify', bundle, '--trust', key.publicKey]);
    assert.equal(verify.code, 0, verify.stdout);
  });

  it('exits 2 with a stable code on usage errors', async () => {
    const child = await runBin([]);
    assert.equal(child.code, 2);
    assert.match(child.stderr, /^gatehouse-plugin: usage-missing-argument: /);
    assert.match(child.stderr, /Usage: gatehouse-plugin <command>/);

    const bundle = await newBundle();
    const cases: Array<[string[], string]> = [
      [['frobnicate'], 'usage-unknown-command'],
      [['sign', bundle], 'usage-missing-argument'],
      [['sign', '--key', 'ed25519:00'], 'usage-missing-argument'],
      [['verify', bundle], 'usage-missing-argument'],
      [['verify', bundle, '--trust', 'not-a-key'], 'usage-invalid-value'],
      [['verify', bundle, '--trust', Buffer.alloc(32).toString('base64'), '--previous-version', 'latest'], 'usage-invalid-value'],
      [['pack', bundle], 'usage-missing-argument'],
      [['pack', bundle, 'extra', '-o', 'x'], 'usage-extra-argument'],
      [['pack', bundle, '--bogus', '-o', 'x'], 'usage-unknown-option'],
      [['keygen'], 'usage-missing-argument'],
      [['keygen', '--name', 'bad\u001bname'], 'usage-invalid-value'],
    ];
    for (const [args, code] of cases) {
      let stderr = '';
      const exit = await runCli(args, { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) } });
      assert.equal(exit, 2, `${args.join(' ')} → ${stderr}`);
      assert.match(stderr, new RegExp(`^gatehouse-plugin: ${code}: `), args.join(' '));
    }
    let help = '';
    assert.equal(await runCli(['help'], { stdout: { write: (text: string) => (help += text) }, stderr: { write: () => true } }), 0);
    assert.match(help, /keygen --name <label>/);
  });

  it('verify --trust takes the JSON key file the project ships and keygen --json prints', async () => {
    const devKeyDir = new URL('../../../examples/dev-signing-key/', import.meta.url);
    const devKeyFile = fileURLToPath(new URL('development-key.json', devKeyDir));
    const devKey = JSON.parse(await readFile(devKeyFile, 'utf8')) as { keyId: string; publicKey: string };
    const dir = join(await makeTempDir('gatehouse-cli-trust-'), 'bundle');
    await writeSampleBundle(dir);
    await signPluginBundle(dir, await readFile(new URL('development-key.pem', devKeyDir), 'utf8'));
    let out = '';
    const io = { stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (out += text) } };
    assert.equal(await runCli(['verify', dir, '--trust', devKeyFile], io), 0, out);
    assert.match(out, new RegExp(`^ok example-local-dns@1\\.2\\.0 signed by ${devKey.keyId}$`, 'm'));

    // A keyId that does not belong to the key is refused, not ignored.
    const altered = join(dir, '..', 'altered.json');
    await writeFile(altered, JSON.stringify({ ...devKey, keyId: generateSigningKeyPair().keyId }));
    out = '';
    assert.equal(await runCli(['verify', dir, '--trust', altered], io), 2);
    assert.match(
      out,
      /^gatehouse-plugin: usage-invalid-value: --trust .*altered\.json": The JSON key file.s "keyId" does not belong to its "publicKey"/,
    );
    // JSON without a usable publicKey is no key at all.
    await writeFile(altered, JSON.stringify({ publicKey: 'nope' }));
    out = '';
    assert.equal(await runCli(['verify', dir, '--trust', altered], io), 2);
    assert.match(out, /The JSON key file has no "publicKey" holding base64 of a raw 32-byte ed25519 key/);
  });
});
