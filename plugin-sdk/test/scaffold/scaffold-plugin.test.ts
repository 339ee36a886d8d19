// gatehouse-plugin init: what it writes, and what it refuses. The scaffolded project is built, tested and
// linted for real in scaffolded-project.test.ts.
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { validatePluginManifest } from '@gatehouse/plugin-sdk';
import { PLUGIN_TEMPLATES, isScaffoldError, scaffoldPlugin } from '@gatehouse/plugin-sdk/node';
import { makeTempDir, removeTempDirs } from '../bundle/bundle-fixture.js';
import { runBin } from '../cli/run-bin.js';

after(removeTempDirs);

async function readTree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path, 'utf8'));
  }
  return files;
}

async function rejectsWith(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isScaffoldError(error), String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

describe('scaffoldPlugin', () => {
  for (const template of PLUGIN_TEMPLATES) {
    it(`writes the ${template} template with every placeholder filled and a manifest the host accepts`, async () => {
      const dir = join(await makeTempDir('gatehouse-init-'), 'git-notes');
      const made = await scaffoldPlugin(dir, { template, name: 'Git <notes> & "more"', publisher: 'Example Corp' });
      const files = await readTree(dir);
      assert.deepEqual([...files.keys()].sort(), made.files);
      for (const path of [
        '.gitignore',
        'README.md',
        'package.json',
        'build.mjs',
        'run-tests.mjs',
        'plugin/manifest.json',
        'plugin/index.html',
        'plugin/style.css',
      ]) {
        assert.ok(files.has(path), `${path} is missing`);
      }
      assert.ok(
        made.files.some((path) => path.startsWith('test/') && /\.test\.(ts|mjs)$/.test(path)),
        'a unit test',
      );
      assert.equal(files.has('tsconfig.json'), template === 'ts');
      for (const [path, text] of files) assert.doesNotMatch(text, /\{\{/, `${path} keeps a placeholder`);

      const manifest = validatePluginManifest(JSON.parse(files.get('plugin/manifest.json')!));
      assert.ok(manifest.ok, manifest.ok ? '' : manifest.error);
      assert.equal(manifest.value.id, 'git-notes');
      assert.equal(manifest.value.name, 'Git <notes> & "more"');
      assert.equal(manifest.value.publisher, 'Example Corp');

      const page = files.get('plugin/index.html')!;
      assert.match(page, /<title>Git &#60;notes&#62; &#38; &#34;more&#34;<\/title>/, 'the name is HTML-escaped');
      assert.equal([...page.matchAll(/<script\b/g)].length, 1, 'one script tag');
      assert.match(page, /<script src="app\.js" defer><\/script>/);

      const pkg = JSON.parse(files.get('package.json')!) as {
        name: string;
        dependencies: Record<string, string>;
        scripts: Record<string, string>;
      };
      const sdk = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
      assert.equal(pkg.name, 'git-notes');
      assert.equal(pkg.dependencies['@gatehouse/plugin-sdk'], `^${sdk.version}`);
      assert.deepEqual(
        Object.keys(pkg.scripts)
          .filter((name) => ['build', 'test', 'lint', 'sign', 'pack'].includes(name))
          .sort(),
        ['build', 'lint', 'pack', 'sign', 'test'],
      );
    });
  }

  it('makes the id from the folder name, and the name from the id', async () => {
    const made = await scaffoldPlugin(join(await makeTempDir('gatehouse-init-'), 'My Cool_Plugin'), { template: 'html' });
    assert.equal(made.id, 'my-cool-plugin');
    assert.equal(made.name, 'My cool plugin');
  });

  it('refuses an id that breaks the manifest rule, before writing anything', async () => {
    const parent = await makeTempDir('gatehouse-init-');
    for (const id of ['1234', 'Git-Notes', 'git_notes', '-git', 'git-', 'a'.repeat(64)]) {
      await rejectsWith(scaffoldPlugin(join(parent, 'p'), { id }), 'scaffold-invalid-option', /must start with a lowercase letter/);
    }
    await rejectsWith(scaffoldPlugin(join(parent, '2024')), 'scaffold-invalid-option', /made from the folder name "2024"; pass --id/);
    await rejectsWith(
      scaffoldPlugin(join(parent, 'p'), { name: 'two\nlines' }),
      'scaffold-invalid-option',
      /name must be 1 to 80 characters/,
    );
    await rejectsWith(
      scaffoldPlugin(join(parent, 'p'), { publisher: 'x'.repeat(81) }),
      'scaffold-invalid-option',
      /publisher must be 1 to 80/,
    );
    assert.deepEqual(await readdir(parent), []);
  });

  it('refuses a folder that is not empty, or a file, and leaves it as it was', async () => {
    const dir = await makeTempDir('gatehouse-init-');
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await rejectsWith(
      scaffoldPlugin(dir, { id: 'notes' }),
      'scaffold-target-not-empty',
      /is not empty \(1 entry\); choose a new or empty folder, nothing was written/,
    );
    assert.deepEqual(await readdir(dir), ['notes.txt']);
    assert.equal(await readFile(join(dir, 'notes.txt'), 'utf8'), 'mine');
    await rejectsWith(scaffoldPlugin(join(dir, 'notes.txt'), { id: 'notes' }), 'scaffold-target-not-folder', /is not a folder/);
    // An empty folder is fine.
    await mkdir(join(dir, 'empty'));
    assert.equal((await scaffoldPlugin(join(dir, 'empty'), { template: 'html' })).id, 'empty');
  });
});

describe('gatehouse-plugin init', () => {
  it('creates the project and prints what to do next', async () => {
    const dir = join(await makeTempDir('gatehouse-init-cli-'), 'clip');
    const made = await runBin(['init', dir, '--template', 'html', '--name', 'Clip', '--publisher', 'Example Corp']);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /^Created clip \("Clip", html template\) in .*clip: \d+ files\./);
    assert.match(made.stdout, /npm run build/);
    assert.equal(JSON.parse(await readFile(join(dir, 'plugin', 'manifest.json'), 'utf8')).publisher, 'Example Corp');
  });

  it('exits 1 with a stable code on a non-empty folder, 2 on a bad id or template', async () => {
    const dir = await makeTempDir('gatehouse-init-cli-');
    await writeFile(join(dir, 'keep.txt'), 'x');
    const full = await runBin(['init', dir, '--id', 'keep']);
    assert.equal(full.code, 1);
    assert.match(full.stderr, /^gatehouse-plugin: scaffold-target-not-empty: /);
    const badId = await runBin(['init', join(dir, 'new'), '--id', '1234']);
    assert.equal(badId.code, 2);
    assert.match(badId.stderr, /^gatehouse-plugin: scaffold-invalid-option: The plugin id "1234" must start with a lowercase letter/);
    const badTemplate = await runBin(['init', join(dir, 'new'), '--template', 'vue']);
    assert.equal(badTemplate.code, 2);
    assert.match(badTemplate.stderr, /^gatehouse-plugin: usage-invalid-value: init --template must be one of ts, html/);
    assert.deepEqual(await readdir(dir), ['keep.txt']);
  });
});
