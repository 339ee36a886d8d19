import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCoreFixture, message } from '../../support/core-fixture';
import { assertRefused } from '../../support/assert-refused';

const CLIP = ['system.clipboard.read', 'system.clipboard.write'];

/** Waits until the host has queued `count` prompts (each is audited before it is asked). */
async function queued(f: Awaited<ReturnType<typeof createCoreFixture>>, count: number): Promise<void> {
  for (let i = 0; i < 500 && f.core.confirmations.pending().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(f.core.confirmations.pending().length, count);
}

test('pausing refuses every request, unprompted ones included, and ends the waiting prompts; resuming allows again', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }]);
  t.after(() => f.cleanup());
  // Three different requests (identical ones would merge into one prompt).
  const reads = [1, 2, 3].map((n) =>
    f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', { reason: `read ${n}` })),
  );
  await queued(f, 3);

  assert.equal(f.core.pause.set(true), true);
  const answered = await Promise.all(reads);
  assert.deepEqual(
    answered.map((r) => !r.ok && r.code),
    ['CANCELLED', 'CANCELLED', 'CANCELLED'],
  );
  assert.equal(f.core.confirmations.pending().length, 0);

  // A clipboard write needs no prompt under the default policy; paused, it is refused and the clipboard is untouched.
  const write = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.write', { text: 'while paused' }));
  assertRefused(write, 'CANCELLED');
  assert.equal(f.clipboard.current(), 'copied elsewhere');
  const read = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', {}));
  assert.equal(!read.ok && read.code, 'CANCELLED', 'no prompt is even queued while paused');
  assert.equal(f.core.confirmations.pending().length, 0);

  assert.equal(f.core.pause.set(false), false);
  const after = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.write', { text: 'resumed' }));
  assert.equal(after.ok, true);
  assert.equal(f.clipboard.current(), 'resumed');
});

test('declining all of one plugin ends its prompts and leaves another plugin waiting', async (t) => {
  const f = await createCoreFixture([
    { id: 'alpha', capabilities: CLIP },
    { id: 'beta', capabilities: CLIP },
  ]);
  t.after(() => f.cleanup());
  const mine = [1, 2].map((n) =>
    f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', { reason: `read ${n}` })),
  );
  const theirs = f.core.handlePrivilegedAction({ pluginId: 'beta' }, message('system.clipboard.read', {}));
  await queued(f, 3);
  assert.equal(f.core.confirmations.declinePlugin('alpha'), 2);
  assert.deepEqual(
    (await Promise.all(mine)).map((r) => !r.ok && r.code),
    ['CANCELLED', 'CANCELLED'],
  );
  assert.deepEqual(
    f.core.confirmations.pending().map((r) => r.plugin.id),
    ['beta'],
  );
  await f.answerNext('declined');
  assert.equal((await theirs).ok, false);
});
