// The rate of messages between a frame and its backend, per plugin and per direction, on a test clock.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createFrameTraffic, FRAME_TRAFFIC_LIMITS } from '../../../src/core/backends/frame-traffic';

it('allows a burst by count and by size, then the rate; each plugin and direction apart', () => {
  let now = 0;
  const traffic = createFrameTraffic(() => now);
  const admitted = (count: number, chars = 1) =>
    Array.from({ length: count }, () => traffic.admit('fromFrame', 'a', chars)).filter(Boolean).length;
  assert.equal(admitted(100), FRAME_TRAFFIC_LIMITS.messages.burst);
  assert.equal(traffic.admit('toFrame', 'a', 1), true, 'the other direction has its own bucket');
  assert.equal(traffic.admit('fromFrame', 'b', 1), true, 'another plugin has its own');
  now += 1000;
  assert.equal(admitted(100), FRAME_TRAFFIC_LIMITS.messages.perSecond);
  // By size: two of the largest messages at once, then one a second.
  const largest = FRAME_TRAFFIC_LIMITS.chars.perSecond;
  assert.equal(Array.from({ length: 5 }, () => traffic.admit('toFrame', 'c', largest)).filter(Boolean).length, 2);
  now += 1000;
  assert.equal(traffic.admit('toFrame', 'c', largest), true);
  assert.equal(traffic.admit('toFrame', 'c', largest), false);
});
