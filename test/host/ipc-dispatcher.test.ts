import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Conf from 'conf';
import { createHostCore, createInteractivePrompter, type HostCore } from '../../src/core/index';
import { createIpcDispatcher, type IpcDispatcherPorts } from '../../src/host/ipc-dispatcher';
import type { IpcResult } from '../../src/shared/ipc-result';

const PLUGIN_ID = 'dispatch-probe';
/** Every answer in these tests is checked against its channel's response schema. */
const checked = { checkResponses: true };

function failure(result: IpcResult<unknown>) {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  return result as Extract<IpcResult<unknown>, { ok: false }>;
}
function value<T>(result: IpcResult<unknown>): T {
  assert.equal(result.ok, true, `expected success, got ${JSON.stringify(result)}`);
  return (result as { value: T }).value;
}

describe('ipc dispatcher over a real host core', () => {
  let root: string;
  let core: HostCore;
  let savePath: string | null = null;
  const prompter = createInteractivePrompter();
  const frames: Array<[string, string]> = [];
  const ports: IpcDispatcherPorts = {
    chooseFolder: async () => null,
    chooseFile: async () => null,
    chooseSavePath: async () => savePath,
    pluginFrame: (pluginId, entry) => {
      frames.push([pluginId, entry]);
      return { url: `gatehouse-plugin://${pluginId}/${entry}`, origin: `gatehouse-plugin://${pluginId}` };
    },
    appInfo: () => ({ version: '9.9.9', platform: 'test', devMode: true }),
    prompter,
  };

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'gatehouse-dispatch-'));
    const source = join(root, 'source');
    await mkdir(source);
    await writeFile(
      join(source, 'manifest.json'),
      JSON.stringify({
        id: PLUGIN_ID,
        name: 'Dispatch Probe',
        version: '1.0.0',
        publisher: 'Tests',
        capabilities: ['system.clipboard.write'],
        ui: { entry: 'index.html' },
      }),
    );
    await writeFile(join(source, 'index.html'), '<!doctype html><title>probe</title>');
    let clipboard = '';
    core = await createHostCore({
      dataDir: join(root, 'data'),
      pluginsDir: join(root, 'plugins'),
      hostsPath: join(root, 'hosts'),
      settings: new Conf<Record<string, unknown>>({ cwd: join(root, 'settings') }),
      clipboard: { readText: () => clipboard, writeText: (text) => void (clipboard = text) },
      prompter,
      devMode: true,
      homeDir: root,
    });
    await core.plugins.install(source);
  });
  after(async () => {
    await core.close();
    await rm(root, { recursive: true, force: true });
  });

  test('refuses unknown channels and invalid payloads with field paths', async () => {
    const dispatcher = createIpcDispatcher(core, ports, checked);
    assert.equal(failure(await dispatcher.invoke('shell:exec', {})).code, 'INVALID_INPUT');
    assert.equal(failure(await dispatcher.invoke('__proto__', {})).code, 'INVALID_INPUT');
    assert.equal(failure(await dispatcher.invoke('toString', undefined)).code, 'INVALID_INPUT');
    const bad = failure(await dispatcher.invoke('plugins:set-status', { pluginId: PLUGIN_ID, status: 'root' }));
    assert.equal(bad.code, 'INVALID_INPUT');
    assert.deepEqual(
      (bad.details?.issues as Array<{ path: string }>).map((issue) => issue.path),
      ['status'],
    );
    const extra = failure(await dispatcher.invoke('plugins:frame', { pluginId: PLUGIN_ID, url: 'https://evil.example' }));
    assert.equal(extra.code, 'INVALID_INPUT');
    // An unknown key is named, as the SDK's validators name it, not only "Unrecognized key(s)".
    assert.deepEqual(extra.details?.issues, [{ path: 'url', message: 'unknown field' }]);
    assert.match(extra.error, /^Invalid plugins:frame request: url: unknown field$/);
    const unknownCapability = failure(
      await dispatcher.invoke('plugins:set-grants', { pluginId: PLUGIN_ID, capabilities: ['system.root'] }),
    );
    assert.equal(unknownCapability.code, 'INVALID_INPUT');
    assert.deepEqual(unknownCapability.details?.issues, [{ path: 'capabilities.0', message: 'must be a known capability' }]);
    assert.deepEqual(core.plugins.get(PLUGIN_ID)?.granted, [], 'nothing was granted');
  });

  test('in check mode an answer that drifts from its response schema becomes INTERNAL_ERROR naming the field', async () => {
    const drifted = {
      ...core,
      pause: { ...core.pause, get: () => 'yes' as unknown as boolean },
    } as HostCore;
    const checkedFailure = failure(await createIpcDispatcher(drifted, ports, checked).invoke('host:get-paused', undefined));
    assert.equal(checkedFailure.code, 'INTERNAL_ERROR');
    assert.deepEqual(
      (checkedFailure.details?.issues as Array<{ path: string }>).map((issue) => issue.path),
      ['paused'],
    );
    // Outside check mode (the app) the answer goes through as the handler gave it.
    assert.deepEqual(value(await createIpcDispatcher(drifted, ports).invoke('host:get-paused', undefined)), { paused: 'yes' });
  });

  test('maps HostError codes and keeps their details', async () => {
    const dispatcher = createIpcDispatcher(core, ports, checked);
    assert.equal(failure(await dispatcher.invoke('plugins:set-status', { pluginId: 'nobody', status: 'active' })).code, 'PLUGIN_NOT_FOUND');
    const undeclared = failure(
      await dispatcher.invoke('plugins:set-grants', { pluginId: PLUGIN_ID, capabilities: ['system.hosts.write'] }),
    );
    assert.equal(undeclared.code, 'CAPABILITY_NOT_DECLARED');
  });

  test('setup channels: a plugin without a setup section says so; running or overriding it is refused', async () => {
    const dispatcher = createIpcDispatcher(core, ports);
    const status = value<{ state: string; hasSetup: boolean }>(await dispatcher.invoke('setup:status', { pluginId: PLUGIN_ID }));
    assert.deepEqual([status.state, status.hasSetup], ['none', false]);
    assert.equal(failure(await dispatcher.invoke('setup:run', { pluginId: PLUGIN_ID })).code, 'PLUGIN_NOT_FOUND');
    assert.equal(failure(await dispatcher.invoke('setup:teardown', { pluginId: PLUGIN_ID })).code, 'PLUGIN_NOT_FOUND');
    assert.equal(failure(await dispatcher.invoke('setup:set-overrides', { pluginId: PLUGIN_ID, overrides: {} })).code, 'PLUGIN_NOT_FOUND');
    // Unknown fields never reach the service.
    const extra = failure(await dispatcher.invoke('setup:set-overrides', { pluginId: PLUGIN_ID, overrides: { script: 'x' } } as never));
    assert.equal(extra.code, 'INVALID_INPUT');
  });

  test('backend channels: a plugin without a backend has none; a post is bounded and goes nowhere', async () => {
    const dispatcher = createIpcDispatcher(core, ports, checked);
    assert.equal(value(await dispatcher.invoke('backend:status', { pluginId: PLUGIN_ID })), null);
    assert.deepEqual(value(await dispatcher.invoke('backend:logs', { pluginId: PLUGIN_ID })), { lines: [], dropped: 0 });
    assert.deepEqual(value(await dispatcher.invoke('backend:post', { pluginId: PLUGIN_ID, data: { ping: 1 } })), {
      delivered: false,
      code: 'BACKEND_NOT_RUNNING',
      error: 'The plugin has no running backend.',
    });
    const huge = failure(await dispatcher.invoke('backend:post', { pluginId: PLUGIN_ID, data: 'x'.repeat(20 * 1024 * 1024) }));
    assert.equal(huge.code, 'INVALID_INPUT');
    const extra = failure(await dispatcher.invoke('backend:post', { pluginId: PLUGIN_ID, data: 1, from: 'other' } as never));
    assert.equal(extra.code, 'INVALID_INPUT');
  });

  test('a plugin frame is handed out only once the plugin is active', async () => {
    const dispatcher = createIpcDispatcher(core, ports, checked);
    assert.equal(failure(await dispatcher.invoke('plugins:frame', { pluginId: PLUGIN_ID })).code, 'PLUGIN_UNAVAILABLE');
    assert.deepEqual(frames, []);
    value(await dispatcher.invoke('plugins:set-grants', { pluginId: PLUGIN_ID, capabilities: ['system.clipboard.write'] }));
    value(await dispatcher.invoke('plugins:set-status', { pluginId: PLUGIN_ID, status: 'active' }));
    const frame = value<{ url: string }>(await dispatcher.invoke('plugins:frame', { pluginId: PLUGIN_ID }));
    assert.equal(frame.url, `gatehouse-plugin://${PLUGIN_ID}/index.html`);
  });

  test('actions are attributed to the plugin id the host tagged, and events reach subscribers', async () => {
    const dispatcher = createIpcDispatcher(core, ports, checked);
    const events: string[] = [];
    const unsubscribe = dispatcher.subscribe((event) => events.push(event));
    const message = { correlationId: 'dispatch-0001', request: { action: 'system.clipboard.write', payload: { text: 'hi' } } };
    const envelope = value<{ ok: boolean }>(await dispatcher.invoke('action:request', { pluginId: PLUGIN_ID, message }));
    assert.equal(envelope.ok, true);
    const records = await core.audit.query({ correlationId: 'dispatch-0001' });
    assert.ok(records.total >= 2);
    assert.ok(records.records.every((record) => record.pluginId === PLUGIN_ID));
    assert.ok(events.includes('audit:appended'));
    unsubscribe();
    const before = events.length;
    await dispatcher.invoke('action:request', { pluginId: PLUGIN_ID, message: { ...message, correlationId: 'dispatch-0002' } });
    assert.equal(events.length, before, 'no events after unsubscribe');
  });

  test('a streamed request’s events leave through subscribe as action:event, tagged with the host’s plugin id', async () => {
    const dispatcher = createIpcDispatcher(core, ports);
    const events: Array<[string, unknown]> = [];
    const unsubscribe = dispatcher.subscribe((event, payload) => events.push([event, payload]));
    const message = {
      correlationId: 'dispatch-stream-1',
      pluginId: 'someone-else',
      request: { action: 'system.process.exec', payload: { scope: 'nope', command: '/bin/echo', stream: true } },
    };
    const envelope = value<{ ok: boolean }>(await dispatcher.invoke('action:request', { pluginId: PLUGIN_ID, message }));
    unsubscribe();
    assert.equal(envelope.ok, false, 'refused: the plugin may not run processes');
    assert.deepEqual(
      events.filter(([event]) => event === 'action:event').map(([, payload]) => payload),
      [{ pluginId: PLUGIN_ID, correlationId: 'dispatch-stream-1', event: { type: 'end', seq: 0 } }],
    );
  });

  test('the Running channels validate their input and answer for what runs', async () => {
    const dispatcher = createIpcDispatcher(core, ports);
    assert.deepEqual(value(await dispatcher.invoke('running:list', undefined)), []);
    assert.deepEqual(value(await dispatcher.invoke('running:stop', { pluginId: PLUGIN_ID, correlationId: 'dispatch-none-1' })), {
      stopped: false,
    });
    assert.deepEqual(value(await dispatcher.invoke('action:cancel', { pluginId: PLUGIN_ID, correlationId: 'dispatch-none-1' })), {
      cancelled: false,
    });
    for (const [channel, payload] of [
      ['action:cancel', { pluginId: PLUGIN_ID, correlationId: 'bad id with spaces' }],
      ['action:cancel', { pluginId: PLUGIN_ID, correlationId: 'dispatch-none-1', cancel: true }],
      ['action:ack', { pluginId: PLUGIN_ID, correlationId: 'dispatch-none-1', seq: -1 }],
      ['action:ack', { pluginId: PLUGIN_ID, correlationId: 'dispatch-none-1', seq: 1.5 }],
      ['running:stop', { correlationId: 'dispatch-none-1' }],
    ] as const) {
      assert.equal(failure(await dispatcher.invoke(channel, payload)).code, 'INVALID_INPUT', `${channel} ${JSON.stringify(payload)}`);
    }
  });

  test('confirmation answers go to the prompter; without one they are not supported', async () => {
    assert.deepEqual(
      value(await createIpcDispatcher(core, ports, checked).invoke('confirmations:answer', { id: 'nope', decision: 'approved' })),
      {
        accepted: false,
      },
    );
    const { prompter: _unused, ...withoutPrompter } = ports;
    assert.equal(
      failure(await createIpcDispatcher(core, withoutPrompter, checked).invoke('confirmations:answer', { id: 'x', decision: 'approved' }))
        .code,
      'NOT_SUPPORTED',
    );
  });

  test('export: cancelled save dialog gives null; a chosen path gets the file', async () => {
    const dispatcher = createIpcDispatcher(core, ports, checked);
    savePath = null;
    assert.equal(value(await dispatcher.invoke('audit:export', { format: 'jsonl', filter: {} })), null);
    savePath = join(root, 'export.jsonl');
    const written = value<{ path: string; records: number }>(
      await dispatcher.invoke('audit:export', { format: 'jsonl', filter: { pluginId: PLUGIN_ID } }),
    );
    assert.equal(written.path, savePath);
    assert.equal((await readFile(savePath, 'utf8')).trim().split('\n').length, written.records);
  });

  test('verify reports the chain and what the log repaired when it was opened', async () => {
    const dispatcher = createIpcDispatcher(core, ports, checked);
    const report = value<{ ok: boolean; records: number; startup: { repaired: boolean; detail: string | null } }>(
      await dispatcher.invoke('audit:verify', undefined),
    );
    assert.equal(report.ok, true);
    assert.ok(report.records > 0);
    assert.deepEqual(report.startup, { repaired: false, detail: null });
  });

  test('never throws: unexpected errors become INTERNAL_ERROR without their message', async () => {
    const broken = {
      ...core,
      scopes: {
        ...core.scopes,
        list: () => {
          throw new Error('secret internals at /root/x');
        },
      },
    } as HostCore;
    const result = failure(await createIpcDispatcher(broken, ports, checked).invoke('scopes:list', undefined));
    assert.equal(result.code, 'INTERNAL_ERROR');
    assert.doesNotMatch(result.error, /secret internals/);
  });
});
