import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPluginMessageBounds, PLUGIN_MESSAGE_BOUNDS } from '../../src/shared/plugin-message-bounds';
import { createIpcDispatcher } from '../../src/host/ipc-dispatcher';
import { createCoreFixture, message } from '../support/core-fixture';

test('plain messages within the bounds pass; the largest valid content fits', () => {
  assert.deepEqual(checkPluginMessageBounds(message('system.clipboard.write', { text: 'hi', reason: undefined })), { ok: true });
  assert.deepEqual(checkPluginMessageBounds({ payload: { content: 'x'.repeat(8_388_608) } }), { ok: true });
  assert.deepEqual(checkPluginMessageBounds(Object.assign(Object.create(null) as object, { a: 1 })), { ok: true });
});

test('too many values, too many characters, too deep, or not plain data is refused', () => {
  const refused = (value: unknown) => checkPluginMessageBounds(value).ok === false;
  assert.ok(refused(new Array(2_000_000).fill(0)));
  assert.ok(refused(Array.from({ length: 40 }, () => new Array(4000).fill(1))), 'many small arrays add up');
  assert.ok(refused({ a: 'x'.repeat(PLUGIN_MESSAGE_BOUNDS.maxChars + 1) }));
  assert.ok(refused(JSON.parse('['.repeat(30) + ']'.repeat(30))));
  assert.ok(refused(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 1]))));
  for (const odd of [new Date(0), new Map(), new Uint8Array(4), 1n, Number.NaN, Infinity, () => 1, Symbol('s')])
    assert.ok(refused({ odd }), String(typeof odd));
});

test('IPC refuses an oversized plugin message before the core sees it', async () => {
  const fixture = await createCoreFixture([{ id: 'big', capabilities: ['system.clipboard.write'] }]);
  try {
    const dispatcher = createIpcDispatcher(fixture.core, {
      chooseFolder: async () => null,
      chooseFile: async () => null,
      chooseSavePath: async () => null,
      pluginFrame: (id) => ({ url: `gatehouse-plugin://${id}/index.html`, origin: `gatehouse-plugin://${id}` }),
      appInfo: () => ({ version: '0', platform: 'linux', devMode: true }),
    });
    const huge = message('system.clipboard.write', { text: 'x', items: new Array(100_000).fill(0) });
    const result = await dispatcher.invoke('action:request', { pluginId: 'big', message: huge });
    assert.equal(result.ok, false);
    assert.equal(result.ok ? null : result.code, 'INVALID_INPUT');
    const records = await fixture.core.audit.query({ pluginId: 'big', action: 'system.clipboard.write' });
    assert.equal(records.records.length, 0, 'nothing reached the broker');
    const fine = await dispatcher.invoke('action:request', { pluginId: 'big', message: message('system.clipboard.write', { text: 'x' }) });
    assert.equal(fine.ok, true);
  } finally {
    await fixture.cleanup();
  }
});
