// A backend runs in its own process and can only ask: storage in its own namespace, privileged actions
// through the broker with the host's identity for it, and messages with its own frame.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createBackendFixture, type BackendFixture } from './backend-fixture';

const ECHO = `
import { connectBackend } from '@gatehouse/plugin-sdk/backend';
import { storage, requestClipboardRead } from '@gatehouse/plugin-sdk';
const host = await connectBackend();
console.log('backend up as', host.pluginId);
host.onFrameMessage(async (data) => {
  if (data.op === 'storage') {
    await storage.set('seen', data.value);
    host.postToFrame({ op: 'storage', read: await storage.get('seen') });
  } else if (data.op === 'clipboard') {
    host.postToFrame({ op: 'clipboard', response: await requestClipboardRead() });
  } else {
    host.postToFrame({ echo: data });
  }
});
`;

describe('plugin backend basics', () => {
  let fx: BackendFixture;
  before(async () => {
    fx = await createBackendFixture([
      { id: 'echo', source: `(async () => {${ECHO.replace(/^import .*$/gm, '')}})()`.length ? ECHO : ECHO },
    ]);
  });
  after(async () => fx?.cleanup());

  it('starts when the plugin is active, completes the handshake and names its isolation', async () => {
    const status = await fx.waitFor('echo', ['running', 'unavailable']);
    assert.equal(status.state, 'running', JSON.stringify(status));
    assert.equal(status.isolation?.osSandbox, 'bwrap');
    assert.equal(status.isolation?.nodePermissions, true);
    assert.ok(typeof status.startupMs === 'number');
  });

  it('passes messages between the frame and the backend', async () => {
    assert.deepEqual(await fx.ask('echo', { hello: 1 }), { echo: { hello: 1 } });
    // What it writes is kept for the plugin's page.
    assert.ok(fx.core.backends.logs('echo').lines.some((line) => line.stream === 'stdout' && line.text === 'backend up as echo'));
  });

  it("keeps storage in the plugin's own namespace, as the frame sees it", async () => {
    const reply = (await fx.ask('echo', { op: 'storage', value: { n: 7 } })) as {
      read: { ok: boolean; correlationId: string; result: unknown };
    };
    assert.deepEqual(reply.read, {
      ok: true,
      correlationId: reply.read.correlationId,
      result: { key: 'seen', found: true, value: { n: 7 } },
    });
    const fromFrame = await fx.core.handlePluginStorage(
      { pluginId: 'echo' },
      { correlationId: 'st-000001', storage: { op: 'get', key: 'seen' } },
    );
    assert.deepEqual(fromFrame, { ok: true, correlationId: 'st-000001', result: { key: 'seen', found: true, value: { n: 7 } } });
  });

  it('asks through the broker with the identity of its process: an ungranted action is refused', async () => {
    const reply = (await fx.ask('echo', { op: 'clipboard' })) as { response: { ok: boolean; code?: string } };
    assert.equal(reply.response.ok, false);
    assert.equal(reply.response.code, 'CAPABILITY_DENIED');
    const records = await fx.core.audit.query({ pluginId: 'echo', action: 'system.clipboard.read' } as never);
    assert.ok(JSON.stringify(records).includes('echo'));
  });
});
