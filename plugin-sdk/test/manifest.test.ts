import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validatePluginManifest } from '@gatehouse/plugin-sdk';

const valid = {
  id: 'git-notes',
  name: 'Git notes',
  version: '1.0.0',
  publisher: 'Example Corp',
  capabilities: ['system.process.exec', 'system.process.scope.git'],
  ui: { entry: 'index.html' },
};

describe('validatePluginManifest', () => {
  it('accepts a valid manifest and fills the default description', () => {
    const checked = validatePluginManifest(valid);
    assert.ok(checked.ok);
    assert.equal(checked.value.description, '');
  });

  it('reports every problem at once, each with its field', () => {
    const checked = validatePluginManifest({
      ...valid,
      id: 'Git_Notes',
      version: '1.0',
      capabilities: ['system.shell', 'system.process.exec', 'system.process.exec'],
      ui: { entry: '../outside.html' },
      homepage: 'https://example.com',
    });
    assert.ok(!checked.ok);
    assert.deepEqual(checked.issues.map((issue) => issue.path).sort(), [
      'capabilities',
      'capabilities[0]',
      'homepage',
      'id',
      'ui.entry',
      'version',
    ]);
    assert.match(checked.issues.find((issue) => issue.path === 'homepage')!.message, /unknown field/);
  });

  it('refuses prototype keys and entry paths that leave the folder', () => {
    for (const entry of ['/abs.html', 'a/../b.html', './index.html', 'a\\\\b.html', '']) {
      assert.equal(validatePluginManifest({ ...valid, ui: { entry } }).ok, false, entry);
    }
    const polluted = JSON.parse('{"__proto__": {"x": 1}}') as object;
    assert.equal(validatePluginManifest({ ...valid, ...polluted }).ok, false);
  });
});

describe('manifest backend entry', () => {
  it('accepts a JavaScript file inside the bundle', () => {
    for (const entry of ['backend.js', 'backend/main.mjs', 'dist/worker.cjs']) {
      assert.equal(validatePluginManifest({ ...valid, backend: { entry } }).ok, true, entry);
    }
  });

  it('refuses a path outside the bundle and unknown fields (the host and lint check the file ending)', () => {
    for (const backend of [{ entry: '../backend.js' }, { entry: '/abs/backend.js' }, { entry: 'b.js', env: {} }]) {
      assert.equal(validatePluginManifest({ ...valid, backend }).ok, false, JSON.stringify(backend));
    }
  });
});
