import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PrivilegedActionResponse } from '@gatehouse/plugin-sdk';
import type { IpcResult } from '../../src/shared/ipc-result';
import { createPluginPorts, type FrameWindow, type HostPort, type PortHost } from '../../src/renderer/plugin-ports';
import { assertRefused } from '../support/assert-refused';

/** The frame's end of the channel: a MessagePort, typed by the part the tests use. */
type MessagePort = HostPort;

// The host edge here is a recording fake: in the app it is the IPC bridge to main, which needs Electron.
function recordingHost(answer?: (pluginId: string, message: unknown) => Promise<IpcResult<PrivilegedActionResponse>>) {
  const calls: Array<{ verb: 'action' | 'storage'; pluginId: string; message: unknown }> = [];
  const closed: string[] = [];
  const reply =
    answer ??
    (async (pluginId: string, message: unknown) => ({
      ok: true as const,
      value: { ok: true as const, correlationId: (message as { correlationId: string }).correlationId, result: { servedFor: pluginId } },
    }));
  const host: PortHost = {
    action: (pluginId, message) => {
      calls.push({ verb: 'action', pluginId, message });
      return reply(pluginId, message);
    },
    storage: (pluginId, message) => {
      calls.push({ verb: 'storage', pluginId, message });
      return reply(pluginId, message);
    },
    frameClosed: (pluginId) => void closed.push(pluginId),
  };
  return { host, calls, closed };
}

/** A stand-in for an iframe's contentWindow that keeps what the host posted to it. */
function frameWindow() {
  const posts: Array<{ message: unknown; targetOrigin: string; ports: MessagePort[] }> = [];
  const frame: FrameWindow = {
    postMessage(message, targetOrigin, transfer) {
      posts.push({ message, targetOrigin, ports: transfer as MessagePort[] });
    },
  };
  return { frame, posts, port: () => posts.at(-1)?.ports[0] as MessagePort };
}

// Generous: cloning a 2M-item message takes seconds on a loaded machine; the wait bounds a hang, not speed.
function nextMessage(port: MessagePort, timeoutMs = 15_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message')), timeoutMs);
    port.onmessage = (event: { data: unknown }) => {
      clearTimeout(timer);
      resolve(event.data);
    };
  });
}

function noMessage(port: MessagePort, waitMs = 150): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(true), waitMs);
    port.onmessage = () => {
      clearTimeout(timer);
      resolve(false);
    };
  });
}

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const request = { action: 'system.clipboard.write', payload: { text: 'hi' } };

/** Where the host says a plugin's frame loads from, in the app's form. */
const at = (pluginId: string) => ({ url: `gatehouse-plugin://${pluginId}/index.html`, origin: `gatehouse-plugin://${pluginId}` });

test('connect posts the init message with one transferred port to any origin (the frame origin is opaque)', (t) => {
  const { host } = recordingHost();
  const ports = createPluginPorts(host);
  const { frame, posts } = frameWindow();
  ports.connect('local-dns', frame, at('local-dns'));
  t.after(() => ports.disconnect('local-dns'));
  assert.equal(posts.length, 1);
  assert.deepEqual(posts[0]?.message, { type: 'gatehouse:init', protocol: 1, pluginId: 'local-dns' });
  assert.equal(posts[0]?.targetOrigin, '*');
  assert.equal(posts[0]?.ports.length, 1);
  assert.deepEqual(ports.connected(), ['local-dns']);
});

test('a message is tagged with the plugin of its port, never with a pluginId it carries', async (t) => {
  const { host, calls } = recordingHost();
  const ports = createPluginPorts(host);
  const dns = frameWindow();
  const docker = frameWindow();
  ports.connect('local-dns', dns.frame, at('local-dns'));
  ports.connect('docker-panel', docker.frame, at('docker-panel'));
  t.after(() => {
    ports.disconnect('local-dns');
    ports.disconnect('docker-panel');
  });

  const answer = nextMessage(docker.port());
  docker.port().postMessage({ correlationId: 'pa-forged-1', request, pluginId: 'local-dns' });
  assert.deepEqual(await answer, { ok: true, correlationId: 'pa-forged-1', result: { servedFor: 'docker-panel' } });
  assert.equal(calls.length, 1);
  assert.equal(calls[0]?.pluginId, 'docker-panel');
  assert.equal(calls[0]?.verb, 'action');
});

test('storage messages go to the storage verb, everything else to actions', async (t) => {
  const { host, calls } = recordingHost();
  const ports = createPluginPorts(host);
  const { frame, port } = frameWindow();
  ports.connect('notes', frame, at('notes'));
  t.after(() => ports.disconnect('notes'));

  let answer = nextMessage(port());
  port().postMessage({ correlationId: 'st-00000001', storage: { op: 'get', key: 'theme' } });
  await answer;
  answer = nextMessage(port());
  port().postMessage({ correlationId: 'pa-00000002', request });
  await answer;
  assert.deepEqual(
    calls.map((call) => call.verb),
    ['storage', 'action'],
  );
});

test('an IPC failure becomes a TRANSPORT_FAILED envelope with the message correlation id', async (t) => {
  const { host } = recordingHost(async () => ({ ok: false, code: 'INTERNAL_ERROR', error: 'main went away' }));
  const ports = createPluginPorts(host);
  const { frame, port } = frameWindow();
  ports.connect('p', frame, at('p'));
  t.after(() => ports.disconnect('p'));

  let answer = nextMessage(port());
  port().postMessage({ correlationId: 'pa-12345678', request });
  const envelope = (await answer) as PrivilegedActionResponse;
  assert.equal(envelope.ok, false);
  assert.equal(envelope.correlationId, 'pa-12345678');
  assertRefused(envelope, 'TRANSPORT_FAILED');
  assert.match(!envelope.ok ? envelope.error : '', /main went away/);

  answer = nextMessage(port());
  port().postMessage({ correlationId: 'bad id!', request });
  assert.equal(((await answer) as PrivilegedActionResponse).correlationId, 'unknown');
});

test('a host call that throws is answered, not left hanging', async (t) => {
  const { host } = recordingHost(async () => {
    throw new Error('bridge closed');
  });
  const ports = createPluginPorts(host);
  const { frame, port } = frameWindow();
  ports.connect('p', frame, at('p'));
  t.after(() => ports.disconnect('p'));
  const answer = nextMessage(port());
  port().postMessage({ correlationId: 'pa-abcdefgh', request });
  const envelope = (await answer) as PrivilegedActionResponse;
  assertRefused(envelope, 'TRANSPORT_FAILED');
});

test('a frame that loads again gets a fresh port; the old one is closed and its answers dropped', async (t) => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const { host, calls } = recordingHost(async (_pluginId, message) => {
    await gate;
    return { ok: true, value: { ok: true, correlationId: (message as { correlationId: string }).correlationId, result: null } };
  });
  const ports = createPluginPorts(host);
  const { frame, posts } = frameWindow();
  const first = ports.connect('p', frame, at('p')) as HostPort;
  t.after(() => ports.disconnect('p'));
  const oldFramePort = posts[0]?.ports[0] as MessagePort;

  oldFramePort.postMessage({ correlationId: 'pa-before-reload', request });
  await until(() => calls.length === 1);

  const second = ports.connect('p', frame, at('p')) as HostPort;
  assert.notEqual(first, second);
  assert.equal(ports.pluginIdOf(first), null);
  assert.equal(ports.pluginIdOf(second), 'p');
  const silence = noMessage(oldFramePort);
  release();
  assert.equal(await silence, true, 'the answer to the old document must not arrive');

  oldFramePort.postMessage({ correlationId: 'pa-after-reload', request });
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(calls.length, 1, 'the old port no longer reaches the host');

  const newFramePort = posts[1]?.ports[0] as MessagePort;
  const answer = nextMessage(newFramePort);
  newFramePort.postMessage({ correlationId: 'pa-new-document', request });
  assert.equal(((await answer) as PrivilegedActionResponse).correlationId, 'pa-new-document');
});

test('too many waiting requests from one plugin are refused with RATE_LIMITED', async (t) => {
  const { host, calls } = recordingHost(() => new Promise(() => undefined));
  const ports = createPluginPorts(host, { maxInFlight: 2 });
  const { frame, port } = frameWindow();
  ports.connect('p', frame, at('p'));
  t.after(() => ports.disconnect('p'));
  const answer = nextMessage(port());
  for (const id of ['pa-00000001', 'pa-00000002', 'pa-00000003']) port().postMessage({ correlationId: id, request });
  const envelope = (await answer) as PrivilegedActionResponse;
  assertRefused(envelope, 'RATE_LIMITED');
  assert.equal(envelope.correlationId, 'pa-00000003');
  assert.equal(calls.length, 2);
});

test('disconnect forgets the plugin', () => {
  const { host } = recordingHost();
  const ports = createPluginPorts(host);
  const port = ports.connect('p', frameWindow().frame, at('p')) as HostPort;
  ports.disconnect('p');
  assert.equal(ports.pluginIdOf(port), null);
  assert.deepEqual(ports.connected(), []);
});

test('the in-flight limit belongs to the plugin: a reload does not reset it, and the old document is withdrawn', async (t) => {
  const { host, calls, closed } = recordingHost(() => new Promise(() => undefined));
  const ports = createPluginPorts(host, { maxInFlight: 2 });
  const { frame, posts } = frameWindow();
  ports.connect('p', frame, at('p'));
  t.after(() => ports.disconnect('p'));
  const first = posts[0]?.ports[0] as MessagePort;
  first.postMessage({ correlationId: 'pa-00000001', request });
  first.postMessage({ correlationId: 'pa-00000002', request });
  await until(() => calls.length === 2);

  ports.connect('p', frame, at('p'));
  assert.deepEqual(closed, ['p'], "the reload withdrew the old document's prompts");
  const second = posts[1]?.ports[0] as MessagePort;
  const answer = nextMessage(second);
  second.postMessage({ correlationId: 'pa-00000003', request });
  const envelope = (await answer) as PrivilegedActionResponse;
  assertRefused(envelope, 'RATE_LIMITED');
  assert.equal(calls.length, 2, 'the new document could not add a third request');
});

test('an oversized or non-plain message is refused at the first hop and never reaches the host', async (t) => {
  const { host, calls } = recordingHost();
  const ports = createPluginPorts(host);
  const { frame, port } = frameWindow();
  ports.connect('p', frame, at('p'));
  t.after(() => ports.disconnect('p'));
  const huge = {
    correlationId: 'pa-huge-0001',
    request: { action: 'system.clipboard.write', payload: { text: 'x', items: new Array(2_000_000).fill(0) } },
  };
  for (const [id, message] of [
    ['pa-huge-0001', huge],
    ['pa-deep-0001', { correlationId: 'pa-deep-0001', request: JSON.parse('['.repeat(40) + ']'.repeat(40)) as unknown }],
    ['pa-date-0001', { correlationId: 'pa-date-0001', request: { action: 'system.clipboard.write', payload: { text: new Date(0) } } }],
  ] as const) {
    const answer = nextMessage(port());
    port().postMessage(message);
    const envelope = (await answer) as PrivilegedActionResponse;
    assert.equal(!envelope.ok && envelope.code, 'VALIDATION_FAILED', id);
    assert.equal(envelope.correlationId, id);
  }
  assert.equal(calls.length, 0);
});

test("a frame whose location is not its plugin's gets no port", () => {
  const { host } = recordingHost();
  const ports = createPluginPorts(host);
  for (const location of [
    at('other'),
    { url: 'gatehouse-plugin://p/index.html', origin: 'gatehouse-plugin://other' },
    { url: 'https://p/index.html', origin: 'https://p' },
    { url: 'http://other.localhost:4000/index.html', origin: 'http://other.localhost:4000' },
  ]) {
    const { frame, posts } = frameWindow();
    assert.equal(ports.connect('p', frame, location), null, location.url);
    assert.equal(posts.length, 0);
  }
  const { frame, posts } = frameWindow();
  assert.notEqual(ports.connect('p', frame, { url: 'http://p.localhost:4000/index.html', origin: 'http://p.localhost:4000' }), null);
  assert.equal(posts.length, 1);
  ports.disconnect('p');
});

test('the app theme goes to every port, and to a new port right after its init; nothing else crosses', async (t) => {
  const { host } = recordingHost();
  const ports = createPluginPorts(host);
  const dns = frameWindow();
  ports.connect('local-dns', dns.frame, at('local-dns'));
  t.after(() => {
    ports.disconnect('local-dns');
    ports.disconnect('docker-panel');
  });
  const dnsPort = dns.port();
  const first = nextMessage(dnsPort);
  ports.setTheme('dark');
  assert.deepEqual(await first, { type: 'gatehouse:theme', theme: 'dark' });

  // A frame connected later gets the current theme without waiting for a change.
  const docker = frameWindow();
  ports.connect('docker-panel', docker.frame, at('docker-panel'));
  assert.deepEqual(await nextMessage(docker.port()), { type: 'gatehouse:theme', theme: 'dark' });

  // Only a known theme name is ever posted.
  assert.throws(() => ports.setTheme('<b>' as 'dark'));
  assert.equal(await noMessage(dnsPort), true);
});
