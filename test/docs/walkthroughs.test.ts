// Runs the author walkthroughs as written. Each walkthrough's fenced blocks run in order in a fresh temp
// folder outside the workspace: `sh` blocks in bash (the commands an author types), `<lang> file=<path>`
// blocks are written to that path first. `sh no-run` blocks (the scaffold, the development host) are
// covered by their own tests; `sh exit=N` blocks must end with exit code N.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const walkthroughDir = join(root, 'plugin-sdk/docs/walkthroughs');
const sdkDir = join(root, 'plugin-sdk');
const SDK_BROWSER_BUILD = 'gatehouse-plugin-sdk.global.js';
/** The example every walkthrough works on, copied as `my-plugin/`. */
const EXAMPLE = 'clipboard-tools';

interface Block {
  lang: string;
  attrs: Map<string, string>;
  flags: Set<string>;
  body: string;
  line: number;
}

function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S+)(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    assert.ok(end > i, `unclosed block at line ${i + 1}`);
    const attrs = new Map<string, string>();
    const flags = new Set<string>();
    for (const word of open[2]!.trim().split(/\s+/).filter(Boolean)) {
      const [key, value] = word.split('=');
      if (value === undefined) flags.add(key!);
      else attrs.set(key!, value);
    }
    blocks.push({ lang: open[1]!, attrs, flags, body: lines.slice(i + 1, end).join('\n'), line: i + 1 });
    i = end;
  }
  return blocks;
}

const read = (name: string) => readFileSync(join(walkthroughDir, name), 'utf8');
const prerequisite = (text: string) => /<!-- walkthrough-test: after (\S+) -->/.exec(text)?.[1];

/** The example's own files plus what its build copies in: the shared helpers and the SDK's browser build. */
function copyExample(to: string): void {
  const from = join(root, 'examples', EXAMPLE, 'plugin');
  mkdirSync(to, { recursive: true });
  const tracked = spawnSync('git', ['ls-files', '-z', '.'], { cwd: from, encoding: 'utf8' });
  assert.equal(tracked.status, 0, tracked.stderr);
  for (const file of tracked.stdout.split('\0').filter(Boolean)) cpSync(join(from, file), join(to, file));
  for (const shared of ['dom.js', 'base.css']) cpSync(join(root, 'examples/shared', shared), join(to, shared));
  cpSync(join(sdkDir, 'dist', SDK_BROWSER_BUILD), join(to, SDK_BROWSER_BUILD));
}

/**
 * A folder where `npx gatehouse-plugin` and `@gatehouse/plugin-sdk` resolve to this checkout's built SDK, and
 * `esbuild` (which an author installs next to it to bundle a backend) to the checkout's own.
 */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-walkthrough-'));
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@gatehouse'), { recursive: true });
  mkdirSync(join(modules, '.bin'));
  symlinkSync(sdkDir, join(modules, '@gatehouse/plugin-sdk'));
  symlinkSync('../@gatehouse/plugin-sdk/bin/gatehouse-plugin.js', join(modules, '.bin/gatehouse-plugin'));
  symlinkSync(join(root, 'node_modules/esbuild'), join(modules, 'esbuild'));
  symlinkSync('../esbuild/bin/esbuild', join(modules, '.bin/esbuild'));
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  mkdirSync(join(dir, 'home'));
  copyExample(join(dir, 'my-plugin'));
  return dir;
}

/** Runs one walkthrough's blocks in `dir`; its prerequisite must already have run there. */
function run(dir: string, name: string, done: Set<string>): number {
  const text = read(name);
  const before = prerequisite(text);
  assert.ok(before === undefined || done.has(before), `${name} needs ${before} to run first (and to sort before it)`);
  let ran = 0;
  for (const block of blocksOf(text)) {
    const file = block.attrs.get('file');
    if (file) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), `${block.body}\n`);
      continue;
    }
    if (block.lang !== 'sh' || block.flags.has('no-run')) continue;
    // This test's own runner context would make a nested `node --test` report to it instead of printing.
    const { NODE_TEST_CONTEXT: _context, ...parentEnv } = process.env;
    const result = spawnSync('bash', ['-euo', 'pipefail', '-c', block.body], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...parentEnv,
        HOME: join(dir, 'home'),
        // No keychain: keygen writes its 0600 key file under the temp home, never into the user's keychain.
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/gatehouse-walkthrough-bus',
        npm_config_offline: 'true',
        npm_config_update_notifier: 'false',
        NODE_OPTIONS: '',
      },
    });
    const expected = Number(block.attrs.get('exit') ?? '0');
    assert.equal(
      result.status,
      expected,
      `${name}:${block.line} exited ${result.status}, expected ${expected}\n$ ${block.body}\n${result.stdout}${result.stderr}`,
    );
    if (block.attrs.has('expect'))
      assert.match(result.stdout, new RegExp(block.attrs.get('expect')!.replace(/_/g, ' ')), `${name}:${block.line} output`);
    ran += 1;
  }
  done.add(name);
  return ran;
}

describe('author walkthroughs', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('the built SDK is there to run them', () => {
    assert.ok(existsSync(join(sdkDir, 'dist/node/index.js')), 'run npm run build:sdk first');
  });

  const names = readdirSync(walkthroughDir)
    .filter((name) => /^\d\d-.*\.md$/.test(name))
    .sort();
  it('every walkthrough is listed in the index', () => {
    assert.ok(names.length >= 5);
    for (const name of names) assert.ok(read('README.md').includes(`(${name})`), name);
  });

  // One folder for all, in order, as an author would go through them: signing leaves the key packing uses.
  let dir: string | undefined;
  const done = new Set<string>();
  for (const name of names) {
    it(`${name} runs as written`, () => {
      const blocks = blocksOf(read(name)).filter((b) => b.lang === 'sh');
      if (blocks.every((b) => b.flags.has('no-run'))) {
        // Nothing here runs without a browser or the scaffold; say so rather than pass silently.
        assert.ok(read('README.md').includes('marked `no-run`'), `${name} has only no-run blocks; the index must say why`);
        done.add(name);
        return;
      }
      if (dir === undefined) dirs.push((dir = workspace()));
      assert.ok(run(dir, name, done) > 0, `${name} ran no command`);
    });
  }
});
