// The host reads a plugin's manifest with the SDK's id rule: an id that does not start with a letter is
// refused with the rule in the message, from a real manifest file on disk.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readPluginManifest } from '../../../src/core/plugins/bundle-check';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function manifestWithId(id: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-plugin-id-'));
  dirs.push(dir);
  const manifest = { id, name: 'Panel', version: '1.0.0', publisher: 'Example', capabilities: [], ui: { entry: 'ui/index.html' } };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

test('a manifest id must start with a letter', async () => {
  for (const id of ['1234', '0x7f000001', '9-lives']) {
    const result = await readPluginManifest(await manifestWithId(id));
    assert.equal(result.ok, false, id);
    assert.match(!result.ok ? result.detail : '', /^manifest\.json id: must start with a lowercase letter/, id);
  }
  const accepted = await readPluginManifest(await manifestWithId('k8s-panel'));
  assert.equal(accepted.ok, true);
});
