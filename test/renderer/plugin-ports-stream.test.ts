// The host renderer's part of streaming: events to the named plugin's port only, the final envelope after the
// stream's end, and a port's cancel and acks forwarded only when they validate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PrivilegedActionResponse } from '@gatehouse/plugin-sdk';
import type { IpcResult } from '../../src/shared/ipc-result';
import { createPluginPorts, type PortHost } from '../../src/renderer/plugin-ports';
import { at, frame, tick, until } from './frame-port-fixture';

// The host edge is a recording fake: in the app it is the IPC bridge to main, which needs Electron.
function streamingHost() {
  const controls: Array<[string, string, string, number?]> = [];
  let answer: ((response: IpcResult<PrivilegedActionResponse>) => void) | null = null;
  const host: PortHost = {
    action: () => new Promise((resolve) => (answer = resolve)),
    storage: async () => ({ ok: false, code: 'INTERNAL_ERROR', error: 'unused' }),
    frameClosed: () => undefined,
    cancel: (pluginId, correlationId) => void controls.push(['cancel', pluginId, correlationId]),
    ack: (pluginId, correlationId, seq) => void controls.push(['ack', pluginId, correlationId, seq]),
  };
  return { host, controls, asked: () => answer !== null, answer: (response: IpcResult<PrivilegedActionResponse>) => answer?.(response) };
}

const streamed = (correlationId: string) => ({
  correlationId,
  request: { action: 'system.process.exec', payload: { scope: 'docker', command: '/usr/bin/docker', args: ['logs'], stream: true } },
});

test('events reach only the named plugin’s port, and the envelope waits for the stream’s end', async (t) => {
  const { host, answer, controls, asked } = streamingHost();
  const ports = createPluginPorts(host);
  const docker = frame();
  const other = frame();
  ports.connect('docker', docker.frameWindow, at('docker'));
  ports.connect('other', other.frameWindow, at('other'));
  t.after(() => ['docker', 'other'].forEach((id) => ports.disconnect(id)));
  docker.listen();
  other.listen();
  docker.post(streamed('pa-logs-0001'));
  await until(asked);
  const output = { type: 'output', seq: 1, stream: 'stdout', data: 'hello\n' } as const;
  ports.deliverEvent({ pluginId: 'docker', correlationId: 'pa-logs-0001', event: output });
  ports.deliverEvent({ pluginId: 'other', correlationId: 'pa-logs-0001', event: output });
  ports.deliverEvent({ pluginId: 'docker', correlationId: 'pa-unknown-01', event: output });
  ports.deliverEvent({ pluginId: 'docker', correlationId: 'pa-logs-0001', event: { type: 'output', seq: 2, stream: 'stdin' } as never });
  // The answer comes back before the end: it must wait.
  answer({ ok: true, value: { ok: true, correlationId: 'pa-logs-0001', result: { done: true } } });
  await until(() => docker.received.length > 0);
  await tick();
  assert.deepEqual(docker.received, [{ correlationId: 'pa-logs-0001', event: output }]);
  assert.deepEqual(other.received, [], 'another plugin gets nothing, even for the same correlation id');
  ports.deliverEvent({ pluginId: 'docker', correlationId: 'pa-logs-0001', event: { type: 'end', seq: 2 } });
  await until(() => docker.received.length > 1);
  assert.deepEqual(docker.received.slice(1), [{ ok: true, correlationId: 'pa-logs-0001', result: { done: true } }], 'end is not posted');

  docker.post({ correlationId: 'pa-logs-0001', ack: 1 });
  docker.post({ correlationId: 'pa-logs-0002', cancel: true });
  docker.post({ correlationId: 'pa-logs-0002', cancel: 'yes' });
  docker.post({ correlationId: 'pa-logs-0002', cancel: true, pluginId: 'other' });
  await until(() => controls.length > 0);
  await tick();
  assert.deepEqual(controls, [['cancel', 'docker', 'pa-logs-0002']], 'the ack of a finished stream and the invalid cancels go nowhere');
  assert.equal(docker.received.length, 2, 'a cancel or ack is never answered with an envelope');
});

test('an ack of a waiting stream is forwarded for the port’s plugin; the envelope is posted after a bounded wait without end', async (t) => {
  const { host, answer, controls, asked } = streamingHost();
  const ports = createPluginPorts(host, { endWaitMs: 100 });
  const docker = frame();
  ports.connect('docker', docker.frameWindow, at('docker'));
  t.after(() => ports.disconnect('docker'));
  docker.listen();
  docker.post(streamed('pa-logs-0003'));
  await until(asked);
  docker.post({ correlationId: 'pa-logs-0003', ack: 4 });
  await until(() => controls.length > 0);
  assert.deepEqual(controls, [['ack', 'docker', 'pa-logs-0003', 4]]);
  answer({ ok: true, value: { ok: true, correlationId: 'pa-logs-0003', result: {} } });
  await tick();
  assert.equal(docker.received.length, 0, 'still waiting for end');
  await until(() => docker.received.length > 0);
  assert.equal(docker.received.length, 1, 'posted once the wait ran out');
});
