import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditRecordView } from '../../src/shared/audit-types';
import { mayMatchAuditFilter, toAuditFilter, EMPTY_AUDIT_FILTER } from '../../src/renderer/lib/audit-filter';
import { parseDiffLines } from '../../src/renderer/lib/diff-lines';
import { formatBytes, formatCountdown, formatElapsed, shortDigest } from '../../src/renderer/lib/format';

test('diff lines are classified, headers are not mistaken for changes', () => {
  const kinds = parseDiffLines('--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n same\n').map((line) => line.kind);
  assert.deepEqual(kinds, ['header', 'header', 'hunk', 'remove', 'add', 'context']);
});

test('the filter form becomes a host query with empty fields left out', () => {
  assert.deepEqual(toAuditFilter(EMPTY_AUDIT_FILTER), {});
  const filter = toAuditFilter({
    ...EMPTY_AUDIT_FILTER,
    pluginId: 'p',
    decision: 'declined',
    text: '  docker  ',
    from: '2024-05-01T10:30',
  });
  assert.equal(filter.pluginId, 'p');
  assert.equal(filter.decision, 'declined');
  assert.equal(filter.text, 'docker');
  assert.equal(filter.from, new Date('2024-05-01T10:30').toISOString());
});

test('a live record is kept out only when a field the client can judge rules it out', () => {
  const record = {
    seq: 1,
    time: '2024-05-01T10:00:00.000Z',
    correlationId: 'pa-1',
    pluginId: 'p',
    action: 'system.hosts.write',
    phase: 'decided',
    decision: 'declined',
    code: 'CANCELLED',
    prevHash: '',
    hash: '',
  } satisfies AuditRecordView;
  assert.equal(mayMatchAuditFilter(record, {}), true);
  assert.equal(mayMatchAuditFilter(record, { pluginId: 'other' }), false);
  assert.equal(mayMatchAuditFilter(record, { decision: 'approved' }), false);
  assert.equal(mayMatchAuditFilter(record, { outcome: 'success' }), false);
  assert.equal(mayMatchAuditFilter(record, { text: 'anything' }), true);
  assert.equal(mayMatchAuditFilter(record, { to: '2024-04-30T00:00:00.000Z' }), false);
});

test('formatting helpers', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(8 * 1024 * 1024), '8 MB');
  assert.equal(formatCountdown(59_001), '1:00');
  assert.equal(formatCountdown(9_000), '0:09');
  assert.equal(formatElapsed(9_999), '0:09', 'elapsed time counts whole seconds, never rounds up');
  assert.equal(formatElapsed(61_000), '1:01');
  assert.equal(formatElapsed(3_723_000), '1:02:03');
  assert.equal(formatElapsed(-5_000), '0:00', 'a start in the future shows no time');
  assert.equal(shortDigest('sha256:abcdef0123456789ff'), 'abcdef012345');
});
