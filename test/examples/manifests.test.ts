import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sdk from '@gatehouse/plugin-sdk';
import { pluginManifestSchema } from '@gatehouse/plugin-sdk';
import { lintPluginFolder, scanRequiredCapabilities, setupCapabilities, setupSectionSchema } from '@gatehouse/plugin-sdk/node';
import { examplesDir, listExamplePlugins, repoRoot, SDK_BROWSER_FILE } from './example-plugins';

const EXPECTED = ['clipboard-tools', 'dev-container-ssh', 'docker-panel', 'local-dns', 'project-scaffolder', 'release-workflow'];
const STATIC_EXTENSIONS = /\.(html|js|css|json|svg|png)$/;
const examples = listExamplePlugins();

const scripts = (files: Map<string, string>) => [...files].filter(([path]) => path.endsWith('.js'));
const pages = (files: Map<string, string>) => [...files].filter(([path]) => path.endsWith('.html'));

test('the six example plugins are all there', () => {
  assert.deepEqual(
    examples.map((example) => example.name),
    EXPECTED,
  );
});

for (const example of examples) {
  test(`${example.name}: the manifest validates, its id is the folder name and its entry exists`, () => {
    const parsed = pluginManifestSchema.safeParse(example.manifest);
    assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
    assert.equal(parsed.data.id, example.name);
    assert.ok(example.files.has(parsed.data.ui.entry), `ui.entry ${parsed.data.ui.entry} is missing from plugin/`);
  });

  test(`${example.name}: the bundle folder holds static files only, and its backend entry`, () => {
    const backendEntry = pluginManifestSchema.parse(example.manifest).backend?.entry;
    for (const path of example.files.keys()) {
      if (path === backendEntry) continue;
      assert.match(path, STATIC_EXTENSIONS, `${path} is not a static web file`);
      assert.ok(!path.includes('/'), `${path}: keep the bundle flat`);
    }
  });

  test(`${example.name}: pages load only local scripts, with no inline script or event-handler attribute`, () => {
    for (const [path, html] of pages(example.files)) {
      for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
        assert.match(match[1] ?? '', /\ssrc="[^"]+"/, `${path}: every <script> needs a src`);
        assert.equal((match[2] ?? '').trim(), '', `${path}: inline script body`);
      }
      assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+\s*=/i, `${path}: event-handler attribute`);
      assert.doesNotMatch(html, /javascript:/i, `${path}: javascript: URL`);
      for (const match of html.matchAll(/\s(?:src|href)="([^"]*)"/gi)) {
        const url = match[1] ?? '';
        assert.doesNotMatch(url, /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i, `${path}: ${url} is not a local file`);
        assert.ok(url === SDK_BROWSER_FILE || example.files.has(url), `${path}: ${url} does not exist in plugin/`);
      }
    }
  });

  test(`${example.name}: the page has the plugin name as <h1>, a <main>, and a language`, () => {
    const parsed = pluginManifestSchema.parse(example.manifest);
    const html = example.files.get(parsed.ui.entry) ?? '';
    assert.match(html, /<html lang="[a-z-]+">/);
    const h1 = /<h1>([^<]*)<\/h1>/.exec(html);
    assert.equal(h1?.[1], parsed.name);
    assert.match(html, /<main>[\s\S]*<\/main>/);
    assert.ok(html.includes(`src="${SDK_BROWSER_FILE}"`), 'loads the SDK browser build');
  });

  test(`${example.name}: scripts and styles stay inside the plugin CSP and the sandbox`, () => {
    const forbidden: [RegExp, string][] = [
      [/\.(?:innerHTML|outerHTML)\b/, 'HTML from strings'],
      [/insertAdjacentHTML|document\.write/, 'HTML from strings'],
      [/\beval\s*\(|new\s+Function\b/, 'code from strings'],
      [/\b(?:localStorage|sessionStorage|indexedDB)\b|document\.cookie/, 'storage that throws in an opaque origin'],
      [/\b(?:alert|confirm|prompt)\s*\(|window\.open\b/, 'dialogs and popups'],
      [/\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|\bimport\s*\(/, 'network access'],
      [/setAttribute\(\s*['"]on/i, 'event-handler attribute'],
    ];
    for (const [path, source] of scripts(example.files)) {
      for (const [pattern, what] of forbidden) assert.doesNotMatch(source, pattern, `${path}: ${what}`);
    }
    for (const [path, css] of [...example.files].filter(([p]) => p.endsWith('.css'))) {
      assert.doesNotMatch(css, /@import|url\(\s*['"]?(?!data:)/i, `${path}: external resource in CSS`);
    }
  });

  test(`${example.name}: every SDK name the scripts use is exported by @gatehouse/plugin-sdk`, () => {
    const exported = new Set(Object.keys(sdk));
    for (const [path, source] of scripts(example.files)) {
      for (const match of source.matchAll(/\bsdk\.([A-Za-z_$][\w$]*)/g)) {
        assert.ok(exported.has(match[1] ?? ''), `${path}: sdk.${match[1]} is not exported by the SDK`);
      }
    }
  });

  test(`${example.name}: the manifest declares exactly the capabilities its actions need`, () => {
    const parsed = pluginManifestSchema.parse(example.manifest);
    const scan = scanRequiredCapabilities(scripts(example.files).map(([, source]) => source));
    // The setup section's steps are the plugin's own requests too.
    const setup = parsed.setup === undefined ? null : setupSectionSchema.parse(parsed.setup);
    if (setup) scan.required = [...new Set([...scan.required, ...setupCapabilities(setup)])].sort();
    assert.equal(scan.ambiguity, null);
    assert.ok(scan.actions.length > 0, 'uses at least one privileged action');
    assert.deepEqual(
      [...parsed.capabilities].sort(),
      scan.required,
      `actions ${scan.actions.join(', ')} with scopes ${scan.scopes.join(', ')}`,
    );
  });

  test(`${example.name}: the built folder passes gatehouse-plugin lint without a finding`, async (t) => {
    // A bundled backend carries the SDK's own action names, so its lint reads the sources it is built from
    // (`lint --source`): the page's scripts and backend/, as an author with a bundler does.
    const backend = pluginManifestSchema.parse(example.manifest).backend;
    let sourceDirs: string[] | undefined;
    if (backend) {
      const pageScripts = await mkdtemp(join(tmpdir(), 'gh-example-sources-'));
      t.after(() => rm(pageScripts, { recursive: true, force: true }));
      for (const path of example.files.keys()) {
        if (path.endsWith('.js')) await copyFile(join(example.pluginDir, path), join(pageScripts, path));
      }
      sourceDirs = [pageScripts, join(example.dir, 'backend')];
    }
    const report = await lintPluginFolder(example.pluginDir, sourceDirs ? { sourceDirs } : {});
    assert.deepEqual(report.findings, [], 'run npm run build:examples first if the SDK copy is missing or stale');
  });

  test(`${example.name}: package.json is a private workspace package that builds the bundle`, () => {
    const pkg = JSON.parse(readFileSync(join(example.dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(pkg.name, `@gatehouse/example-${example.name}`);
    assert.equal(pkg.private, true);
    assert.deepEqual(pkg.dependencies, { '@gatehouse/plugin-sdk': '*' });
    assert.equal(typeof (pkg.scripts as Record<string, unknown> | undefined)?.build, 'string');
  });

  test(`${example.name}: the README names every capability and says how to run it`, () => {
    const readme = readFileSync(join(example.dir, 'README.md'), 'utf8');
    for (const capability of pluginManifestSchema.parse(example.manifest).capabilities) {
      assert.ok(readme.includes(capability), `README does not mention ${capability}`);
    }
    assert.ok(readme.includes('npm run build'), 'README says how to build');
  });

  test(`${example.name}: the copied SDK file is ignored by git`, (t) => {
    if (!existsSync(join(repoRoot, '.git'))) {
      t.skip('not a git checkout');
      console.log('skipped: not a git checkout, so .gitignore cannot be checked');
      return;
    }
    const copy = join(example.pluginDir, SDK_BROWSER_FILE);
    const result = spawnSync('git', ['check-ignore', '--no-index', '-q', copy], { cwd: repoRoot });
    assert.equal(result.status, 0, `${copy} is not ignored`);
  });
}

test('every example is built with the shared DOM helpers, log view and base styles, kept in one place', () => {
  const shared = readFileSync(join(repoRoot, 'examples', 'shared', 'dom.js'), 'utf8');
  assert.ok(!shared.includes('innerHTML'));
  for (const example of examples) {
    assert.equal(
      example.files.get('dom.js'),
      shared,
      `${example.name}: plugin/dom.js is not the built copy of examples/shared/dom.js (run npm run build:examples)`,
    );
    for (const copied of ['base.css', 'log-lines.js', 'log-view.js']) {
      assert.equal(
        example.files.get(copied),
        readFileSync(join(repoRoot, 'examples', 'shared', copied), 'utf8'),
        `${example.name}: plugin/${copied} is stale`,
      );
    }
    for (const generated of ['dom.js', 'base.css', 'log-lines.js', 'log-view.js']) {
      const result = spawnSync('git', ['check-ignore', '--no-index', '-q', join(example.pluginDir, generated)], { cwd: repoRoot });
      assert.equal(result.status, 0, `${example.name}: plugin/${generated} is generated and must be ignored by git`);
    }
  }
});

test('the capability scan finds actions and scopes, and would catch an undeclared one', () => {
  const scan = scanRequiredCapabilities([
    "const READ_SCOPE = 'docker-cli';\nsdk.requestScopedProcessExec(READ_SCOPE, { command: '/usr/bin/docker' });",
    "sdk.requestClipboardWrite('x');",
  ]);
  assert.deepEqual(scan.actions, ['system.clipboard.write', 'system.process.exec']);
  assert.deepEqual(scan.required, ['system.clipboard.write', 'system.process.exec', 'system.process.scope.docker-cli']);
  const fs = scanRequiredCapabilities(["const SCOPE = 'workspace'; sdk.createFilesystemMutateActionRequest({});"]);
  assert.deepEqual(fs.required, ['system.fs.mutate', 'system.fs.scope.workspace']);
  const mixed = scanRequiredCapabilities(["const SCOPE = 'x'; createFilesystemMutateActionRequest(); requestScopedWorkflow();"]);
  assert.notEqual(mixed.ambiguity, null);
  assert.ok(existsSync(examplesDir));
});
