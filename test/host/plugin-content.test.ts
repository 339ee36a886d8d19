import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodePluginPath, pluginCsp, pluginResponseHeaders, readPluginFile, servablePluginDir } from '../../src/host/plugin-content';

describe('plugin content: path resolution', () => {
  let root: string;
  let plugin: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'gatehouse-content-'));
    plugin = join(root, 'plugin');
    await mkdir(join(plugin, 'assets', 'deep'), { recursive: true });
    await writeFile(join(plugin, 'index.html'), '<!doctype html><title>x</title>');
    await writeFile(join(plugin, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(plugin, 'assets', 'deep', 'my file.css'), 'body{}');
    await writeFile(join(plugin, '.secret'), 'hidden');
    await writeFile(join(root, 'outside.txt'), 'outside the plugin');
    await mkdir(join(root, 'elsewhere'));
    await writeFile(join(root, 'elsewhere', 'x.js'), 'outside');
    await symlink(join(root, 'outside.txt'), join(plugin, 'link.txt'));
    await symlink(join(root, 'elsewhere'), join(plugin, 'linkdir'));
    await symlink(join(plugin, 'index.html'), join(plugin, 'inner-link.html'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  test('serves regular files with their content type', async () => {
    const html = await readPluginFile(plugin, '/index.html');
    assert.equal(html.ok, true);
    assert.equal(html.ok && html.contentType, 'text/html; charset=utf-8');
    const js = await readPluginFile(plugin, '/assets/app.js');
    assert.equal(js.ok && js.contentType, 'text/javascript; charset=utf-8');
    assert.equal(js.ok && js.body.toString(), 'console.log(1)');
    const spaced = await readPluginFile(plugin, '/assets/deep/my%20file.css');
    assert.equal(spaced.ok && spaced.contentType, 'text/css; charset=utf-8');
  });

  const refused: Array<[string, string]> = [
    ['dot-dot', '/../outside.txt'],
    ['nested dot-dot', '/assets/../../outside.txt'],
    ['encoded slash', '/assets%2f..%2f..%2foutside.txt'],
    ['encoded dot-dot', '/%2e%2e/outside.txt'],
    ['upper-case encoded dot-dot', '/%2E%2E/outside.txt'],
    ['double-encoded', '/%252e%252e/outside.txt'],
    ['backslash', '/assets\\..\\..\\outside.txt'],
    ['encoded backslash', '/..%5coutside.txt'],
    ['NUL', '/index.html%00.js'],
    ['raw NUL', '/index.html\0'],
    ['symlink to a file outside', '/link.txt'],
    ['symlink to a folder outside', '/linkdir/x.js'],
    ['symlink even inside', '/inner-link.html'],
    ['directory', '/assets'],
    ['directory with slash', '/assets/'],
    ['root', '/'],
    ['empty segment', '//index.html'],
    ['hidden file', '/.secret'],
    ['missing', '/nope.html'],
    ['relative', 'index.html'],
    ['bad escape', '/%zz.html'],
  ];
  for (const [name, path] of refused) {
    test(`refuses ${name}`, async () => {
      const result = await readPluginFile(plugin, path);
      assert.equal(result.ok, false, `${path} must be refused`);
    });
  }

  test('a missing plugin folder is a 404, not an exception', async () => {
    const result = await readPluginFile(join(root, 'gone'), '/index.html');
    assert.deepEqual(result.ok ? null : result.status, 404);
  });

  test('decodePluginPath keeps ordinary encoded characters', () => {
    assert.deepEqual(decodePluginPath('/a%20b/c%C3%A9.js'), { ok: true, segments: ['a b', 'cé.js'] });
  });
});

describe('plugin content: headers and servable folders', () => {
  test('the plugin CSP allows no network, no frames, and only the app as ancestor', () => {
    const csp = pluginCsp('gatehouse-app://app');
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "connect-src 'none'",
      "frame-src 'none'",
      "child-src 'none'",
      "worker-src 'none'",
      "form-action 'none'",
      "base-uri 'none'",
      'frame-ancestors gatehouse-app://app',
    ]) {
      assert.ok(csp.split('; ').includes(directive), `missing ${directive}`);
    }
    const headers = pluginResponseHeaders('text/html; charset=utf-8', 'http://127.0.0.1:1');
    assert.equal(headers['X-Content-Type-Options'], 'nosniff');
    assert.equal(headers['Content-Security-Policy'], pluginCsp('http://127.0.0.1:1'));
    // Opaque-origin frames load modules and fonts in CORS mode: "null" only, and never with credentials.
    assert.equal(headers['Access-Control-Allow-Origin'], 'null');
    assert.equal(headers['Access-Control-Allow-Credentials'], undefined);
  });

  test('only plugins that may act (active, available, no consent pending) have a servable folder', () => {
    const state = (status: string, available: boolean, needsConsent = false) => ({
      status,
      available,
      needsConsent,
      capabilities: [],
      granted: [],
    });
    const states: Record<string, ReturnType<typeof state>> = {
      on: state('active', true),
      off: state('disabled', true),
      new: state('installed', true),
      broken: state('active', false),
      consent: state('active', true, true),
    };
    const plugins = { get: (id: string) => states[id] ?? null, contentDir: (id: string) => `/plugins/${id}` };
    assert.equal(servablePluginDir(plugins, 'on'), '/plugins/on');
    for (const id of ['off', 'new', 'broken', 'consent', 'missing']) assert.equal(servablePluginDir(plugins, id), null, id);
  });
});
