import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditLog, type AuditLog } from '../../src/core/audit/index';
import { writeAuditRecordsForBenchmark } from '../../src/core/audit/bulk-writer';
import type { AuditPageView, AuditQueryInput } from '../../src/shared/audit-types';
import type { IpcResult } from '../../src/shared/ipc-result';
import { createAuditPages, type AuditPages } from '../../src/renderer/lib/audit-pages';

const COUNT = 5000;

/** A real audit log of COUNT records in a temp dir; every third record belongs to "docker-panel". */
async function withLog(
  run: (log: AuditLog, calls: AuditQueryInput[], query: (q: AuditQueryInput) => Promise<IpcResult<AuditPageView>>) => Promise<void>,
) {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-audit-pages-'));
  let clock = Date.UTC(2024, 0, 1);
  try {
    await writeAuditRecordsForBenchmark({
      dir,
      count: COUNT,
      clock: { now: () => (clock += 1000) },
      record: (i) => ({
        correlationId: `pa-${String(i).padStart(8, '0')}`,
        pluginId: i % 3 === 0 ? 'docker-panel' : 'local-dns',
        action: 'system.process.exec',
        phase: 'requested',
      }),
    });
    const log = await openAuditLog({ dir });
    const calls: AuditQueryInput[] = [];
    try {
      await run(log, calls, async (q) => {
        calls.push(q);
        return { ok: true, value: (await log.query(q)) as AuditPageView };
      });
    } finally {
      await log.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function settled(pages: AuditPages, check: () => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('pages did not settle'));
    }, timeoutMs);
    const stop = pages.subscribe(() => {
      if (!check()) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
    if (check()) {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}

test('an unfiltered log is random access: a far window costs one query, not a walk', async () => {
  await withLog(async (_log, calls, query) => {
    const pages = createAuditPages(query, {}, { pageSize: 200 });
    pages.request(0, 20);
    await settled(pages, () => pages.get(0) !== undefined);
    assert.equal(pages.snapshot().total, COUNT);
    const newest = pages.get(0)?.seq ?? 0;
    assert.equal(newest, COUNT);

    calls.length = 0;
    pages.request(3000, 3030);
    await settled(pages, () => pages.get(3030) !== undefined);
    assert.equal(calls.length, 1);
    for (const index of [3000, 3017, 3030]) assert.equal(pages.get(index)?.seq, newest - index);
    pages.dispose();
  });
});

test('a filtered log follows the cursors page by page and lands on the right rows', async () => {
  await withLog(async (log, _calls, query) => {
    const filter = { pluginId: 'docker-panel' };
    const expected = await log.query({ ...filter, limit: 1000 });
    const pages = createAuditPages(query, filter, { pageSize: 100 });
    pages.request(0, 10);
    await settled(pages, () => pages.get(0) !== undefined);
    assert.equal(pages.snapshot().total, expected.total);
    pages.request(650, 670);
    await settled(pages, () => pages.get(670) !== undefined);
    for (const index of [0, 99, 100, 650, 670]) assert.equal(pages.get(index)?.seq, expected.records[index]?.seq, `row ${index}`);
    pages.dispose();
  });
});

test('the cache stays bounded and keeps the rows in view', async () => {
  await withLog(async (_log, _calls, query) => {
    const pages = createAuditPages(query, {}, { pageSize: 100, maxPages: 4 });
    for (const start of [0, 500, 1000, 1500, 2000, 2500, 3000]) {
      pages.request(start, start + 50);
      await settled(pages, () => pages.get(start + 50) !== undefined);
    }
    assert.ok(pages.get(3000) !== undefined);
    const kept = [0, 500, 1000, 1500, 2000, 2500, 3000].filter((index) => pages.get(index) !== undefined);
    assert.ok(kept.length <= 4, `kept ${kept.length} pages`);
    pages.dispose();
  });
});

test('refresh picks up new records at the top', async () => {
  await withLog(async (log, _calls, query) => {
    const pages = createAuditPages(query, {}, { pageSize: 200 });
    pages.request(0, 10);
    await settled(pages, () => pages.get(0) !== undefined);
    await log.append({ correlationId: 'pa-appended', pluginId: 'local-dns', action: 'system.hosts.write', phase: 'requested' });
    pages.refresh();
    await settled(pages, () => pages.snapshot().total === COUNT + 1);
    assert.equal(pages.get(0)?.correlationId, 'pa-appended');
    assert.equal(pages.get(1)?.seq, COUNT);
    pages.dispose();
  });
});

test('a failed query is reported, not thrown', async () => {
  const pages = createAuditPages(async () => ({ ok: false, code: 'AUDIT_UNAVAILABLE', error: 'disk gone' }), {});
  pages.request(0, 10);
  await settled(pages, () => pages.snapshot().error !== null);
  assert.equal(pages.snapshot().error?.code, 'AUDIT_UNAVAILABLE');
  assert.equal(pages.snapshot().total, null);
  pages.dispose();
});
