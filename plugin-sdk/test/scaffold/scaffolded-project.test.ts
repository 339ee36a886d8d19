// The promise of `gatehouse-plugin init`: the project builds, tests green and passes lint out of the box,
// and its README's sign and pack steps work. Each template is scaffolded into a temp folder outside the
// workspace and gets the SDK the way an author without a registry release does: `npm pack` of this
// package, installed with npm. No network: the packages npm would download (the SDK's dependencies and
// the project's devDependencies) are linked to the workspace's installed copies, after checking that
// each satisfies the range the template or the SDK asks for. Needs plugin-sdk/dist (npm test builds it).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { PLUGIN_TEMPLATES } from '@gatehouse/plugin-sdk/node';
import { NO_KEYCHAIN_ENV, runBin } from '../cli/run-bin.js';

const workspace = fileURLToPath(new URL('../../../', import.meta.url));
const sdkDir = join(workspace, 'plugin-sdk');
const STEP_TIMEOUT_MS = 60_000;

interface Run {
  code: number | null;
  out: string;
}

/** Runs a program without a shell; `out` is stdout and stderr together, for failure messages. */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    // Without NODE_TEST_CONTEXT: a node --test child that inherits it from this runner runs no file at all.
    const { NODE_TEST_CONTEXT: _inherited, ...inherited } = process.env;
    const child = spawn(command, args, {
      cwd,
      env: { ...inherited, npm_config_update_notifier: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

function ok(result: Run, what: string): string {
  assert.equal(result.code, 0, `${what} failed:\n${result.out}`);
  return result.out;
}

/** `^a.b.c` as npm reads it (the templates and the SDK use caret ranges only). */
function satisfiesCaret(version: string, range: string): boolean {
  const want = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  const have = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  assert.ok(want && have, `expected a caret range and a version, got ${range} and ${version}`);
  const [a, b, c] = want.slice(1).map(Number) as [number, number, number];
  const [x, y, z] = have.slice(1).map(Number) as [number, number, number];
  if (a > 0) return x === a && (y > b || (y === b && z >= c));
  if (b > 0) return x === 0 && y === b && z >= c;
  return x === 0 && y === 0 && z === c;
}

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/** `file:` specs of the workspace's installed copies of `wanted`, each checked against its range. */
async function workspaceCopies(wanted: Record<string, string>): Promise<string[]> {
  const specs: string[] = [];
  for (const [name, range] of Object.entries(wanted)) {
    const dir = join(workspace, 'node_modules', ...name.split('/'));
    const { version } = await readJson<{ version: string }>(join(dir, 'package.json'));
    assert.ok(
      satisfiesCaret(version, range),
      `${name}@${version} in the workspace does not satisfy ${range}: update the range or the workspace`,
    );
    specs.push(`file:${dir}`);
  }
  return specs;
}

describe('a scaffolded plugin project, outside the workspace', { concurrency: true }, () => {
  let scratch = '';
  let tarball = '';

  before(async () => {
    for (const built of ['dist/node/index.js', 'dist/node/scaffold/scaffold-plugin.js']) {
      assert.ok(
        existsSync(join(sdkDir, built)),
        `plugin-sdk/${built} is missing: run \`npm run build -w plugin-sdk\` first (npm test does this before the unit tests)`,
      );
    }
    scratch = await realpath(await mkdtemp(join(tmpdir(), 'gatehouse-scaffold-')));
    assert.ok(!scratch.startsWith(await realpath(workspace)), 'the temp folder must lie outside the workspace');
    // Outside means no node_modules on the way up either: the project must resolve everything itself.
    for (let dir = dirname(scratch); ; dir = dirname(dir)) {
      assert.ok(!existsSync(join(dir, 'node_modules')), `${dir}/node_modules would leak into the scaffolded project`);
      if (dirname(dir) === dir) break;
    }
    const packed = ok(await run('npm', ['pack', '--json', '--pack-destination', scratch], sdkDir), 'npm pack');
    const [info] = JSON.parse(packed.slice(packed.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
    const shipped = info.files.map((file) => file.path);
    for (const template of PLUGIN_TEMPLATES) {
      assert.ok(shipped.includes(`templates/${template}/package.json`), `the package does not ship templates/${template}`);
    }
    tarball = join(scratch, info.filename);
  });

  after(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  for (const template of PLUGIN_TEMPLATES) {
    it(`${template}: installs offline, builds, tests green, passes lint, signs and packs`, async (t) => {
      const project = join(scratch, `hello-${template}`);
      const keys = join(scratch, `keys-${template}`);
      ok(
        await runBin(['init', project, '--template', template, '--publisher', 'Example Corp']).then((r) => ({
          code: r.code,
          out: r.stdout + r.stderr,
        })),
        'init',
      );

      const pkg = await readJson<{ devDependencies: Record<string, string> }>(join(project, 'package.json'));
      const sdkPkg = await readJson<{ dependencies: Record<string, string> }>(join(sdkDir, 'package.json'));
      const links = await workspaceCopies({ ...sdkPkg.dependencies, ...pkg.devDependencies });
      // --ignore-scripts: keytar (optional) would build a native module; the project does not need it.
      ok(
        await run('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', tarball, ...links], project),
        'npm install',
      );
      assert.ok(existsSync(join(project, 'node_modules', '@gatehouse', 'plugin-sdk', 'templates')), 'the SDK came from the packed tarball');

      const built = ok(await run('npm', ['run', 'build'], project), 'npm run build');
      assert.match(built, /Built plugin\/app\.js \(\d+\.\d KiB\)/);
      const bundle = await readFile(join(project, 'plugin', 'app.js'));
      t.diagnostic(`${template}: plugin/app.js ${bundle.length} bytes, ${gzipSync(bundle).length} gzipped`);

      const tested = ok(await run('npm', ['test'], project), 'npm test');
      assert.match(tested, /^# pass [1-9]\d*$/m);
      assert.match(tested, /^# fail 0$/m);
      if (template === 'ts') ok(await run('npm', ['run', 'typecheck'], project), 'npm run typecheck');

      const linted = ok(await run('npm', ['run', 'lint'], project), 'npm run lint');
      assert.match(linted, /^plugin: 0 errors, 0 warnings$/m);

      // The README's signing steps, with a key file instead of the OS keychain.
      const bin = join(project, 'node_modules', '.bin', 'gatehouse-plugin');
      const keygen = JSON.parse(
        ok(await run(bin, ['keygen', '--name', 'Example Corp', '--key-dir', keys, '--json'], project, NO_KEYCHAIN_ENV), 'keygen')
          .split('\n')
          .find((line) => line.startsWith('{'))!,
      ) as { keyId: string; publicKey: string };
      ok(await run('npm', ['run', 'sign', '--', keygen.keyId, '--key-dir', keys], project), 'npm run sign');
      ok(await run('npm', ['run', 'pack'], project), 'npm run pack');
      const verified = ok(await run(bin, ['verify', `hello-${template}.ghplugin`, '--trust', keygen.publicKey], project), 'verify');
      assert.match(verified, new RegExp(`^ok hello-${template}@0\\.1\\.0 signed by ${keygen.keyId}$`, 'm'));
    });
  }
});
