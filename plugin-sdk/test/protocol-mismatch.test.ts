import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import {
  HOST_INIT_MESSAGE_TYPE,
  PRIVILEGED_ACTION_ERROR_CODES,
  connectFrameTransport,
  createClipboardReadRequest,
  requestPrivilegedAction,
  type FrameWindowLike,
} from '@gatehouse/plugin-sdk';
import { protocolMismatchMessage, readProtocolMismatch, showProtocolMismatchNotice } from '../src/transport/protocol-mismatch.js';

/** A fake window: Node has no DOM, so an EventTarget with a `parent` stands in for the plugin frame's window. */
class FakeFrameWindow extends EventTarget implements FrameWindowLike {
  readonly parent = { name: 'fake host window' };
  deliver(data: unknown, source: unknown, ports: unknown[] = []): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data, source, ports }));
  }
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

describe('protocol mismatch between host and SDK', () => {
  it('a host offering another protocol: sends fail at once with PROTOCOL_MISMATCH naming both, the port is closed unused', async () => {
    assert.ok(PRIVILEGED_ACTION_ERROR_CODES.includes('PROTOCOL_MISMATCH'));
    const win = new FakeFrameWindow();
    const seen: unknown[] = [];
    const transport = connectFrameTransport({
      window: win,
      connectTimeoutMs: 60_000,
      onProtocolMismatch: (mismatch) => seen.push(mismatch),
    });
    cleanup.push(() => transport.close());
    const channel = new MessageChannel();
    cleanup.push(() => channel.port1.close());
    let portClosed = false;
    channel.port1.on('close', () => (portClosed = true));

    // A request made before the init waits for it; the mismatch ends the wait instead of the 60 s timeout.
    const waiting = requestPrivilegedAction(createClipboardReadRequest(), { transport });
    win.deliver({ type: HOST_INIT_MESSAGE_TYPE, protocol: 2, pluginId: 'dev.example' }, win.parent, [channel.port2]);
    const response = await waiting;
    assert.equal(response.ok, false);
    if (response.ok) return;
    assert.equal(response.code, 'PROTOCOL_MISMATCH');
    assert.deepEqual(response.details, { hostProtocol: 2, sdkProtocol: 1 });
    assert.match(response.error, /Gatehouse speaks plugin protocol 2, this plugin's SDK 1: update the plugin's SDK\./);
    assert.deepEqual(seen, [{ hostProtocol: 2, sdkProtocol: 1 }]);
    assert.deepEqual(transport.protocolMismatch, { hostProtocol: 2, sdkProtocol: 1 });
    assert.equal(transport.connected, false);
    assert.equal(await transport.waitForConnection(), false);
    for (let i = 0; i < 50 && !portClosed; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(portClosed, true, 'the offered port is closed, never used');
  });

  it('only an init from the parent counts; other messages and the matching protocol are not a mismatch', () => {
    assert.equal(readProtocolMismatch({ type: HOST_INIT_MESSAGE_TYPE, protocol: 1, pluginId: 'x' }), null);
    assert.equal(readProtocolMismatch({ type: 'other', protocol: 2 }), null);
    assert.equal(readProtocolMismatch({ type: HOST_INIT_MESSAGE_TYPE, protocol: '2' }), null);
    assert.equal(readProtocolMismatch(null), null);
    const win = new FakeFrameWindow();
    const transport = connectFrameTransport({ window: win });
    cleanup.push(() => transport.close());
    const { port2 } = new MessageChannel();
    cleanup.push(() => port2.close());
    win.deliver({ type: HOST_INIT_MESSAGE_TYPE, protocol: 2, pluginId: 'x' }, { name: 'some other window' }, [port2]);
    assert.equal(transport.protocolMismatch, null, 'a stranger window cannot make the plugin give up');
  });

  it('the message says which side to update', () => {
    assert.match(protocolMismatchMessage({ hostProtocol: 1, sdkProtocol: 2 }), /: update Gatehouse\./);
    assert.match(protocolMismatchMessage({ hostProtocol: 3, sdkProtocol: 1 }), /update the plugin's SDK/);
  });

  it('the notice is a plain-text alert at the top of the page', () => {
    const made: Array<{ attrs: Record<string, string>; textContent: string | null }> = [];
    const prepended: unknown[] = [];
    // Named fake of the few DOM calls the notice makes: Node has no document.
    const doc = {
      body: { prepend: (node: unknown) => prepended.push(node) } as { prepend(node: unknown): void } | null,
      createElement: () => {
        const node = {
          attrs: {} as Record<string, string>,
          textContent: null as string | null,
          setAttribute(name: string, value: string) {
            node.attrs[name] = value;
          },
        };
        made.push(node);
        return node;
      },
    };
    showProtocolMismatchNotice(doc, { hostProtocol: 2, sdkProtocol: 1 });
    assert.equal(prepended.length, 1);
    assert.equal(made[0]?.attrs.role, 'alert');
    assert.match(String(made[0]?.textContent), /plugin protocol 2/);
    assert.equal(String(made[0]?.textContent).includes('<'), false);
    // Without a body (no page to show it on) nothing is made.
    showProtocolMismatchNotice({ ...doc, body: null }, { hostProtocol: 2, sdkProtocol: 1 });
    assert.equal(made.length, 1);
  });
});
