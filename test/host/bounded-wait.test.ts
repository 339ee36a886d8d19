import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settleWithin } from '../../src/host/bounded-wait';

test('quitting waits for a close that finishes, failed or not', async () => {
  assert.equal(await settleWithin(Promise.resolve(), 1_000), 'settled');
  assert.equal(await settleWithin(Promise.reject(new Error('disk gone')), 1_000), 'settled');
});

test('quitting does not wait for a close that never finishes', async () => {
  assert.equal(await settleWithin(new Promise(() => undefined), 20), 'timed-out');
});
