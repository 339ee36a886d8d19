import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PrivilegedActionValidationError, correlationIdSchema, createPrivilegedActionCorrelationId } from '@gatehouse/plugin-sdk';

describe('createPrivilegedActionCorrelationId', () => {
  it('gives 100000 distinct ids in a tight loop, all matching correlationIdSchema', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 100_000; i++) ids.add(createPrivilegedActionCorrelationId());
    assert.equal(ids.size, 100_000);
    for (const id of ids) assert.ok(correlationIdSchema.safeParse(id).success, id);
  });

  it('starts with the prefix', () => {
    assert.match(createPrivilegedActionCorrelationId(), /^pa-[0-9a-z]+-[0-9a-z]+-[0-9a-f]{16}$/);
    assert.match(createPrivilegedActionCorrelationId('dns.plugin'), /^dns\.plugin-/);
    assert.ok(correlationIdSchema.safeParse(createPrivilegedActionCorrelationId('x'.repeat(32))).success);
  });

  it('refuses prefixes that would break the id format', () => {
    for (const prefix of ['', 'a b', 'a/b', 'x'.repeat(33), 7 as never]) {
      assert.throws(() => createPrivilegedActionCorrelationId(prefix), PrivilegedActionValidationError, String(prefix));
    }
  });
});
