import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createInstallTickets } from '../../src/host/install-tickets';
import type { PluginInspection } from '../../src/shared/plugin-inspection';

const inspection: PluginInspection = {
  ok: true,
  reason: null,
  detail: null,
  file: null,
  manifest: null,
  signed: false,
  publisher: null,
  update: null,
};

test('a ticket is an opaque token that hands out its folder once', () => {
  const tickets = createInstallTickets();
  const token = tickets.issue({ path: '/tmp/plugin', inspection });
  assert.match(token, /^[A-Za-z0-9_-]{32}$/);
  assert.doesNotMatch(token, /plugin/);
  assert.deepEqual(tickets.take(token), { path: '/tmp/plugin', inspection });
  assert.equal(tickets.take(token), null, 'a second use finds nothing');
  assert.equal(tickets.take('x'.repeat(32)), null);
});

test('tickets expire, can be discarded, and the oldest goes when too many are open', () => {
  let now = 1_000;
  const tickets = createInstallTickets({ ttlMs: 100, max: 2, now: () => now });
  const expiring = tickets.issue({ path: '/a', inspection });
  now += 100;
  assert.equal(tickets.take(expiring), null);

  const discarded = tickets.issue({ path: '/b', inspection });
  assert.equal(tickets.discard(discarded), true);
  assert.equal(tickets.discard(discarded), false);
  assert.equal(tickets.take(discarded), null);

  const first = tickets.issue({ path: '/c', inspection });
  const second = tickets.issue({ path: '/d', inspection });
  const third = tickets.issue({ path: '/e', inspection });
  assert.equal(tickets.take(first), null, 'dropped to stay within the cap');
  assert.equal(tickets.take(second)?.path, '/d');
  assert.equal(tickets.take(third)?.path, '/e');
});
