// The package as `npm pack` makes it: everything package.json points at is inside, nothing from test/,
// and the unpacked tarball imports and runs its CLI without a registry.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const repoModules = fileURLToPath(new URL('../../node_modules/', import.meta.url));

interface PackageJson {
  name: string;
  version: string;
  license?: string;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: Record<string, string | Record<string, string>>;
  files?: string[];
  repository?: { type?: string; url?: string; directory?: string };
  keywords?: string[];
  engines?: { node?: string };
  sideEffects?: boolean | string[];
  dependencies?: Record<string, string>;
}

/** Every file path package.json points at (main, types, bin, every export condition but the in-repo source one). */
function pointedAt(pkg: PackageJson): string[] {
  const paths = [pkg.main, pkg.types, ...Object.values(pkg.bin ?? {})];
  for (const target of Object.values(pkg.exports ?? {})) {
    if (typeof target === 'string') paths.push(target);
    else for (const [condition, path] of Object.entries(target)) if (condition !== '@gatehouse/source') paths.push(path);
  }
  return [...new Set(paths.filter((path): path is string => typeof path === 'string').map((path) => path.replace(/^\.\//, '')))];
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

describe('npm pack of @gatehouse/plugin-sdk', () => {
  let work = '';
  let tarball = '';
  let entries: string[] = [];
  let pkg: PackageJson;

  before(async () => {
    pkg = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8')) as PackageJson;
    work = await mkdtemp(join(tmpdir(), 'gatehouse-sdk-pack-'));
    // --ignore-scripts: packing must not depend on a build step; the built dist/ is what the suite tests.
    const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], pkgDir)) as Array<{
      filename: string;
    }>;
    tarball = join(work, packed[0]!.filename);
    entries = run('tar', ['-tzf', tarball], work)
      .split('\n')
      .filter(Boolean)
      .map((entry) => entry.replace(/^package\//, ''));
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('has the fields a registry and its users read', () => {
    assert.equal(pkg.name, '@gatehouse/plugin-sdk');
    assert.equal(pkg.license, 'MIT');
    assert.equal(pkg.repository?.type, 'git');
    assert.equal(pkg.repository?.directory, 'plugin-sdk');
    assert.ok(pkg.keywords?.includes('gatehouse'));
    assert.match(String(pkg.engines?.node), /^>=\d+/);
    assert.ok(Array.isArray(pkg.sideEffects), 'sideEffects names the modules that listen on load, so bundlers may drop the rest');
    for (const file of pkg.sideEffects as string[])
      assert.ok(entries.includes(file.replace(/^\.\//, '')), `sideEffects names ${file}, which is not packed`);
    assert.deepEqual(Object.keys(pkg.exports ?? {}).sort(), ['.', './backend', './browser', './node', './package.json', './testing']);
  });

  it('holds every file main, types, bin and exports point at, the license and the README', () => {
    const missing = [...pointedAt(pkg), 'LICENSE', 'README.md', 'package.json'].filter((path) => !entries.includes(path));
    assert.deepEqual(missing, [], 'run `npm run build -w plugin-sdk` when dist/ is missing');
    for (const entry of ['dist/index.d.ts', 'dist/node/index.d.ts', 'dist/testing/index.d.ts']) assert.ok(entries.includes(entry), entry);
  });

  it('holds nothing from test/, scripts/ or the TypeScript config', () => {
    // templates/ is what `init` copies into a new project, its test and tsconfig included: the package's own are not.
    const own = entries.filter((entry) => !entry.startsWith('templates/'));
    const stray = own.filter(
      (entry) =>
        /^(test|scripts|node_modules)\//.test(entry) || /(^|\/)tsconfig[^/]*\.json$/.test(entry) || /\.test\.[cm]?[jt]s$/.test(entry),
    );
    assert.ok(entries.includes('templates/ts/tsconfig.json'), 'the templates init copies are in the package');
    assert.deepEqual(stray, []);
  });

  it('installed from the tarball without a registry: it imports, and its CLI runs', async () => {
    const project = join(work, 'consumer');
    const modules = join(project, 'node_modules');
    await mkdir(join(modules, '@gatehouse', 'plugin-sdk'), { recursive: true });
    run('tar', ['-xzf', tarball, '-C', join(modules, '@gatehouse', 'plugin-sdk'), '--strip-components=1'], work);
    // The package's own dependencies, linked from this checkout: what `npm install <tarball>` would fetch.
    for (const dependency of Object.keys(pkg.dependencies ?? {}))
      await symlink(join(repoModules, dependency), join(modules, dependency), 'dir');
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await writeFile(
      join(project, 'check.mjs'),
      [
        "import { createClipboardReadRequest, PRIVILEGED_ACTION_ERROR_CODES } from '@gatehouse/plugin-sdk';",
        "import { readPublicKeyText } from '@gatehouse/plugin-sdk/node';",
        "import { createFakeHost } from '@gatehouse/plugin-sdk/testing';",
        "import { fileURLToPath } from 'node:url';",
        "const browser = fileURLToPath(import.meta.resolve('@gatehouse/plugin-sdk/browser'));",
        'console.log(JSON.stringify({ action: createClipboardReadRequest().action, codes: PRIVILEGED_ACTION_ERROR_CODES.length > 0, node: typeof readPublicKeyText, testing: typeof createFakeHost, browser }));',
      ].join('\n'),
    );
    const report = JSON.parse(run(process.execPath, ['check.mjs'], project)) as Record<string, unknown>;
    assert.equal(report.action, 'system.clipboard.read');
    assert.equal(report.codes, true);
    assert.equal(report.node, 'function');
    assert.equal(report.testing, 'function');
    assert.equal(report.browser, join(modules, '@gatehouse', 'plugin-sdk', 'dist', 'gatehouse-plugin-sdk.global.js'));
    const help = run(process.execPath, [join(modules, '@gatehouse', 'plugin-sdk', 'bin', 'gatehouse-plugin.js'), 'help'], project);
    assert.match(help, /Commands:/);
  });
});
