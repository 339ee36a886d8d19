import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { isPluginId, PLUGIN_ID_RULE, pluginIdSchema } from '@gatehouse/plugin-sdk';
import { generateSigningKeyPair, isPluginBundleError, signPluginBundle } from '@gatehouse/plugin-sdk/node';
import { makeTempDir, removeTempDirs, writeSampleBundle } from './bundle/bundle-fixture.js';

describe('plugin ids', () => {
  after(removeTempDirs);

  it('start with a letter: a numeric host would parse as an IPv4 address in a standard scheme', () => {
    // What Chromium does to a standard scheme's host, shown with Node's parser on a special scheme.
    assert.equal(new URL('http://1234/').hostname, '0.0.4.210');
    assert.equal(new URL('http://0x10/').hostname, '0.0.0.16');
    for (const id of [
      '1234',
      '0x10',
      '9-lives',
      '1e3',
      '-docker',
      'docker-',
      'Docker',
      'docker_panel',
      'com.example.docker',
      '',
      'a'.repeat(64),
    ]) {
      assert.equal(isPluginId(id), false, id);
      const parsed = pluginIdSchema.safeParse(id);
      assert.equal(parsed.success, false, id);
      assert.equal(parsed.error?.issues[0]?.message, PLUGIN_ID_RULE);
    }
    for (const id of ['docker-panel', 'a', 'k8s', 'x1', 'a'.repeat(63)]) {
      assert.equal(isPluginId(id), true, id);
      assert.equal(new URL(`http://${id}/`).hostname, id, 'the id is its own host');
    }
  });

  it('a bundle whose id does not start with a letter cannot be signed, and the error says why', async () => {
    const dir = await makeTempDir();
    await writeSampleBundle(dir, { id: '1234' });
    await assert.rejects(signPluginBundle(dir, generateSigningKeyPair().privateKeyPem), (error: unknown) => {
      assert.ok(isPluginBundleError(error, 'manifest-invalid'));
      assert.match((error as Error).message, /"1234" must start with a lowercase letter/);
      return true;
    });
  });
});
