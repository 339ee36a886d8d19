// The SDK's size budget, as plugins ship it: the one-file browser build at most about 20.7 KB gzipped, and a small
// plugin an author bundles with esbuild --minify (a sample, and the scaffold's TypeScript template) at most
// 25 KB gzipped (KB = 1024 bytes). Both are built
// here, in memory, by scripts/bundle-sizes.mjs (which `npm run bench size` reports too). Size is not timing:
// the same sources always give the same bytes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import vm from 'node:vm';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// 20 KiB until live output: the stream contract (its event, cancel and ack schemas), the transport's event
// delivery and acknowledgements and the helpers' onOutput/onStep measured 528 bytes gzipped after trimming
// (zod's int format avoided); the budget grew by 576 bytes, not to a round number, so growth stays visible.
// Plus 147 bytes for backend messages: the frame's onBackendMessage/postToBackend and the port-message check
// (measured 21022 before, 21169 after, with a plain key check instead of zod schemas to keep it small).
const BROWSER_SDK_MAX_GZIP = 20 * 1024 + 576 + 147;
const AUTHOR_BUNDLE_MAX_GZIP = 25 * 1024;

interface BundleSize {
  name: string;
  raw: number;
  min: number;
  gzip: number;
  code: string;
}

describe('bundle sizes', () => {
  let browserSdk: BundleSize;
  let authorBundle: BundleSize;
  let scaffoldPlugin: BundleSize;

  before(() => {
    const script = fileURLToPath(new URL('../scripts/bundle-sizes.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [script, '--with-code'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(run.status, 0, `bundle-sizes.mjs failed: ${run.stderr}`);
    const sizes = JSON.parse(run.stdout) as BundleSize[];
    const find = (name: string) => sizes.find((size) => size.name === name) ?? assert.fail(`no size for ${name}`);
    browserSdk = find('browser SDK');
    authorBundle = find('author bundle');
    scaffoldPlugin = find('scaffold plugin');
  });

  it(`keeps the browser build at most ${BROWSER_SDK_MAX_GZIP} bytes gzipped`, () => {
    assert.ok(
      browserSdk.gzip <= BROWSER_SDK_MAX_GZIP,
      `the browser build is ${browserSdk.gzip} bytes gzipped (${browserSdk.min} minified), over ${BROWSER_SDK_MAX_GZIP}: see README, "Size"`,
    );
  });

  it(`keeps an author's bundled plugin at most ${AUTHOR_BUNDLE_MAX_GZIP} bytes gzipped`, () => {
    assert.ok(
      authorBundle.gzip <= AUTHOR_BUNDLE_MAX_GZIP,
      `the sample plugin bundles to ${authorBundle.gzip} bytes gzipped (${authorBundle.min} minified), over ${AUTHOR_BUNDLE_MAX_GZIP}: see README, "Size"`,
    );
  });

  it(`keeps the plugin \`gatehouse-plugin init --template ts\` makes at most ${AUTHOR_BUNDLE_MAX_GZIP} bytes gzipped`, () => {
    assert.ok(
      scaffoldPlugin.gzip <= AUTHOR_BUNDLE_MAX_GZIP,
      `the scaffolded plugin bundles to ${scaffoldPlugin.gzip} bytes gzipped (${scaffoldPlugin.min} minified), over ${AUTHOR_BUNDLE_MAX_GZIP}: see README, "Size"`,
    );
  });

  it('measures a browser build that still validates strictly', () => {
    const context = vm.createContext({});
    vm.runInContext(browserSdk.code, context);
    const sdk = (context as { GatehouseSDK?: Record<string, unknown> }).GatehouseSDK;
    assert.ok(sdk, 'the measured file defines no GatehouseSDK');
    const validate = sdk.validateHostPrivilegedActionRequest as (input: unknown) => {
      ok: boolean;
      issues?: Array<{ path: string; message: string }>;
    };
    const checked = validate({
      action: 'system.process.exec',
      payload: { scope: 'git', command: '/usr/bin/git', env: { LD_PRELOAD: '/tmp/x.so' }, timeoutMs: 1.5, shell: true },
    });
    assert.equal(checked.ok, false);
    assert.deepEqual(JSON.parse(JSON.stringify(checked.issues)), [
      {
        path: 'payload.env.LD_PRELOAD',
        message: 'env keys must match ^[A-Z_][A-Z0-9_]*$ and not be a loader or injection key (LD_*, DYLD_*, NODE_OPTIONS, PATH, ...)',
      },
      { path: 'payload.timeoutMs', message: 'must be an integer number of milliseconds' },
      { path: 'payload.shell', message: 'unknown field' },
    ]);
  });

  it("measures an author bundle that carries the SDK's validation of what it sends", () => {
    // The helpers validate before sending: the bundle must hold the exec checks, not a bundler's stub.
    for (const text of ['must be an absolute, normalized path', 'env keys must match', 'system.clipboard.write', 'Correlation ID: ']) {
      assert.ok(authorBundle.code.includes(text), `the author bundle lacks "${text}"`);
    }
  });
});
