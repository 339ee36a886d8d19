// Checks the built package (plugin-sdk/dist), which `npm test` builds before the unit tests; builds nothing itself.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { before, describe, it } from 'node:test';
import * as source from '@gatehouse/plugin-sdk';
import * as testing from '@gatehouse/plugin-sdk/testing';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const esmEntry = `${dist}index.js`;
const browserFile = `${dist}gatehouse-plugin-sdk.global.js`;

describe('built SDK (plugin-sdk/dist)', () => {
  let esm: Record<string, unknown>;
  let global: Record<string, unknown>;

  before(async () => {
    for (const file of [esmEntry, `${dist}index.d.ts`, browserFile]) {
      assert.ok(
        existsSync(file),
        `${file} is missing: run \`npm run build -w plugin-sdk\` first (npm test does this before the unit tests)`,
      );
    }
    esm = (await import(pathToFileURL(esmEntry).href)) as Record<string, unknown>;
    // A bare context: the browser file must bring everything it needs and expose one global.
    const context = vm.createContext({});
    vm.runInContext(readFileSync(browserFile, 'utf8'), context, { filename: browserFile });
    global = (context as { GatehouseSDK?: Record<string, unknown> }).GatehouseSDK ?? {};
  });

  it('exposes the same API names on GatehouseSDK as the ESM build', () => {
    assert.ok(Object.keys(global).length > 50, 'GatehouseSDK is missing or nearly empty');
    assert.deepEqual(Object.keys(global).sort(), Object.keys(esm).sort());
  });

  it('builds what the source exports; a difference means dist is stale (rebuild it)', () => {
    assert.deepEqual(Object.keys(esm).sort(), Object.keys(source).sort());
  });

  it('builds the test kit entry with its declarations', async () => {
    for (const file of [`${dist}testing/index.js`, `${dist}testing/index.d.ts`]) assert.ok(existsSync(file), `${file} is missing`);
    const built = (await import(pathToFileURL(`${dist}testing/index.js`).href)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(built).sort(), Object.keys(testing).sort());
  });

  it('validates and formats the same way in the browser build', () => {
    // Objects from the vm context have that context's prototypes: compare them as JSON.
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    const build = global.createClipboardWriteRequest as typeof source.createClipboardWriteRequest;
    assert.deepEqual(plain(build('hi', 'Copy')), { action: 'system.clipboard.write', payload: { text: 'hi', reason: 'Copy' } });
    const validate = global.validateHostPrivilegedActionRequest as typeof source.validateHostPrivilegedActionRequest;
    const result = validate({ action: 'system.process.exec', payload: { scope: 'git', command: 'git', shell: true } });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(plain(result.issues.map((issue) => issue.path).sort()), ['payload.command', 'payload.shell']);
    // Same messages as the source build, zod's own ones included.
    const hostile = { action: 'system.hosts.write', payload: { records: [{ address: 7, hostname: 'a_b' }], tag: 'x'.repeat(100) } };
    assert.deepEqual(plain(validate(hostile)), plain(source.validateHostPrivilegedActionRequest(hostile)));
  });

  it('ships an inline formatter that survives minification', () => {
    const response = {
      ok: false as const,
      correlationId: 'pa-1',
      code: 'PROCESS_EXIT_NON_ZERO' as const,
      error: 'exit 2',
      details: { stderr: 'x'.repeat(2100), exitCode: 2, command: '/usr/bin/git', args: ['a b'], cwd: '/srv' },
    };
    const expected = source.formatPrivilegedActionError(response);
    for (const api of [global, esm]) {
      const inlineSource = (api.getInlinePrivilegedActionErrorFormatterSource as () => string)();
      const inline = vm.runInNewContext(inlineSource, Object.create(null)) as (r: unknown) => string;
      assert.equal(inline(response), expected);
      assert.equal((api.formatPrivilegedActionError as (r: unknown) => string)(response), expected);
    }
  });
});
