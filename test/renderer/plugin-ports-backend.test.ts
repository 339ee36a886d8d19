// The host renderer's part of backend messages: a backend's message reaches its own plugin's port only, and a
// frame's message to its backend is forwarded with the port's plugin id, never one the message names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPluginPorts, type PortHost } from '../../src/renderer/plugin-ports';
import { at, frame, tick, until } from './frame-port-fixture';

// The host edge is a recording fake: in the app it is the IPC bridge to main, which needs Electron.
function recordingHost() {
  const forwarded: Array<[string, unknown]> = [];
  const asked: unknown[] = [];
  const host: PortHost = {
    action: async (_pluginId, message) => {
      asked.push(message);
      return { ok: false, code: 'INTERNAL_ERROR', error: 'unused' };
    },
    storage: async () => ({ ok: false, code: 'INTERNAL_ERROR', error: 'unused' }),
    frameClosed: () => undefined,
    toBackend: async (pluginId, data) => {
      forwarded.push([pluginId, data]);
      return { ok: true, value: { delivered: true } };
    },
  };
  return { host, forwarded, asked };
}

test('a backend message reaches only its own plugin’s port, as { backend }', async (t) => {
  const { host } = recordingHost();
  const ports = createPluginPorts(host);
  const docker = frame();
  const other = frame();
  ports.connect('docker', docker.frameWindow, at('docker'));
  ports.connect('other', other.frameWindow, at('other'));
  t.after(() => ['docker', 'other'].forEach((id) => ports.disconnect(id)));
  docker.listen();
  other.listen();
  ports.deliverBackendMessage('docker', { count: 1 });
  ports.deliverBackendMessage('nobody', { count: 2 });
  ports.deliverBackendMessage('docker', { huge: 'x'.repeat(40 * 1024 * 1024) });
  ports.deliverBackendMessage('docker', { notPlain: new Map() });
  await until(() => docker.received.length >= 1);
  await tick();
  assert.deepEqual(docker.received, [{ backend: { count: 1 } }]);
  assert.deepEqual(other.received, []);
});

test('a frame’s message to its backend carries the port’s plugin id; a forged or oversized one goes nowhere', async (t) => {
  const { host, forwarded, asked } = recordingHost();
  const ports = createPluginPorts(host);
  const docker = frame();
  ports.connect('docker', docker.frameWindow, at('docker'));
  t.after(() => ports.disconnect('docker'));
  docker.listen();
  docker.post({ toBackend: { refresh: true }, pluginId: 'other' });
  docker.post({ toBackend: 'x'.repeat(40 * 1024 * 1024) });
  docker.post({ toBackend: { refresh: true } });
  await until(() => forwarded.length >= 1);
  await until(() => docker.received.length >= 2);
  await tick();
  assert.deepEqual(forwarded, [['docker', { refresh: true }]]);
  // The extra key makes it no backend message: it goes the action way and is refused there, never to a backend.
  assert.equal(asked.length, 1);
  // The oversized one is refused at the first hop.
  assert.ok(docker.received.some((m) => (m as { code?: string }).code === 'VALIDATION_FAILED'));
});

test('a frame flooding its backend is refused with RATE_LIMITED past 32 waiting messages, and by the host’s rate', async (t) => {
  // The host edge never answers the first messages: they stay waiting, as over a congested IPC.
  const forwarded: unknown[] = [];
  const answers: Array<(answer: Awaited<ReturnType<NonNullable<PortHost['toBackend']>>>) => void> = [];
  const host: PortHost = {
    action: async () => ({ ok: false, code: 'INTERNAL_ERROR', error: 'unused' }),
    storage: async () => ({ ok: false, code: 'INTERNAL_ERROR', error: 'unused' }),
    frameClosed: () => undefined,
    toBackend: (_pluginId, data) => {
      forwarded.push(data);
      return new Promise((resolve) => answers.push(resolve));
    },
  };
  const ports = createPluginPorts(host);
  const docker = frame();
  ports.connect('docker', docker.frameWindow, at('docker'));
  t.after(() => ports.disconnect('docker'));
  docker.listen();
  for (let i = 0; i < 100; i++) docker.post({ toBackend: { i } });
  await until(() => docker.received.length >= 68);
  await tick();
  // Only 32 ever reached the host edge; every other one was answered on the port with the stable code.
  assert.equal(forwarded.length, 32);
  assert.equal(docker.received.length, 68);
  assert.ok(docker.received.every((m) => (m as { code?: string }).code === 'RATE_LIMITED'));
  // Answers free the count; a host refusal for the plugin's rate reaches the frame with its code too.
  answers
    .splice(0)
    .forEach((answer, i) =>
      answer(
        i === 0
          ? { ok: true, value: { delivered: false, code: 'RATE_LIMITED', error: 'Too many messages.' } }
          : { ok: true, value: { delivered: true } },
      ),
    );
  await until(() => docker.received.length >= 69);
  docker.post({ toBackend: { again: true } });
  await until(() => forwarded.length >= 33);
  assert.deepEqual(forwarded.at(-1), { again: true });
});
