// Unit tests on the SDK's fake host: it answers as Gatehouse would, and performs nothing.
import assert from 'node:assert/strict';
import { after, afterEach, it } from 'node:test';
import { createFakeHost } from '@gatehouse/plugin-sdk/testing';
import { copyText } from '../src/copy-text.js';

const host = createFakeHost({ grants: ['system.clipboard.write'] });
afterEach(() => host.reset());
after(() => host.dispose());

it('copies the text when the host approves', async () => {
  host.on('system.clipboard.write').approve();
  assert.deepEqual(await copyText('hello'), { ok: true, message: 'Copied 5 characters.' });
  assert.deepEqual(host.received[0]?.request, { action: 'system.clipboard.write', payload: { text: 'hello', reason: 'Copy the text you typed' } });
});

it('says so when the user declines', async () => {
  host.on('system.clipboard.write').decline();
  assert.deepEqual(await copyText('hello'), { ok: false, message: 'Not copied: you declined.' });
});

it('shows the error code of any other failure', async () => {
  host.on('system.clipboard.write').fail('CLIPBOARD_WRITE_FAILED', 'The clipboard is busy.');
  const outcome = await copyText('hello');
  assert.equal(outcome.ok, false);
  assert.match(outcome.message, /^Copy failed \(CLIPBOARD_WRITE_FAILED\): The clipboard is busy\./);
});

it('asks nothing for empty text', async () => {
  assert.deepEqual(await copyText('  '), { ok: false, message: 'Type something to copy first.' });
  assert.equal(host.received.length, 0);
});
