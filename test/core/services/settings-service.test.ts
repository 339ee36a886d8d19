// The settings service alone, over a real settings file and a recording audit port: a change is recorded
// before it is made, and a change the log cannot record is not made.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Conf from 'conf';
import { createConfigAudit } from '../../../src/core/config-audit';
import type { HostAuditInput } from '../../../src/core/host-audit';
import { createSettingsService } from '../../../src/core/services/settings-service';

async function withService(
  run: (parts: {
    records: HostAuditInput[];
    failAppends: (fail: boolean) => void;
    service: ReturnType<typeof createSettingsService>['service'];
  }) => Promise<void>,
) {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-settings-'));
  const records: HostAuditInput[] = [];
  let failing = false;
  const audited = createConfigAudit({
    append: async (input) => {
      if (failing) throw new Error('disk full');
      records.push(input);
      return input as never;
    },
  });
  const settings = new Conf<Record<string, unknown>>({ cwd: dir, projectName: 'gatehouse-test' });
  const { service } = createSettingsService({ settings, audited, defaultHostsPath: '/etc/hosts', confirmationTimeoutMs: 60_000 });
  try {
    await run({ records, failAppends: (fail) => (failing = fail), service });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a hosts path change is recorded before → after, then made', () =>
  withService(async ({ records, service }) => {
    const view = await service.update({ hostsPath: '/tmp/gatehouse-hosts' });
    assert.equal(view.hostsPath, '/tmp/gatehouse-hosts');
    assert.deepEqual(
      records.map((r) => [r.action, r.phase, (r.summary as { changes: unknown }).changes]),
      [['settings.hostsPath', 'changed', [{ field: 'hostsPath', before: '/etc/hosts', after: '/tmp/gatehouse-hosts' }]]],
    );
    await service.update({ hostsPath: '/tmp/gatehouse-hosts' });
    assert.equal(records.length, 1, 'the same path again is no change and no record');
  }));

test('a relative hosts path is refused with nothing recorded or changed', () =>
  withService(async ({ records, service }) => {
    await assert.rejects(service.update({ hostsPath: 'hosts', clipboard: { readConfirmation: 'never', writeConfirmation: 'never' } }), {
      code: 'INVALID_INPUT',
    });
    assert.deepEqual(records, []);
    assert.equal(service.get().clipboard.readConfirmation, 'always', 'the valid half of the patch was not made either');
  }));

test('a change the audit log cannot record is not made', () =>
  withService(async ({ records, failAppends, service }) => {
    failAppends(true);
    await assert.rejects(service.update({ clipboard: { readConfirmation: 'never', writeConfirmation: 'always' } }), {
      code: 'AUDIT_UNAVAILABLE',
    });
    assert.equal(service.get().clipboard.readConfirmation, 'always');
    assert.deepEqual(records, []);
  }));
