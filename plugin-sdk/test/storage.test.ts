import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import {
  LIMITS,
  createMessagePortTransport,
  getPluginPortMessageKind,
  jsonValueSchema,
  pluginStorageMessageSchema,
  storage,
  validatePluginStorageMessage,
  type JsonValue,
  type MessagePortTransport,
} from '@gatehouse/plugin-sdk';
import { createHostPort, type HostPort } from './support/host-port.js';

// A small test host behind a real MessageChannel: validates with the exported schema and keeps a Map.
let host: HostPort;
let transport: MessagePortTransport;
const store = new Map<string, string>();

before(() => {
  const channel = new MessageChannel();
  host = createHostPort(channel.port2);
  transport = createMessagePortTransport(channel.port1);
  channel.port2.addEventListener('message', (event) => {
    const data = (event as MessageEvent).data;
    assert.equal(getPluginPortMessageKind(data), 'storage');
    const checked = validatePluginStorageMessage(data);
    assert.ok(checked.ok, 'the host only ever sees valid storage messages');
    const { correlationId, storage: op } = checked.value;
    const answer = (result: unknown) => host.reply({ ok: true, correlationId, result });
    if (op.op === 'get')
      answer({ key: op.key, found: store.has(op.key), value: store.has(op.key) ? JSON.parse(store.get(op.key) ?? 'null') : null });
    if (op.op === 'set') {
      const json = JSON.stringify(op.value);
      if (json.length > 64) return host.reply({ ok: false, correlationId, code: 'STORAGE_QUOTA_EXCEEDED', error: 'Quota exceeded.' });
      store.set(op.key, json);
      answer({ key: op.key, size: json.length });
    }
    if (op.op === 'delete') answer({ key: op.key, deleted: store.delete(op.key) });
    if (op.op === 'keys') answer({ keys: [...store.keys()].sort() });
  });
});
after(() => {
  transport.close();
  host.close();
});

describe('plugin storage', () => {
  it('sets, gets, lists and deletes over the plugin port', async () => {
    const options = { transport };
    assert.deepEqual((await storage.set('theme', { dark: true, sizes: [1, 2.5] }, options)).ok, true);
    const got = await storage.get('theme', options);
    assert.ok(got.ok);
    assert.deepEqual(got.result, { key: 'theme', found: true, value: { dark: true, sizes: [1, 2.5] } });
    await storage.set('ctx:prod', null, options);
    const keys = await storage.keys(options);
    assert.deepEqual(keys.ok && keys.result.keys, ['ctx:prod', 'theme']);
    const deleted = await storage.delete('theme', options);
    assert.deepEqual(deleted.ok && deleted.result, { key: 'theme', deleted: true });
    const missing = await storage.get('theme', options);
    assert.deepEqual(missing.ok && missing.result, { key: 'theme', found: false, value: null });
  });

  it('sends storage messages in the documented shape', async () => {
    const before = host.received.length;
    await storage.get('a.b_c-d:e', { transport });
    const sent = host.received[before] as { correlationId: string; storage: unknown };
    assert.deepEqual(Object.keys(sent).sort(), ['correlationId', 'storage']);
    assert.deepEqual(sent.storage, { op: 'get', key: 'a.b_c-d:e' });
    assert.ok(pluginStorageMessageSchema.safeParse(sent).success);
  });

  it('passes host errors through as envelopes', async () => {
    const response = await storage.set('big', 'x'.repeat(100), { transport });
    assert.deepEqual(!response.ok && response.code, 'STORAGE_QUOTA_EXCEEDED');
  });

  it('refuses bad keys and non-JSON values without sending them', async () => {
    const before = host.received.length;
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i < LIMITS.jsonDepth + 2; i++) deep = [deep];
    const cases: [Promise<{ ok: boolean; code?: string; details?: Record<string, unknown> }>, string][] = [
      [storage.get('', { transport }), 'storage.key'],
      [storage.get('has space', { transport }), 'storage.key'],
      [storage.get('x'.repeat(LIMITS.storageKeyLength + 1), { transport }), 'storage.key'],
      [storage.get('a/b', { transport }), 'storage.key'],
      [storage.delete('__proto__', { transport }), 'storage.key'],
      [storage.get(42 as never, { transport }), 'storage.key'],
      [storage.set('k', undefined as never, { transport }), 'storage.value'],
      [storage.set('k', (() => 1) as never, { transport }), 'storage.value'],
      [storage.set('k', Number.NaN, { transport }), 'storage.value'],
      [storage.set('k', { when: new Date(0) } as never, { transport }), 'storage.value.when'],
      [storage.set('k', new Map() as never, { transport }), 'storage.value'],
      [storage.set('k', [1, 10n] as never, { transport }), 'storage.value[1]'],
      [storage.set('k', cyclic as never, { transport }), 'storage.value'],
      [storage.set('k', deep as JsonValue, { transport }), 'storage.value'],
      [storage.set('k', JSON.parse('{"a":{"__proto__":{"polluted":true}}}'), { transport }), 'storage.value.a.__proto__'],
      [storage.set('k', 'x'.repeat(LIMITS.storageValueLength), { transport }), 'storage.value'],
      [storage.keys({ transport, timeoutMs: -1 }), 'options.timeoutMs'],
    ];
    for (const [pending, path] of cases) {
      const response = await pending;
      assert.equal(response.ok, false, path);
      assert.equal(response.code, 'VALIDATION_FAILED', path);
      const issues = response.details?.issues as { path: string }[];
      assert.ok(
        issues.some((issue) => issue.path === path || issue.path.startsWith(`${path}`)),
        `${path}: ${JSON.stringify(issues)}`,
      );
    }
    assert.equal(host.received.length, before);
  });

  it('exports a JSON value schema the host can reuse', () => {
    assert.ok(jsonValueSchema.safeParse({ a: [1, 'b', null, true, { c: -0.5 }] }).success);
    assert.equal(jsonValueSchema.safeParse({ a: Number.POSITIVE_INFINITY }).success, false);
    assert.equal(jsonValueSchema.safeParse(Object.create({ inherited: 1 })).success, false);
  });

  it('tells storage and action messages apart', () => {
    assert.equal(getPluginPortMessageKind({ correlationId: 'x', request: {} }), 'action');
    assert.equal(getPluginPortMessageKind({ correlationId: 'x', storage: {} }), 'storage');
    assert.equal(getPluginPortMessageKind({ correlationId: 'x', request: {}, storage: {} }), null);
    assert.equal(getPluginPortMessageKind({ correlationId: 'x' }), null);
    assert.equal(getPluginPortMessageKind([]), null);
    assert.equal(getPluginPortMessageKind(null), null);
  });
});
