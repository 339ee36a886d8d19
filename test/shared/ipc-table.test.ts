// The channel table is the single source of the IPC surface: a channel is one entry in ipcChannels (schemas)
// and one in IPC_VERBS (its verb), and the API, the preload's event list and the dispatcher follow from them.
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { build } from 'esbuild';
import { createGatehouseApi, type GatehouseApi } from '../../src/shared/gatehouse-api';
import { ipcChannels, ipcEventSchemas } from '../../src/shared/ipc-contract';
import { IPC_EVENTS, IPC_VERBS, type IpcChannel } from '../../src/shared/ipc-verbs';

const preloadEntry = fileURLToPath(new URL('../../src/preload/index.ts', import.meta.url));

test('both halves of the table name the same channels, and every event has a payload schema', () => {
  assert.deepEqual(Object.keys(ipcChannels).sort(), Object.keys(IPC_VERBS).sort());
  assert.deepEqual(Object.keys(ipcEventSchemas).sort(), [...IPC_EVENTS].sort());
});

test('the API has one verb per channel, each calling its own channel with the request its arguments make', async () => {
  const calls: Array<[string, unknown]> = [];
  const api = createGatehouseApi(
    async (channel, payload) => {
      calls.push([channel, payload]);
      return { ok: true, value: null as never };
    },
    () => () => undefined,
  ) as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>;
  const verbs = Object.entries(api).flatMap(([group, members]) => (group === 'on' ? [] : Object.keys(members).map((n) => `${group}.${n}`)));
  assert.deepEqual(
    verbs.sort(),
    Object.values(IPC_VERBS)
      .map((entry) => entry.verb)
      .sort(),
    'no verb without a channel, none missing',
  );

  for (const channel of Object.keys(IPC_VERBS) as IpcChannel[]) {
    const { verb, args } = IPC_VERBS[channel];
    const [group = '', name = ''] = verb.split('.');
    const values = args === 'request' ? [{ whole: 'request' }] : args.map((field) => `${field}-value`);
    await api[group]?.[name]?.(...values);
    const expected =
      args === 'request' ? { whole: 'request' } : args.length ? Object.fromEntries(args.map((f) => [f, `${f}-value`])) : undefined;
    assert.deepEqual(calls.at(-1), [channel, expected], verb);
  }
  // A field left undefined is left out, so an optional key is absent rather than present as undefined.
  await api.approvals?.revoke?.('p');
  assert.deepEqual(calls.at(-1), ['approvals:revoke', { pluginId: 'p' }]);
});

test('the preload bundle requires only electron and lets the renderer listen to exactly the table events', async () => {
  const bundled = await build({
    entryPoints: [preloadEntry],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    external: ['electron'],
    logLevel: 'silent',
  });
  const source = bundled.outputFiles[0]?.text ?? '';
  const required = [...source.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
  assert.deepEqual([...new Set(required)], ['electron'], 'a sandboxed preload can load nothing else');
  assert.doesNotMatch(source, /ZodError|zod/, 'no schema library in the preload');

  // A fake of electron's two preload modules: records what the preload exposes and listens to.
  const listened: string[] = [];
  const invoked: string[] = [];
  let exposed: Record<string, unknown> | null = null;
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: (_key: string, api: Record<string, unknown>) => void (exposed = api) },
    ipcRenderer: {
      invoke: async (channel: string) => void invoked.push(channel),
      on: (event: string) => void listened.push(event),
      removeListener: () => undefined,
    },
  };
  const module = { exports: {} };
  runInNewContext(source, { module, exports: module.exports, require: (name: string) => (name === 'electron' ? fakeElectron : null) });
  const api = exposed as unknown as { on(event: string, listener: () => void): () => void; plugins: { list(): Promise<unknown> } };
  for (const event of [...IPC_EVENTS, 'secret:leak', 'ipc-message', '__proto__']) api.on(event, () => undefined);
  assert.deepEqual(listened, [...IPC_EVENTS]);
  await api.plugins.list();
  assert.deepEqual(invoked, ['plugins:list']);
});

test('the derived API is typed by the table: wrong arguments do not compile', () => {
  // Never called: the type checker runs this body (npm run typecheck), the test runner only defines it.
  const typed = (api: GatehouseApi): unknown[] => [
    // @ts-expect-error a status the channel does not take
    api.plugins.setStatus('p', 'root'),
    // @ts-expect-error a verb the table does not have
    api.plugins.exec('rm -rf /'),
    // @ts-expect-error a required argument left out
    api.secrets.set('scope', 'NAME'),
    // @ts-expect-error an event outside IPC_EVENTS
    api.on('secret:leak', () => undefined),
    api.approvals.revoke('p'),
    api.approvals.revoke('p', 'key'),
    api.on('audit:appended', (record) => record.seq satisfies number),
  ];
  assert.equal(typeof typed, 'function');
});

test('a verb answers with the type of its response schema', async () => {
  const api = createGatehouseApi(
    async () => ({ ok: true, value: { paused: true } as never }),
    () => () => undefined,
  );
  const result = await api.pause.get();
  if (result.ok) assert.equal(result.value.paused satisfies boolean, true);
});
