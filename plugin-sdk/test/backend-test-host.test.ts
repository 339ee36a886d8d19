// The backend test kit: a backend's logic tested without a process, over an in-memory channel.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestClipboardRead, storage } from '@gatehouse/plugin-sdk';
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
