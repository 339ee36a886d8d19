// The broker's door: whatever an in-process caller hands it, it resolves with an envelope and writes a record;
// every message counts against the rate limit; a refusal flood leaves a bounded, exactly counted audit trail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openAuditLog } from '../../../src/core/audit';
import { createCoreFixture, message } from '../../support/core-fixture';
import { assertRefused } from '../../support/assert-refused';

const CLIP = ['system.clipboard.read', 'system.clipboard.write'];

async function denied(f: Awaited<ReturnType<typeof createCoreFixture>>, pluginId = 'alpha') {
  return (await f.core.audit.query({ pluginId, limit: 1000 })).records.filter((r) => r.phase === 'denied' || r.phase === 'failed');
}

test('a message with throwing getters resolves, is refused and is audited', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }]);
  t.after(() => f.cleanup());
  const hostile = {
    correlationId: 'getter-0001',
    get request(): unknown {
      throw new Error('boom from a getter');
    },
  };
  const response = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, hostile);
  assertRefused(response, 'VALIDATION_FAILED');
  assert.doesNotMatch(!response.ok ? response.error : '', /boom/, 'the getter’s own text is not repeated');
  const trail = await denied(f);
  assert.equal(trail.length, 1);
  assert.equal(trail[0]?.code, 'VALIDATION_FAILED');
  assert.equal(f.clipboard.current(), 'copied elsewhere');
});

test('a getter that answers differently on a second read cannot change what runs: the message is read once', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }]);
  t.after(() => f.cleanup());
  let reads = 0;
  const payload = {
    get text(): string {
      reads += 1;
      return reads === 1 ? 'checked text' : 'swapped text';
    },
  };
  const response = await f.core.handlePrivilegedAction(
    { pluginId: 'alpha' },
    { correlationId: 'getter-0002', request: { action: 'system.clipboard.write', payload } },
  );
  assert.equal(response.ok, true);
  assert.equal(reads, 1);
  assert.equal(f.clipboard.current(), 'checked text');
});

test('a caller whose plugin id getter throws gets INTERNAL_ERROR, and the failure is audited', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }]);
  t.after(() => f.cleanup());
  const caller = {
    get pluginId(): string {
      throw new Error('no id');
    },
  };
  const response = await f.core.handlePrivilegedAction(caller, message('system.clipboard.write', { text: 'x' }));
  assertRefused(response, 'INTERNAL_ERROR');
  const trail = (await f.core.audit.query({ limit: 100 })).records.filter((r) => r.code === 'INTERNAL_ERROR');
  assert.equal(trail.length, 1);
  assert.equal(f.clipboard.current(), 'copied elsewhere');
});

test('Proxy messages (throwing traps, a revoked proxy, a lying one) resolve, are refused and audited', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }]);
  t.after(() => f.cleanup());
  const throwing = new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('trap');
      },
      get() {
        throw new Error('trap');
      },
    },
  );
  const revocable = Proxy.revocable({ correlationId: 'proxy-0002' }, {});
  revocable.revoke();
  // Claims to be a plain object with a valid request, then throws from the payload.
  const lying = new Proxy(
    { correlationId: 'proxy-0003', request: { action: 'system.clipboard.write', payload: { text: 'x' } } },
    {
      get(target, key) {
        if (key === 'request')
          return new Proxy(
            { action: 'system.clipboard.write' },
            {
              get: () => {
                throw new Error('late trap');
              },
            },
          );
        return Reflect.get(target, key);
      },
    },
  );
  for (const hostile of [throwing, revocable.proxy, lying]) {
    const response = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, hostile);
    assertRefused(response, 'VALIDATION_FAILED');
  }
  assert.equal((await denied(f)).length, 3);
  assert.equal(f.clipboard.current(), 'copied elsewhere');
});

test('cycles, functions, class instances and oversized messages are refused at the door, each audited', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }]);
  t.after(() => f.cleanup());
  const cyclic: Record<string, unknown> = { correlationId: 'door-0001' };
  cyclic.request = { action: 'system.clipboard.write', payload: { text: 'x', self: cyclic } };
  const wide = {
    correlationId: 'door-0002',
    request: { action: 'system.clipboard.write', payload: { text: 'x', many: new Array(300_000).fill(0) } },
  };
  const deep: Record<string, unknown> = {};
  let cursor = deep;
  for (let i = 0; i < 100; i++) cursor = cursor.next = {} as Record<string, unknown>;
  const cases = [
    cyclic,
    wide,
    { correlationId: 'door-0003', request: deep },
    { correlationId: 'door-0004', request: { action: 'system.clipboard.write', payload: { text: () => 'x' } } },
    { correlationId: 'door-0005', request: { action: 'system.clipboard.write', payload: new Map([['text', 'x']]) } },
  ];
  for (const hostile of cases) {
    const response = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, hostile);
    assertRefused(response, 'VALIDATION_FAILED');
  }
  assert.equal((await denied(f)).length, cases.length);
});

test('a refusal flood is rate-limited; its audit lines are bounded and the aggregated count is exact', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }], {
    rateLimit: { burst: 5, perSecond: 0.001 },
    refusalAudit: { burst: 3, perSecond: 0.001, flushMs: 3_600_000 },
  });
  t.after(() => rm(f.dir, { recursive: true, force: true }));
  const codes: Record<string, number> = {};
  const sent = 600;
  for (let i = 0; i < sent; i++) {
    // Two out of three are invalid; every third is a valid write that must not run once over the limit.
    const m =
      i % 3 === 2
        ? message('system.clipboard.write', { text: `flood ${i}` })
        : message('system.clipboard.write', { text: 'x', shell: true });
    const response = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, m);
    const code = response.ok ? 'ok' : response.code;
    codes[code] = (codes[code] ?? 0) + 1;
  }
  assert.deepEqual(codes, { VALIDATION_FAILED: 4, ok: 1, RATE_LIMITED: sent - 5 }, 'only the burst passes the door, valid or not');
  assert.equal(f.clipboard.current(), 'flood 2');
  await f.core.close();

  // The counted refusals were written when the host closed; read the log as the next start would.
  const log = await openAuditLog({ dir: join(f.dir, 'data', 'audit') });
  t.after(() => log.close());
  const refusals = (await log.query({ pluginId: 'alpha', limit: 1000 })).records.filter((r) => r.phase === 'denied');
  const repeated = refusals.filter((r) => typeof r.summary?.repeated === 'number');
  assert.ok(refusals.length <= 3 + 3, `at most the budget plus one record per action and code, got ${refusals.length}`);
  assert.ok(repeated.length >= 1);
  const total = refusals.reduce((sum, r) => sum + (typeof r.summary?.repeated === 'number' ? r.summary.repeated : 1), 0);
  assert.equal(total, sent - 1, 'every refusal is counted once, none lost');
  const byCode: Record<string, number> = {};
  for (const r of refusals)
    byCode[r.code as string] = (byCode[r.code as string] ?? 0) + (typeof r.summary?.repeated === 'number' ? r.summary.repeated : 1);
  assert.deepEqual(byCode, { VALIDATION_FAILED: 4, RATE_LIMITED: sent - 5 });
});

test('a request naming an action the host does not have is recorded as "invalid", its text kept in the summary', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }]);
  t.after(() => f.cleanup());
  const response = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.shell.run', { command: 'id' }));
  assert.equal(response.ok, false);
  const [record] = await denied(f);
  assert.equal(record?.action, 'invalid');
  assert.equal(record?.summary?.requestedAction, 'system.shell.run');
  const broken = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, { correlationId: 'no-request-0001' });
  assert.equal(broken.ok, false);
  const records = await denied(f);
  assert.equal(records[0]?.action, 'unknown');
  assert.equal(records[0]?.summary?.requestedAction, undefined);
});
