import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { lstat, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { packPluginBundle, unpackPluginBundle, verifyPluginBundle, type PluginBundleErrorCode } from '@gatehouse/plugin-sdk/node';
import { copyBundle, makeSignedBundle, makeTempDir, removeTempDirs } from './bundle-fixture';

// Builds an archive byte for byte the way the format describes it, so hostile archives can be crafted.
function craftArchive(files: Array<Record<string, unknown>>, contents: Buffer[], extra: Record<string, unknown> = {}): Buffer {
  const header = Buffer.from(JSON.stringify({ format: 1, files, ...extra }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([Buffer.from('GHBNDL01', 'ascii'), length, header, ...contents]);
}

function entry(path: string, content: Buffer): Record<string, unknown> {
  return { path, size: content.length, digest: `sha256:${createHash('sha256').update(content).digest('hex')}` };
}

async function assertUnpackRefused(archive: Buffer, code: PluginBundleErrorCode): Promise<string> {
  const root = await makeTempDir();
  const file = join(root, 'crafted.ghplugin');
  await writeFile(file, archive);
  const dest = join(root, 'out', 'bundle');
  await assert.rejects(unpackPluginBundle(file, dest), (error: { code?: string }) => {
    assert.equal(error.code, code);
    return true;
  });
  return root;
}

describe('pack and unpack', () => {
  after(removeTempDirs);

  it('round-trips a signed bundle with every digest preserved', async () => {
    const signed = await makeSignedBundle();
    const root = await makeTempDir();
    const archive = join(root, 'local-dns.ghplugin');
    const packed = await packPluginBundle(signed.dir, archive);
    assert.equal(packed.signed, true);
    assert.deepEqual(
      packed.files.map((file) => file.path),
      ['manifest.json', 'signature.json', 'ui/app.js', 'ui/assets/icons/logo.svg', 'ui/index.html'],
    );
    const dest = join(root, 'unpacked');
    const unpacked = await unpackPluginBundle(archive, dest);
    assert.deepEqual(unpacked.files, packed.files);
    const result = await verifyPluginBundle(dest, { trustedKeys: signed.trustedKeys });
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.digest, signed.digest);
    for (const [path, digest] of Object.entries(signed.signature.files)) assert.equal(result.files[path], digest);
    assert.deepEqual(await readFile(join(dest, 'ui/app.js')), await readFile(join(signed.dir, 'ui/app.js')));
  });

  it('packs an unsigned folder and says so', async () => {
    const signed = await makeSignedBundle();
    const copy = await copyBundle(signed.dir);
    await rm(join(copy, 'signature.json'));
    const packed = await packPluginBundle(copy, join(await makeTempDir(), 'unsigned.ghplugin'));
    assert.equal(packed.signed, false);
    assert.equal(
      packed.files.some((file) => file.path === 'signature.json'),
      false,
    );
  });

  it('refuses to pack a folder holding a symlink', async () => {
    const signed = await makeSignedBundle();
    const copy = await copyBundle(signed.dir);
    await symlink('/etc/passwd', join(copy, 'ui/passwd'));
    await assert.rejects(packPluginBundle(copy, join(await makeTempDir(), 'x.ghplugin')), { code: 'symlink-present' });
  });

  it('refuses to write the archive inside the folder it packs', async () => {
    const signed = await makeSignedBundle();
    await assert.rejects(packPluginBundle(signed.dir, join(signed.dir, 'ui', 'self.ghplugin')), { code: 'output-inside-bundle' });
    await assert.rejects(lstat(join(signed.dir, 'ui', 'self.ghplugin')), { code: 'ENOENT' });
  });

  for (const [label, name] of [
    ['a ../ name', '../evil.js'],
    ['a nested ../ name', 'ui/../../evil.js'],
    ['an absolute name', '/tmp/gatehouse-evil.js'],
    ['a backslash name', '..\\evil.js'],
    ['a NUL in a name', 'ui/evil\u0000.js'],
  ] as const) {
    it(`refuses a crafted archive with ${label} and writes nothing`, async () => {
      const content = Buffer.from('evil()');
      const root = await assertUnpackRefused(craftArchive([entry(name, content)], [content]), 'path-escape');
      await assert.rejects(lstat(join(root, 'out')), { code: 'ENOENT' });
      await assert.rejects(lstat(join(root, 'evil.js')), { code: 'ENOENT' });
    });
  }

  it('refuses a crafted symlink entry', async () => {
    const content = Buffer.from('');
    const link = { ...entry('ui/passwd', content), type: 'symlink', linkTarget: '/etc/passwd' };
    await assertUnpackRefused(craftArchive([link], [content]), 'archive-malformed');
  });

  it('refuses unknown header fields, truncation, trailing bytes and a wrong magic', async () => {
    const content = Buffer.from('ok');
    await assertUnpackRefused(craftArchive([entry('a.txt', content)], [content], { mode: 'setuid' }), 'archive-malformed');
    const good = craftArchive([entry('a.txt', content)], [content]);
    await assertUnpackRefused(good.subarray(0, good.length - 1), 'archive-malformed');
    await assertUnpackRefused(Buffer.concat([good, Buffer.from('x')]), 'archive-malformed');
    await assertUnpackRefused(Buffer.concat([Buffer.from('NOTABNDL'), good.subarray(8)]), 'archive-malformed');
    const hugeHeader = Buffer.from(good);
    hugeHeader.writeUInt32BE(0xffffffff, 8);
    await assertUnpackRefused(hugeHeader, 'archive-malformed');
  });

  it('refuses duplicate names and a name that is both file and folder', async () => {
    const content = Buffer.from('x');
    await assertUnpackRefused(craftArchive([entry('a.txt', content), entry('a.txt', content)], [content, content]), 'archive-malformed');
    await assertUnpackRefused(craftArchive([entry('ui', content), entry('ui/a.txt', content)], [content, content]), 'archive-malformed');
  });

  it('refuses content that does not match its digest', async () => {
    const content = Buffer.from('original');
    await assertUnpackRefused(craftArchive([entry('a.txt', content)], [Buffer.from('tampered')]), 'digest-mismatch');
  });

  it('refuses to unpack into a folder that is not empty', async () => {
    const signed = await makeSignedBundle();
    const root = await makeTempDir();
    const archive = join(root, 'b.ghplugin');
    await packPluginBundle(signed.dir, archive);
    const dest = join(root, 'dest');
    await mkdir(dest);
    await writeFile(join(dest, 'keep.txt'), 'mine');
    await assert.rejects(unpackPluginBundle(archive, dest), { code: 'destination-not-empty' });
    assert.deepEqual(await readdir(dest), ['keep.txt']);
  });
});
