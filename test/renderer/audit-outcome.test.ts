import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeText } from '../../src/renderer/lib/audit-outcome';
import type { AuditRecordView } from '../../src/shared/audit-types';

const record = (fields: Partial<AuditRecordView>): AuditRecordView => ({
  seq: 1,
  time: '2026-01-01T00:00:00.000Z',
  correlationId: null,
  pluginId: 'alpha',
  action: 'system.clipboard.write',
  phase: 'denied',
  prevHash: '',
  hash: '',
  ...fields,
});

test('a record that counts repeated refusals shows its count next to the code', () => {
  assert.deepEqual(outcomeText(record({ code: 'RATE_LIMITED', summary: { repeated: 595 } })), { text: 'RATE_LIMITED ×595', tone: 'bad' });
  assert.deepEqual(outcomeText(record({ code: 'VALIDATION_FAILED', summary: { error: 'x' } })), { text: 'VALIDATION_FAILED', tone: 'bad' });
  assert.deepEqual(outcomeText(record({ phase: 'completed' })), { text: 'success', tone: 'ok' });
});
