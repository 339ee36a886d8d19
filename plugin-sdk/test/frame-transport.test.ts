import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import {
  HOST_INIT_MESSAGE_TYPE,
  HOST_PROTOCOL_VERSION,
  applyThemeToDocument,
  connectFrameTransport,
  createClipboardReadRequest,
  createHostThemeMessage,
  readHostThemeMessage,
  type HostTheme,
  createHostInitMessage,
  hostInitMessageSchema,
  requestPrivilegedAction,
  type FrameTransport,
  type FrameWindowLike,
  type PrivilegedActionMessage,
} from '@gatehouse/plugin-sdk';
import { createHostPort, type HostPort } from './support/host-port.js';

/** A fake window: Node has no DOM, so an EventTarget with a `parent` stands in for the plugin frame's window. */
class FakeFrameWindow extends EventTarget implements FrameWindowLike {
  readonly parent: object;
  constructor(parent?: object) {
    super();
    this.parent = parent ?? { name: 'fake host window' };
  }
  /** Delivers a `message` event as the browser would, with the sender's window as `source`. */
  deliver(data: unknown, source: unknown, ports: MessagePort[] = []): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data, source, ports }));
  }
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

function setup(options: { connectTimeoutMs?: number } = {}) {
  const win = new FakeFrameWindow();
  const transport = connectFrameTransport({ window: win, ...options });
  cleanup.push(() => transport.close());
  return { win, transport };
}

function hostChannel(): { host: HostPort; framePort: MessagePort } {
  const channel = new MessageChannel();
  const host = createHostPort(channel.port1);
  cleanup.push(() => host.close());
  return { host, framePort: channel.port2 };
}

async function roundTrip(transport: FrameTransport, host: HostPort, already = 0): Promise<void> {
  const pending = requestPrivilegedAction(createClipboardReadRequest(), { transport });
  const messages = (await host.nextMessages(already + 1)) as PrivilegedActionMessage[];
  const sent = messages[already];
  host.reply({ ok: true, correlationId: sent?.correlationId, result: { text: '', length: 0 } });
  assert.equal((await pending).ok, true);
}

describe('frame transport', () => {
  it('exports one protocol for host and frame', () => {
    assert.deepEqual(createHostInitMessage('dev.example.dns'), {
      type: HOST_INIT_MESSAGE_TYPE,
      protocol: HOST_PROTOCOL_VERSION,
      pluginId: 'dev.example.dns',
    });
    assert.equal(HOST_INIT_MESSAGE_TYPE, 'gatehouse:init');
    assert.equal(HOST_PROTOCOL_VERSION, 1);
    assert.equal(hostInitMessageSchema.safeParse({ type: 'gatehouse:init', protocol: 2, pluginId: 'x' }).success, false);
  });

  it('connects on an init from the parent window and sends over the handed-over port', async () => {
    const { win, transport } = setup();
    const { host, framePort } = hostChannel();
    assert.equal(transport.connected, false);
    win.deliver(createHostInitMessage('dev.example.dns'), win.parent, [framePort]);
    assert.equal(await transport.waitForConnection(1000), true);
    assert.equal(transport.pluginId, 'dev.example.dns');
    await roundTrip(transport, host);
  });

  it('lets a request made before the init wait for it', async () => {
    const { win, transport } = setup();
    const { host, framePort } = hostChannel();
    const pending = requestPrivilegedAction(createClipboardReadRequest(), { transport });
    win.deliver(createHostInitMessage('p'), win.parent, [framePort]);
    const [sent] = (await host.nextMessages(1)) as PrivilegedActionMessage[];
    host.reply({ ok: true, correlationId: sent?.correlationId, result: { text: 'x', length: 1 } });
    assert.equal((await pending).ok, true);
  });

  it('ignores an init from any source but the parent window', async () => {
    const { win, transport } = setup({ connectTimeoutMs: 30 });
    const { framePort } = hostChannel();
    for (const source of [win, { name: 'a sibling frame' }, null, undefined])
      win.deliver(createHostInitMessage('evil'), source, [framePort]);
    assert.equal(await transport.waitForConnection(30), false);
    assert.equal(transport.pluginId, null);
  });

  it('ignores malformed inits: wrong type, protocol, extra fields, no port or two ports', async () => {
    const { win, transport } = setup();
    const { framePort } = hostChannel();
    const { port1: extra } = new MessageChannel();
    cleanup.push(() => extra.close());
    const init = createHostInitMessage('p');
    const malformed: [unknown, MessagePort[]][] = [
      [{ ...init, type: 'gatehouse:hello' }, [framePort]],
      [{ ...init, protocol: 2 }, [framePort]],
      [{ ...init, pluginId: '' }, [framePort]],
      [{ ...init, pluginId: 'a\nb' }, [framePort]],
      [{ ...init, shell: true }, [framePort]],
      ['gatehouse:init', [framePort]],
      [init, []],
      [init, [framePort, extra]],
    ];
    for (const [data, ports] of malformed) win.deliver(data, win.parent, ports);
    assert.equal(await transport.waitForConnection(30), false);
  });

  it('accepts the init only once', async () => {
    const { win, transport } = setup();
    const first = hostChannel();
    const second = hostChannel();
    win.deliver(createHostInitMessage('first'), win.parent, [first.framePort]);
    win.deliver(createHostInitMessage('second'), win.parent, [second.framePort]);
    assert.equal(transport.pluginId, 'first');
    await roundTrip(transport, first.host);
    await roundTrip(transport, first.host, 1);
    assert.equal(second.host.received.length, 0);
  });

  it('ignores inits in a top-level window, which has no host', async () => {
    const win = new FakeFrameWindow();
    Object.defineProperty(win, 'parent', { value: win });
    const transport = connectFrameTransport({ window: win, connectTimeoutMs: 30 });
    cleanup.push(() => transport.close());
    const { framePort } = hostChannel();
    win.deliver(createHostInitMessage('p'), win, [framePort]);
    assert.equal(await transport.waitForConnection(30), false);
  });

  it('resolves TRANSPORT_FAILED when no port arrives within the connect timeout', async () => {
    const { transport } = setup({ connectTimeoutMs: 30 });
    const response = await requestPrivilegedAction(createClipboardReadRequest(), { transport });
    assert.deepEqual(!response.ok && [response.code, response.details], ['TRANSPORT_FAILED', { reason: 'not-connected' }]);
    const shorter = await requestPrivilegedAction(createClipboardReadRequest(), { transport, connectTimeoutMs: 5, timeoutMs: 60_000 });
    assert.deepEqual(!shorter.ok && shorter.details, { reason: 'not-connected' });
  });

  it('resolves TRANSPORT_FAILED after close()', async () => {
    const { win, transport } = setup();
    const { host, framePort } = hostChannel();
    win.deliver(createHostInitMessage('p'), win.parent, [framePort]);
    await roundTrip(transport, host);
    transport.close();
    assert.equal(transport.connected, false);
    const response = await requestPrivilegedAction(createClipboardReadRequest(), { transport });
    assert.deepEqual(!response.ok && response.details, { reason: 'closed' });
  });

  it('follows the theme the host names on its port, and only there', async () => {
    const { win, transport } = setup();
    const { host, framePort } = hostChannel();
    const seen: HostTheme[] = [];
    const stop = transport.onThemeChange((theme) => seen.push(theme));
    // A theme posted to the window by anyone, even the parent, is not a port message and is ignored.
    win.deliver(createHostThemeMessage('dark'), win.parent);
    win.deliver(createHostInitMessage('p'), win.parent, [framePort]);
    assert.equal(await transport.waitForConnection(1000), true);
    host.reply({ type: 'gatehouse:theme', theme: 'purple' });
    host.reply({ type: 'gatehouse:theme', theme: 'dark', extra: '<script>' });
    host.reply(createHostThemeMessage('dark'));
    await waitFor(() => seen.length === 1);
    assert.deepEqual(seen, ['dark']);
    assert.equal(transport.theme, 'dark');
    // A late subscriber hears the current theme at once.
    const late: HostTheme[] = [];
    transport.onThemeChange((theme) => late.push(theme));
    assert.deepEqual(late, ['dark']);
    stop();
    host.reply(createHostThemeMessage('light'));
    await waitFor(() => late.length === 2);
    assert.deepEqual(seen, ['dark']);
    assert.deepEqual(late, ['dark', 'light']);
    // Requests still work on the same port.
    await roundTrip(transport, host);
  });

  it('builds and reads only the two theme names, and applies them to a document root', () => {
    assert.deepEqual(createHostThemeMessage('light'), { type: 'gatehouse:theme', theme: 'light' });
    assert.throws(() => createHostThemeMessage('blue' as HostTheme));
    assert.equal(readHostThemeMessage({ type: 'gatehouse:theme', theme: 'dark' }), 'dark');
    assert.equal(readHostThemeMessage({ type: 'gatehouse:theme', theme: 'dark', more: 1 }), null);
    assert.equal(readHostThemeMessage('dark'), null);
    const doc = { documentElement: { dataset: {} as Record<string, string | undefined>, style: { colorScheme: '' } } };
    applyThemeToDocument('dark', doc);
    assert.deepEqual([doc.documentElement.dataset.theme, doc.documentElement.style.colorScheme], ['dark', 'dark']);
    applyThemeToDocument('url(x)' as HostTheme, doc);
    assert.equal(doc.documentElement.dataset.theme, 'dark');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 1000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
