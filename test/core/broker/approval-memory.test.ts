import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApprovalMemory } from '../../../src/core/confirm/approval-memory';
import { createRateLimiter } from '../../../src/core/rate-limiter';

test('a per-command approval covers exactly one key of one plugin until it expires or is revoked', () => {
  let now = 0;
  const memory = createApprovalMemory(() => now);
  memory.remember('p', 'key-1', 1000, { kind: 'clipboard.read' });
  assert.equal(memory.has('p', 'key-1'), true);
  assert.equal(memory.has('p', 'key-2'), false, 'another command is not covered');
  assert.equal(memory.has('q', 'key-1'), false, 'another plugin is not covered');
  now = 1000;
  assert.equal(memory.has('p', 'key-1'), false, 'expired');
  memory.remember('p', 'key-1', 1000, { kind: 'clipboard.read' });
  memory.remember('p', 'key-2', 1000, { kind: 'clipboard.read' });
  assert.equal(memory.revoke('p', 'key-1'), 1);
  assert.equal(memory.has('p', 'key-1'), false);
  assert.equal(memory.list().length, 1);
  assert.equal(memory.revoke('p'), 1);
  assert.equal(memory.list().length, 0);
});

test('the rate limiter allows a burst, then refills over time, per plugin', () => {
  let now = 0;
  const limiter = createRateLimiter({ burst: 3, perSecond: 2, now: () => now });
  assert.deepEqual(
    [1, 2, 3, 4].map(() => limiter.take('a')),
    [true, true, true, false],
  );
  assert.equal(limiter.take('b'), true, 'another plugin has its own bucket');
  now = 500;
  assert.equal(limiter.take('a'), true);
  assert.equal(limiter.take('a'), false);
});
