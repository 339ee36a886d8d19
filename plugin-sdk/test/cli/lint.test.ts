import assert from 'node:assert/strict';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { lintPluginFolder, runCli } from '@gatehouse/plugin-sdk/node';
import { makeTempDir, removeTempDirs } from '../bundle/bundle-fixture.js';

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'">`;

async function plugin(files: Record<string, string>): Promise<string> {
  const dir = join(await makeTempDir('gatehouse-lint-'), 'plugin');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

const manifest = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'git-notes',
    name: 'Git notes',
    version: '1.0.0',
    publisher: 'Example',
    capabilities: ['system.clipboard.write'],
    ui: { entry: 'index.html' },
    ...extra,
  });

async function lint(dir: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(['lint', dir], {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (out += text) },
  });
  return { code, out };
}

after(removeTempDirs);

describe('gatehouse-plugin lint', () => {
  it('passes a clean plugin with exit 0', async () => {
    const dir = await plugin({
      'manifest.json': manifest(),
      'index.html': `<!doctype html><html><head>${CSP}<script src="app.js" defer></script></head><body></body></html>`,
      'app.js': "document.querySelector('button').addEventListener('click', () => GatehouseSDK.requestClipboardWrite('hi'));",
    });
    const { code, out } = await lint(dir);
    assert.equal(code, 0, out);
    assert.match(out, /0 errors, 0 warnings/);
  });

  it('reports every problem at once, each with a stable code, file and line', async () => {
    const dir = await plugin({
      'manifest.json': manifest({ id: 'Git_Notes', capabilities: ['system.clipboard.write', 'system.hosts.write'], homepage: 'x' }),
      'index.html':
        '<!doctype html>\n<script>alert(1)</script>\n<script src="https://cdn.example/x.js"></script>\n<button onclick="go()">Go</button>\n<iframe src="a.html"></iframe>',
      'app.js':
        "fetch('https://example.com');\nconst f = new Function('return 1');\nsdk.requestClipboardRead();\nnavigator.clipboard.writeText('x');",
    });
    const report = await lintPluginFolder(dir);
    const codes = report.findings.map((f) => `${f.code}@${f.file}${f.line ? `:${f.line}` : ''}`).sort();
    assert.deepEqual(codes, [
      'manifest-invalid@manifest.json',
      'manifest-invalid@manifest.json',
      'page-csp-missing@index.html',
      'page-inline-handler@index.html:4',
      'page-inline-script@index.html:2',
      'page-nested-frame@index.html:5',
      'page-remote-resource@index.html:3',
      'script-direct-clipboard@app.js:4',
      'script-eval@app.js:2',
      'script-network@app.js:1',
    ]);
    const { code, out } = await lint(dir);
    assert.equal(code, 1);
    assert.match(out, /^index\.html:2: error page-inline-script: /m);
    assert.match(out, /: 8 errors, 2 warnings$/m);
  });

  it('finds capabilities used but undeclared and declared but unused', async () => {
    const dir = await plugin({
      'manifest.json': manifest({ capabilities: ['system.hosts.write'] }),
      'index.html': `<!doctype html>${CSP}<script src="app.js"></script>`,
      'app.js': "const READ_SCOPE = 'git';\nsdk.requestScopedProcessExec(READ_SCOPE, { command: '/usr/bin/git', args: ['status'] });",
    });
    const report = await lintPluginFolder(dir);
    assert.deepEqual(
      report.findings.map((f) => `${f.severity} ${f.code} ${f.message.split(' ').find((word) => word.startsWith('system.'))}`),
      [
        'error capability-undeclared system.process.exec',
        'error capability-undeclared system.process.scope.git',
        'warning capability-unused system.hosts.write',
      ],
    );
  });

  it("without --source, a bundled backend is not read as the plugin's calls, and a warning says how to check it", async () => {
    // A bundled backend carries the SDK's backend code: its handshake method and every action name.
    const backend = `const M={hello:"gatehouse/hello"};const A=['system.clipboard.read','system.hosts.write','system.fs.mutate'];`;
    const dir = await plugin({
      'manifest.json': manifest({ backend: { entry: 'backend.mjs' } }),
      'index.html': `<!doctype html><html><head>${CSP}<script src="app.js" defer></script></head><body></body></html>`,
      'app.js': "requestClipboardWrite('hi');\n",
      'backend.mjs': backend,
    });
    const report = await lintPluginFolder(dir);
    assert.deepEqual(
      report.findings.map((f) => `${f.file} ${f.severity} ${f.code}`),
      ['backend.mjs warning capability-scan-bundle'],
    );
    assert.match(report.findings[0]?.message ?? '', /--source/);
    // The page's own script is still read: an undeclared call there is an error.
    await writeFile(join(dir, 'app.js'), "requestClipboardWrite('hi');\nrequestClipboardRead();\n");
    assert.ok((await lintPluginFolder(dir)).findings.some((f) => f.code === 'capability-undeclared' && /clipboard\.read/.test(f.message)));
  });

  it('with --source, checks capabilities against the code a bundle is built from', async () => {
    // A minified bundle: the author's call is renamed, and the SDK inside names every action.
    const bundle = "(()=>{const A=['system.clipboard.read','system.hosts.write','system.fs.mutate'];function c(t){return t}c('hi')})();";
    const dir = await plugin({
      'manifest.json': manifest(),
      'index.html': `<!doctype html><html><head>${CSP}<script src="app.js" defer></script></head><body></body></html>`,
      'app.js': bundle,
    });
    const src = join(dir, '..', 'src');
    await mkdir(join(src, 'node_modules', 'x'), { recursive: true });
    await writeFile(
      join(src, 'main.ts'),
      "import { requestClipboardWrite } from '@gatehouse/plugin-sdk';\nawait requestClipboardWrite('hi');\n",
    );
    // Dependencies under the source folder are not the author's code.
    await writeFile(join(src, 'node_modules', 'x', 'index.js'), "requestScopedProcessExec('git', {});\n");
    const withoutSource = await lintPluginFolder(dir);
    assert.ok(
      withoutSource.findings.some((f) => f.code === 'capability-undeclared'),
      'the bundle alone misleads the check',
    );
    const withSource = await lintPluginFolder(dir, { sourceDirs: [src] });
    assert.deepEqual(withSource.findings, []);

    let out = '';
    const io = { stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (out += text) } };
    assert.equal(await runCli(['lint', dir, '--source', src], io), 0, out);
    assert.equal(await runCli(['lint', dir, '--source', join(src, 'missing')], io), 1);
    assert.match(out, /\.: error source-missing: --source .*missing is not a folder/);
    // The page and script rules still read what ships.
    await writeFile(join(dir, 'app.js'), `${bundle}fetch('https://example.com');`);
    assert.deepEqual(
      (await lintPluginFolder(dir, { sourceDirs: [src] })).findings.map((f) => f.code),
      ['script-network'],
    );
  });

  it("takes a copy of the SDK's browser build for the SDK, not for the plugin's own code", async () => {
    // The browser build names every action in its own code; dist is built before the tests (npm test).
    const build = await readFile(new URL('../../dist/gatehouse-plugin-sdk.global.js', import.meta.url), 'utf8');
    const dir = await plugin({
      'manifest.json': manifest(),
      'index.html': `<!doctype html><html><head>${CSP}<script src="gatehouse-plugin-sdk.global.js" defer></script><script src="app.js" defer></script></head><body></body></html>`,
      'gatehouse-plugin-sdk.global.js': build,
      'app.js': "document.querySelector('button').addEventListener('click', () => GatehouseSDK.requestClipboardWrite('hi'));",
    });
    assert.deepEqual((await lintPluginFolder(dir)).findings, []);
    // Another version (or an edited copy) is still not scanned as the plugin's code, but lint says it differs.
    await writeFile(join(dir, 'gatehouse-plugin-sdk.global.js'), `${build}\n// edited\n`);
    assert.deepEqual(
      (await lintPluginFolder(dir)).findings.map((f) => `${f.severity} ${f.code} ${f.file}`),
      ['warning sdk-build-differs gatehouse-plugin-sdk.global.js'],
    );
    // The same text under another name is the plugin's own code, and says it uses every action.
    await writeFile(join(dir, 'vendor.js'), build);
    assert.ok((await lintPluginFolder(dir)).findings.some((f) => f.code === 'capability-undeclared'));
  });

  it('reports a missing entry, a missing manifest and a symlink in the folder', async () => {
    const noEntry = await plugin({ 'manifest.json': manifest(), 'app.js': '' });
    assert.deepEqual(
      (await lintPluginFolder(noEntry)).findings.map((f) => f.code),
      ['entry-missing', 'capability-unused'],
    );
    const noManifest = await plugin({ 'index.html': `${CSP}` });
    assert.deepEqual(
      (await lintPluginFolder(noManifest)).findings.map((f) => f.code),
      ['manifest-missing'],
    );
    const linked = await plugin({ 'manifest.json': manifest(), 'index.html': CSP });
    await symlink('/etc/passwd', join(linked, 'passwd'));
    assert.ok((await lintPluginFolder(linked)).findings.some((f) => f.code === 'bundle-symlink-present' && f.file === 'passwd'));
  });

  it('sign and pack refuse a manifest the host would refuse', async () => {
    const dir = await plugin({ 'manifest.json': manifest({ version: 'one' }), 'index.html': CSP });
    for (const args of [
      ['sign', dir, '--key', 'ed25519:00'],
      ['pack', dir, '-o', join(dir, '..', 'out.ghplugin')],
    ]) {
      let stderr = '';
      const exit = await runCli(args, { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) } });
      assert.equal(exit, 1, args[0]);
      assert.match(stderr, /^gatehouse-plugin: manifest-invalid: manifest\.json is not valid \(version: must be a semantic version/);
    }
  });
});
