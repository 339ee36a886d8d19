import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { runKeychainCall } from '../../../src/core/secrets/keychain-queue';

describe('keychain call queue', () => {
  it('runs one call at a time, in the order they were queued', async () => {
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const calls = [30, 5, 20, 1, 10].map((ms, index) =>
      runKeychainCall(async () => {
        running += 1;
        most = Math.max(most, running);
        await delay(ms);
        order.push(index);
        running -= 1;
        return index;
      }, 5_000),
    );
    assert.deepEqual(await Promise.all(calls), [0, 1, 2, 3, 4]);
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
    assert.equal(most, 1);
  });

  it('a failing call rejects its caller only; the next call still runs', async () => {
    const failing = runKeychainCall(() => Promise.reject(new Error('locked collection')), 5_000);
    const next = runKeychainCall(() => Promise.resolve('after'), 5_000);
    await assert.rejects(failing, /locked collection/);
    assert.equal(await next, 'after');
  });

  it('a call whose time runs out while it waits never starts', async () => {
    let started = false;
    const slow = runKeychainCall(() => delay(120).then(() => 'slow'), 5_000);
    const waiting = runKeychainCall(async () => {
      started = true;
      return 'late';
    }, 20);
    await assert.rejects(waiting, /no answer within 20 ms/);
    assert.equal(await slow, 'slow');
    await delay(10);
    assert.equal(started, false);
  });

  it('a call that hangs frees the queue when its time runs out', async (t) => {
    // The queue's timer does not hold the process open (a hung keychain must not keep the app alive); this one does.
    const hold = setInterval(() => undefined, 1_000);
    t.after(() => clearInterval(hold));
    const hung = runKeychainCall(() => new Promise<never>(() => undefined), 30);
    const next = runKeychainCall(() => Promise.resolve('served'), 5_000);
    await assert.rejects(hung, /no answer within 30 ms/);
    assert.equal(await next, 'served');
  });
});
