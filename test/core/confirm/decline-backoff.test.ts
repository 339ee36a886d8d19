import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDeclineBackoff } from '../../../src/core/confirm/decline-backoff';
import { createCoreFixture, message } from '../../support/core-fixture';

/** Counts clipboard reads: the effect a withdrawn or refused request must not have. */
function countingClipboard() {
  const counts = { reads: 0 };
  return { counts, port: { readText: () => (counts.reads++, 'copied elsewhere'), writeText: () => undefined } };
}

test('three declines in a row pause prompting; each further decline doubles the pause; an approval forgives', () => {
  let now = 0;
  const backoff = createDeclineBackoff({ now: () => now, threshold: 3, windowMs: 60_000, pauseMs: 10_000, maxPauseMs: 35_000 });
  backoff.record('p', 'declined');
  backoff.record('p', 'timeout');
  assert.equal(backoff.remainingMs('p'), 0);
  backoff.record('p', 'declined');
  assert.equal(backoff.remainingMs('p'), 10_000);
  assert.equal(backoff.remainingMs('other'), 0, 'one plugin is paused, not every plugin');
  now = 10_000;
  assert.equal(backoff.remainingMs('p'), 0);
  backoff.record('p', 'declined');
  assert.equal(backoff.remainingMs('p'), 20_000, 'asking again right after the pause still counts in a row');
  now = 30_000;
  backoff.record('p', 'declined');
  assert.equal(backoff.remainingMs('p'), 35_000, 'capped');
  backoff.record('p', 'cancelled');
  assert.equal(backoff.remainingMs('p'), 35_000, 'a withdrawn prompt changes nothing');
  backoff.record('p', 'approved');
  assert.equal(backoff.remainingMs('p'), 0);
});

test('declines far apart are not a streak', () => {
  let now = 0;
  const backoff = createDeclineBackoff({ now: () => now, threshold: 2, windowMs: 1000 });
  backoff.record('p', 'declined');
  now = 5000;
  backoff.record('p', 'declined');
  assert.equal(backoff.remainingMs('p'), 0);
});

test('the host stops prompting for a plugin the user keeps declining and answers RATE_LIMITED, audited', async () => {
  const clipboard = countingClipboard();
  const fixture = await createCoreFixture([{ id: 'nagger', capabilities: ['system.clipboard.read'] }], { clipboard: clipboard.port });
  try {
    const shown: string[] = [];
    fixture.prompter.onEvent((event) => event.type === 'request' && shown.push(event.request.id));
    for (let i = 0; i < 3; i++) {
      const answer = fixture.core.handlePrivilegedAction({ pluginId: 'nagger' }, message('system.clipboard.read', {}));
      await fixture.answerNext('declined');
      assert.equal((await answer).ok, false);
    }
    assert.equal(shown.length, 3);
    const paused = await fixture.core.handlePrivilegedAction({ pluginId: 'nagger' }, message('system.clipboard.read', {}));
    assert.equal(paused.ok, false);
    assert.equal(paused.ok ? null : paused.code, 'RATE_LIMITED');
    assert.equal(paused.ok ? null : (paused.details as { reason?: string }).reason, 'declined-repeatedly');
    assert.equal(shown.length, 3, 'no fourth prompt was shown');
    assert.deepEqual(fixture.core.confirmations.pending(), []);
    assert.equal(clipboard.counts.reads, 0, 'the clipboard was never read');
    const records = await fixture.core.audit.query({ pluginId: 'nagger' });
    const denied = records.records.filter((record) => record.phase === 'denied');
    assert.deepEqual(
      denied.map((record) => record.code),
      ['RATE_LIMITED'],
    );
  } finally {
    await fixture.cleanup();
  }
});

test("a closed frame withdraws its plugin's waiting prompts; a withdrawn prompt never runs", async () => {
  const clipboard = countingClipboard();
  const fixture = await createCoreFixture([{ id: 'reloader', capabilities: ['system.clipboard.read'] }], { clipboard: clipboard.port });
  try {
    // Three different requests (identical ones would merge into one prompt).
    const answers = [0, 1, 2].map((n) =>
      fixture.core.handlePrivilegedAction({ pluginId: 'reloader' }, message('system.clipboard.read', { reason: `read ${n}` })),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(fixture.core.confirmations.pending().length, 3);
    assert.equal(fixture.core.plugins.frameClosed('reloader'), 3);
    const settled = await Promise.all(answers);
    // The frame is gone, so each request is withdrawn (its record says "plugin frame closed while waiting").
    assert.deepEqual(
      settled.map((a) => (a.ok ? 'ok' : a.code)),
      ['PLUGIN_NOT_ACTIVE', 'PLUGIN_NOT_ACTIVE', 'PLUGIN_NOT_ACTIVE'],
    );
    assert.deepEqual(fixture.core.confirmations.pending(), []);
    assert.equal(clipboard.counts.reads, 0);
    // Withdrawn prompts are not the user's refusals: the plugin may still ask.
    const next = fixture.core.handlePrivilegedAction({ pluginId: 'reloader' }, message('system.clipboard.read', {}));
    await fixture.answerNext('approved');
    assert.equal((await next).ok, true);
    assert.equal(clipboard.counts.reads, 1);
  } finally {
    await fixture.cleanup();
  }
});
