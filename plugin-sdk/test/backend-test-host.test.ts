// The backend test kit: a backend's logic tested without a process, over an in-memory channel.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestClipboardRead, requestScopedProcessExec, storage } from '@gatehouse/plugin-sdk';
import { connectBackend, createBackendTestHost } from '@gatehouse/plugin-sdk/backend';

describe('createBackendTestHost', () => {
  it('connects a backend, answers its requests and carries page messages both ways', async () => {
    const host = createBackendTestHost({
      pluginId: 'kit',
      respond: (message) => ({ ok: true, correlationId: message.correlationId, result: { text: 'from the test' } }),
    });
    const backend = await connectBackend({ channel: host.channel });
    try {
      assert.equal(backend.pluginId, 'kit');
      backend.onFrameMessage(async () => {
        const response = await requestClipboardRead();
        backend.postToFrame(response.ok ? response.result : response.code);
      });
      host.sendFromFrame('go');
      assert.deepEqual(await host.nextFrameMessage(), { text: 'from the test' });
      assert.equal(host.requests.length, 1);
      assert.deepEqual((host.requests[0] as { request: { action: string } }).request.action, 'system.clipboard.read');
    } finally {
      backend.close();
      host.close();
    }
  });

  it("streams a request's events to its callbacks, acknowledges each, and passes a cancel on", async () => {
    let cancelled: AbortSignal | null = null;
    const host = createBackendTestHost({
      respond: async (message, request) => {
        request.emit({ type: 'started', startedAt: 1, command: '/usr/bin/docker', args: ['events'] });
        request.emit({ type: 'output', stream: 'stdout', data: 'one\n' });
        request.emit({ type: 'output', stream: 'stdout', data: 'two\n' });
        cancelled = request.signal;
        await new Promise((resolve) => request.signal.addEventListener('abort', resolve, { once: true }));
        return { ok: false, correlationId: message.correlationId, code: 'CANCELLED', error: 'stopped', details: { stoppedBy: 'plugin' } };
      },
    });
    const backend = await connectBackend({ channel: host.channel });
    try {
      const controller = new AbortController();
      const seen: string[] = [];
      const answered = requestScopedProcessExec(
        'docker-cli',
        { command: '/usr/bin/docker', args: ['events'] },
        {
          signal: controller.signal,
          // Without the events nothing aborts it: fail in seconds, not at the default two minutes.
          timeoutMs: 5000,
          onOutput: (data) => {
            seen.push(data);
            if (seen.length === 2) controller.abort();
          },
        },
      );
      const response = await answered;
      assert.deepEqual(seen, ['one\n', 'two\n']);
      assert.equal(response.ok, false);
      assert.equal(!response.ok && response.details?.reason, 'aborted');
      assert.equal((host.requests[0] as { request: { payload: { stream?: boolean } } }).request.payload.stream, true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal((cancelled as AbortSignal | null)?.aborted, true, 'the host was told to stop');
      assert.deepEqual(
        host.acks.map((ack) => ack.ack),
        [0, 1, 2],
      );
    } finally {
      backend.close();
      host.close();
    }
  });

  it('drops a message for the page once the channel is gone, as for a closed page', async () => {
    // A timer in the backend may fire after close() or after the host went away: that must not end the process.
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const closedHere = createBackendTestHost();
      const backend = await connectBackend({ channel: closedHere.channel });
      backend.close();
      assert.doesNotThrow(() => backend.postToFrame({ late: true }));
      closedHere.close();

      const hostGone = createBackendTestHost();
      const orphan = await connectBackend({ channel: hostGone.channel });
      hostGone.close();
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.doesNotThrow(() => orphan.postToFrame({ late: true }));
      await new Promise((resolve) => setTimeout(resolve, 20));
      orphan.close();
      assert.deepEqual(rejections, []);
      assert.deepEqual(hostGone.sentToFrame, []);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('refuses by default, like a host that granted nothing', async () => {
    const host = createBackendTestHost();
    const backend = await connectBackend({ channel: host.channel });
    try {
      const response = await storage.get('anything');
      assert.equal(response.ok, false);
      assert.equal(!response.ok && response.code, 'CAPABILITY_DENIED');
    } finally {
      backend.close();
      host.close();
    }
  });
});
