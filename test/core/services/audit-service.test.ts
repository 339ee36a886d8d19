// The audit service alone over a real audit log: the export is offered under a sortable name of the
// host clock's time, a cancelled choice writes nothing, and verify carries what opening the log repaired.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openAuditLog } from '../../../src/core/audit';
import { auditExportName, createAuditService } from '../../../src/core/services/audit-service';

const clock = { now: () => Date.parse('2026-03-04T05:06:07.089Z') };

test('export offers a timestamped name, writes where chosen, and nothing when cancelled', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-audit-service-'));
  const log = await openAuditLog({ dir: join(dir, 'audit'), clock });
  try {
    await log.append({
      correlationId: null,
      pluginId: null,
      action: 'settings.hostsPath',
      scope: null,
      phase: 'changed',
      decision: null,
      code: null,
      reason: null,
      summary: {},
    });
    const service = createAuditService(log, clock);
    const offered: string[] = [];
    assert.equal(
      await service.export('csv', {}, async (name) => {
        offered.push(name);
        return null;
      }),
      null,
    );
    assert.deepEqual(offered, ['gatehouse-audit-2026-03-04T05-06-07-089Z.csv']);
    assert.deepEqual(await readdir(dir), ['audit'], 'a cancelled export writes no file');

    const target = join(dir, 'out.jsonl');
    const written = await service.export('jsonl', {}, async () => target);
    assert.deepEqual(written && { path: written.path, records: written.records }, { path: target, records: 1 });
    assert.equal((await readFile(target, 'utf8')).trim().split('\n').length, 1);

    const verified = await service.verify();
    assert.equal(verified.ok, true);
    assert.deepEqual(verified.startup, { repaired: false, detail: null });
  } finally {
    await log.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('export names sort by time and hold no character a file system refuses', () => {
  assert.equal(auditExportName('jsonl', new Date(0)), 'gatehouse-audit-1970-01-01T00-00-00-000Z.jsonl');
  assert.doesNotMatch(auditExportName('csv', new Date()), /[:/\\]/);
});
