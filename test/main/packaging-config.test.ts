// The packaging setup cannot run here (no Electron binary to pack), so its configuration is checked instead:
// electron-builder's own schema validation of the config, the exact fuse set, asar with native modules
// unpacked, and the build-time constants that keep developer mode out of a production bundle.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import builderConfig, { GATEHOUSE_FUSES } from '../../electron-builder.config';
import viteConfig, { mainDefines } from '../../electron.vite.config';

const require = createRequire(import.meta.url);

test('electron-builder accepts the configuration (its own schema check)', async () => {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration(config: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  await validateConfiguration(builderConfig, new DebugLogger(false));
  // The check can fail: a misspelt fuse is refused by the same schema.
  await assert.rejects(
    validateConfiguration({ ...builderConfig, electronFuses: { ...GATEHOUSE_FUSES, runAsNod: false } }, new DebugLogger(false)),
  );
});

test('every packaged binary gets exactly the hardened fuse set', () => {
  assert.deepEqual(builderConfig.electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
});

test('the app is packed into app.asar with keytar unpacked and no examples or development key', () => {
  assert.equal(builderConfig.asar, true);
  assert.ok((builderConfig.asarUnpack as string[]).some((pattern) => pattern.includes('keytar') && pattern.endsWith('.node')));
  const files = builderConfig.files as string[];
  assert.ok(files.includes('out/**/*'));
  assert.ok(!files.some((pattern) => pattern.startsWith('examples')), 'examples are not packaged');
});

test('npm run dist builds in production mode and packs with this config', async () => {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  assert.match(pkg.scripts.dist ?? '', /electron-vite build --mode production && electron-builder --config electron-builder\.config\.ts/);
  assert.ok(pkg.devDependencies['electron-builder']);
});

test('developer mode is a build-time constant, false unless the bundle is built in development mode', () => {
  assert.equal(mainDefines('production').__GATEHOUSE_DEV_BUILD__, 'false');
  assert.equal(mainDefines('staging').__GATEHOUSE_DEV_BUILD__, 'false');
  assert.equal(mainDefines('development').__GATEHOUSE_DEV_BUILD__, 'true');
  const resolved = (viteConfig as (env: { command: 'build'; mode: string }) => { main?: { define?: Record<string, string> } })({
    command: 'build',
    mode: 'production',
  });
  assert.equal(resolved.main?.define?.__GATEHOUSE_DEV_BUILD__, 'false');
  // Every build knows the development key, so a non-development build can refuse it.
  const publisher = JSON.parse(resolved.main?.define?.__GATEHOUSE_DEVELOPMENT_PUBLISHER__ ?? 'null') as { publicKey: string };
  assert.equal(publisher.publicKey, 'Z6vqv9IrghDdqCRNjrwAGXxTyJNjRyj6UDhNIrRHU5I=');
});
