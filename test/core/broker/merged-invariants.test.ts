// Where the remember choice, the pause switch, the decline backoff, closing frames and rights meet: each
// test names the effect that must not happen and looks for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { createDeclineBackoff } from '../../../src/core/confirm/decline-backoff';
import { auditHold } from '../../support/audit-hold';
import { createCoreFixture, message } from '../../support/core-fixture';
import { saveTouchScope, TOUCH_SCOPE_CAPABILITIES } from '../../support/touch-scope';
import { assertRefused } from '../../support/assert-refused';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

async function touchyCore(t: { after(fn: () => Promise<void>): void }, options: Parameters<typeof createCoreFixture>[1] = {}) {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: TOUCH_SCOPE_CAPABILITIES }], options);
  t.after(() => f.cleanup());
  return { f, ...(await saveTouchScope(f)) };
}

test('an approval the user asked to remember ends a decline streak instead of adding to it', () => {
  const backoff = createDeclineBackoff({ now: () => 0, threshold: 2 });
  backoff.record('p', 'declined');
  backoff.record('p', 'approved-remember');
  backoff.record('p', 'declined');
  assert.equal(backoff.remainingMs('p'), 0);
  backoff.record('p', 'approved-remember');
  backoff.record('p', 'approved-remember');
  assert.equal(backoff.remainingMs('p'), 0, 'approvals never start a pause');
});

test('"remember for 10 minutes" is kept only once the decision is on record: a failed write remembers nothing', async (t) => {
  const hold = auditHold((input) => input.phase === 'decided', 'fail');
  const { f, marker, run } = await touchyCore(t, { auditGate: hold.gate });
  const first = run();
  await f.answerNext('approved-remember');
  const answer = await first;
  assertRefused(answer, 'AUDIT_UNAVAILABLE');
  assert.equal(await exists(marker), false);
  assert.deepEqual(f.core.approvals.list(), [], 'no approval without its record');
});

test('Decline all counts as the user declining: the backoff starts and the records say declined', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: ['system.clipboard.read'] }]);
  t.after(() => f.cleanup());
  // Three different requests (identical ones would merge into one prompt).
  const asks = [1, 2, 3].map((n) =>
    f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', { reason: `ask ${n}` })),
  );
  for (let i = 0; i < 200 && f.core.confirmations.pending().length < 3; i++) await tick();
  assert.equal(f.core.confirmations.declinePlugin('alpha'), 3);
  assert.deepEqual(
    (await Promise.all(asks)).map((r) => !r.ok && r.code),
    ['CANCELLED', 'CANCELLED', 'CANCELLED'],
  );
  const next = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', {}));
  assertRefused(next, 'RATE_LIMITED');
  assert.deepEqual(f.core.confirmations.pending(), [], 'no new prompt after the user declined them all');
  const decided = (await f.core.audit.query({ pluginId: 'alpha', limit: 100 })).records.filter((r) => r.phase === 'decided');
  assert.deepEqual(
    decided.map((r) => r.decision),
    ['declined', 'declined', 'declined'],
  );
});

test('enabling a blocked plugin again forgets its decline streak', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: ['system.clipboard.read'] }]);
  t.after(() => f.cleanup());
  for (let i = 0; i < 3; i++) {
    const ask = f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', {}));
    await f.answerNext('declined');
    await ask;
  }
  await f.core.plugins.setStatus('alpha', 'disabled');
  await f.core.plugins.setStatus('alpha', 'active');
  const ask = f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', {}));
  await f.answerNext('approved');
  assert.equal((await ask).ok, true);
});

test('paused: a request is refused at the door with one record, and an approved one waiting on its record never runs', async (t) => {
  const hold = auditHold((input) => input.phase === 'decided');
  const { f, marker, run } = await touchyCore(t, { auditGate: hold.gate });
  const approved = run();
  await f.answerNext('approved');
  await hold.reached;
  f.core.pause.set(true);
  hold.release();
  const answer = await approved;
  assertRefused(answer, 'CANCELLED');
  assert.equal(await exists(marker), false, 'paused before it ran: it never ran');

  const refused = await run();
  assertRefused(refused, 'CANCELLED');
  assert.equal(!refused.ok && (refused.details as { reason?: string }).reason, 'paused');
  const records = (await f.core.audit.query({ correlationId: refused.correlationId, limit: 10 })).records;
  assert.deepEqual(
    records.map((r) => r.phase),
    ['denied'],
    'refused at the door: no "requested" record, no prompt',
  );
  assert.equal(await exists(marker), false);
});

test('a closed frame stops a request the user approved while its decision was being written', async (t) => {
  const hold = auditHold((input) => input.phase === 'decided');
  const { f, marker, run } = await touchyCore(t, { auditGate: hold.gate });
  const approved = run();
  await f.answerNext('approved');
  await hold.reached;
  f.core.plugins.frameClosed('alpha');
  hold.release();
  const answer = await approved;
  assertRefused(answer, 'PLUGIN_NOT_ACTIVE');
  assert.equal(await exists(marker), false, 'the frame was gone before it ran: it never ran');
  const next = run();
  await f.answerNext('approved');
  assert.equal((await next).ok, true, 'the frame that replaces it may ask again');
  assert.equal(await exists(marker), true);
});
