// Identical requests of one plugin share one prompt: one decision, one answer each, one audit trail each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConfirmationQueue } from '../../../src/core/confirm/confirmation-queue';
import { createInteractivePrompter } from '../../../src/core/confirm/interactive-prompter';
import type { ConfirmationRequest } from '../../../src/shared/confirmation';
import { createCoreFixture, message } from '../../support/core-fixture';

const CLIP = ['system.clipboard.read'];
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await tick();
  assert.ok(check(), 'the condition never held');
}

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

test('two identical reads make one prompt marked ×2; one approval answers both, each with its own records and response', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }]);
  t.after(() => f.cleanup());
  const first = message('system.clipboard.read', { reason: 'sync' });
  const second = message('system.clipboard.read', { reason: 'sync' });
  const answers = [
    f.core.handlePrivilegedAction({ pluginId: 'alpha' }, first),
    f.core.handlePrivilegedAction({ pluginId: 'alpha' }, second),
  ];
  await until(() => f.core.confirmations.pending()[0]?.count === 2);
  assert.equal(f.core.confirmations.pending().length, 1, 'one prompt, not two');
  assert.equal(f.prompter.openRequests().length, 1);
  await f.answerNext('approved');
  const [a, b] = await Promise.all(answers);
  assert.equal(a?.ok && a.correlationId, first.correlationId);
  assert.equal(b?.ok && b.correlationId, second.correlationId);
  assert.deepEqual(f.core.confirmations.pending(), []);

  const records = (await f.core.audit.query({ pluginId: 'alpha', limit: 100 })).records;
  for (const correlationId of [first.correlationId, second.correlationId]) {
    const mine = records.filter((r) => r.correlationId === correlationId);
    assert.deepEqual(mine.map((r) => r.phase).sort(), ['completed', 'decided', 'requested'], `records of ${correlationId}`);
    assert.equal(mine.find((r) => r.phase === 'decided')?.decision, 'approved');
  }
});

test('a different reason, another plugin, or a request after the prompt ended each get their own prompt', async (t) => {
  const f = await createCoreFixture([
    { id: 'alpha', capabilities: CLIP },
    { id: 'beta', capabilities: CLIP },
  ]);
  t.after(() => f.cleanup());
  const asks = [
    f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', { reason: 'one' })),
    f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', { reason: 'two' })),
    f.core.handlePrivilegedAction({ pluginId: 'beta' }, message('system.clipboard.read', { reason: 'one' })),
  ];
  await until(() => f.core.confirmations.pending().length === 3);
  assert.ok(f.core.confirmations.pending().every((r) => r.count === undefined));
  for (let i = 0; i < 3; i++) await f.answerNext('declined');
  assert.deepEqual(
    (await Promise.all(asks)).map((r) => !r.ok && r.code),
    ['CANCELLED', 'CANCELLED', 'CANCELLED'],
  );
});

test('a declined merged prompt declines every request in it but counts once toward the decline backoff', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }]);
  t.after(() => f.cleanup());
  const asks = [1, 2, 3].map(() => f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', {})));
  await until(() => f.core.confirmations.pending()[0]?.count === 3);
  await f.answerNext('declined');
  assert.deepEqual(
    (await Promise.all(asks)).map((r) => !r.ok && r.code),
    ['CANCELLED', 'CANCELLED', 'CANCELLED'],
  );
  const decided = (await f.core.audit.query({ pluginId: 'alpha', limit: 100 })).records.filter((r) => r.phase === 'decided');
  assert.deepEqual(
    decided.map((r) => r.decision),
    ['declined', 'declined', 'declined'],
  );
  // Three declines in a row would pause the plugin; this was one decision, so it may still ask.
  const next = f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', {}));
  await f.answerNext('approved');
  assert.equal((await next).ok, true);
});

test('queue: a merged request that loses its rights leaves; the prompt stays for the other and the count drops', async () => {
  const prompter = createInteractivePrompter();
  const queue = createConfirmationQueue(prompter, { timeoutMs: 5000, now: Date.now });
  const firstRights = new AbortController();
  const first = queue.join('p', request('a'), { signal: firstRights.signal }, 'same');
  const second = queue.join('p', request('b'), {}, 'same');
  assert.equal(queue.pending().length, 1);
  assert.equal(queue.pending()[0]?.count, 2);
  firstRights.abort();
  assert.deepEqual(await first, { result: 'cancelled', merged: false });
  assert.equal(queue.pending().length, 1, 'the prompt is still shown for the request that still may act');
  assert.equal(queue.pending()[0]?.count, undefined);
  assert.equal(prompter.answer('a', 'approved'), true);
  // It is the prompt's only request now, so its answer is the one the decline backoff counts.
  assert.deepEqual(await second, { result: 'approved', merged: false });
  assert.equal(queue.pending().length, 0);
});

test('queue: without a merge key, or with another key, nothing merges', async () => {
  const prompter = createInteractivePrompter();
  const queue = createConfirmationQueue(prompter, { timeoutMs: 5000, now: Date.now });
  const asks = [
    queue.ask('p', request('a')),
    queue.ask('p', request('b')),
    queue.ask('p', request('c'), {}, 'x'),
    queue.ask('p', request('d'), {}, 'y'),
    queue.ask('q', request('e'), {}, 'x'),
  ];
  assert.equal(queue.pending().length, 5);
  queue.cancelAll();
  assert.deepEqual(await Promise.all(asks), ['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
});
