import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConfirmationQueue } from '../../../src/core/confirm/confirmation-queue';
import { createInteractivePrompter } from '../../../src/core/confirm/interactive-prompter';
import type { ConfirmationRequest } from '../../../src/shared/confirmation';

function request(id: string): ConfirmationRequest {
  return {
    id,
    correlationId: `corr-${id}-0000`,
    plugin: { id: 'p', name: 'P', publisher: 'Pub', version: '1.0.0', signed: false },
    action: 'system.clipboard.read',
    scope: null,
    reason: null,
    preview: { kind: 'clipboard.read' },
    remember: null,
    requestedAt: 0,
    expiresAt: 0,
  };
}

test('prompts are shown one at a time, in order, and each id is answered once', async () => {
  const prompter = createInteractivePrompter();
  const shown: string[] = [];
  prompter.onEvent((event) => event.type === 'request' && shown.push(event.request.id));
  const queue = createConfirmationQueue(prompter, { timeoutMs: 5000, now: Date.now });
  const first = queue.ask('p', request('a'));
  const second = queue.ask('p', request('b'));
  assert.deepEqual(shown, ['a']);
  assert.equal(queue.pending().length, 2);
  assert.equal(prompter.answer('b', 'approved'), false, 'a queued prompt cannot be answered before it is shown');
  assert.equal(prompter.answer('a', 'approved'), true);
  assert.equal(prompter.answer('a', 'declined'), false, 'a one-time id is spent');
  assert.equal(await first, 'approved');
  assert.deepEqual(shown, ['a', 'b']);
  prompter.answer('b', 'declined');
  assert.equal(await second, 'declined');
  assert.equal(queue.pending().length, 0);
});

test('an unanswered prompt times out and the next one is shown', async () => {
  const prompter = createInteractivePrompter();
  const queue = createConfirmationQueue(prompter, { timeoutMs: 50, now: Date.now });
  const first = queue.ask('p', request('a'));
  const second = queue.ask('p', request('b'));
  assert.equal(await first, 'timeout');
  assert.deepEqual(prompter.openRequests(), ['b']);
  prompter.answer('b', 'approved');
  assert.equal(await second, 'approved');
});

test('the time left is counted from when the prompt is shown', async () => {
  let now = 1000;
  const prompter = createInteractivePrompter();
  const seen: ConfirmationRequest[] = [];
  prompter.onEvent((event) => event.type === 'request' && seen.push(event.request));
  const queue = createConfirmationQueue(prompter, { timeoutMs: 60_000, now: () => now });
  void queue.ask('p', request('a'));
  now = 5000;
  void queue.ask('p', request('b'));
  prompter.answer('a', 'declined');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(seen[1]?.requestedAt, 5000);
  assert.equal(seen[1]?.expiresAt, 65_000);
  queue.cancelAll();
});

test('cancelling a plugin ends its shown and queued prompts and leaves others', async () => {
  const prompter = createInteractivePrompter();
  const queue = createConfirmationQueue(prompter, { timeoutMs: 5000, now: Date.now });
  const mine = queue.ask('revoked', request('a'));
  const mineQueued = queue.ask('revoked', request('b'));
  const other = queue.ask('other', request('c'));
  assert.equal(queue.cancelForPlugin('revoked'), 2);
  assert.equal(await mine, 'cancelled');
  assert.equal(await mineQueued, 'cancelled');
  assert.deepEqual(prompter.openRequests(), ['c']);
  prompter.answer('c', 'approved');
  assert.equal(await other, 'approved');
});

test('a prompter that fails counts as declined', async () => {
  const failing = { confirm: () => Promise.reject(new Error('renderer gone')) };
  const queue = createConfirmationQueue(failing, { timeoutMs: 5000, now: Date.now });
  assert.equal(await queue.ask('p', request('a')), 'declined');
});
