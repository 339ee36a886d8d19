import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { createCoreFixture, message } from '../../support/core-fixture';
import { assertRefused } from '../../support/assert-refused';

const CLIP = ['system.clipboard.read', 'system.clipboard.write'];

async function recordsFor(fixture: Awaited<ReturnType<typeof createCoreFixture>>, correlationId: string) {
  const page = await fixture.core.audit.query({ correlationId, limit: 100 });
  return page.records.map((r) => ({ phase: r.phase, decision: r.decision ?? null, code: r.code ?? null, pluginId: r.pluginId }));
}

test('an invalid request is refused with the field named, and the refusal is audited', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }]);
  t.after(() => f.cleanup());
  const m = message('system.clipboard.write', { text: 'x', shell: true });
  const response = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, m);
  assert.equal(response.ok, false);
  assertRefused(response, 'VALIDATION_FAILED');
  assert.match(!response.ok ? response.error : '', /payload\.shell/);
  assert.deepEqual(await recordsFor(f, m.correlationId), [
    { phase: 'denied', decision: 'denied', code: 'VALIDATION_FAILED', pluginId: 'alpha' },
  ]);
});

test('the caller decides the plugin identity; a pluginId inside the message is rejected, not believed', async (t) => {
  const f = await createCoreFixture([
    { id: 'alpha', capabilities: CLIP },
    { id: 'beta', capabilities: [] },
  ]);
  t.after(() => f.cleanup());
  const forged = message('system.clipboard.write', { text: 'x' }, { pluginId: 'alpha' });
  const response = await f.core.handlePrivilegedAction({ pluginId: 'beta' }, forged);
  assertRefused(response, 'VALIDATION_FAILED');
  const plain = message('system.clipboard.write', { text: 'x' });
  const asBeta = await f.core.handlePrivilegedAction({ pluginId: 'beta' }, plain);
  assertRefused(asBeta, 'CAPABILITY_DENIED');
  assert.equal(f.clipboard.current(), 'copied elsewhere');
  assert.equal((await recordsFor(f, plain.correlationId))[0]?.pluginId, 'beta');
});

test('inactive, unknown and disabled plugins are refused', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP, active: false }]);
  t.after(() => f.cleanup());
  const unknown = await f.core.handlePrivilegedAction({ pluginId: 'ghost' }, message('system.clipboard.write', { text: 'x' }));
  assertRefused(unknown, 'PLUGIN_NOT_ACTIVE');
  const inactive = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.write', { text: 'x' }));
  assertRefused(inactive, 'PLUGIN_NOT_ACTIVE');
  await f.core.plugins.setStatus('alpha', 'active');
  const active = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.write', { text: 'x' }));
  assert.equal(active.ok, true);
  await f.core.plugins.setStatus('alpha', 'disabled');
  const disabled = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.write', { text: 'y' }));
  assertRefused(disabled, 'PLUGIN_NOT_ACTIVE');
  assert.equal(f.clipboard.current(), 'x');
});

test('capabilities must be declared and granted; granting an undeclared one is refused', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP, grant: ['system.clipboard.write'] }]);
  t.after(() => f.cleanup());
  const read = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', {}));
  assertRefused(read, 'CAPABILITY_DENIED');
  assert.deepEqual(!read.ok && read.details?.missing, ['system.clipboard.read']);
  await assert.rejects(f.core.plugins.setGrants('alpha', ['system.hosts.write'] as never), { code: 'CAPABILITY_NOT_DECLARED' });
  const hosts = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.hosts.write', { records: [] }));
  assertRefused(hosts, 'CAPABILITY_DENIED');
});

test('clipboard write needs no prompt by default; read asks, and declining returns CANCELLED with nothing read', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }]);
  t.after(() => f.cleanup());
  const write = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.write', { text: 'secret-ish text' }));
  assert.equal(write.ok, true);
  assert.equal(f.core.confirmations.pending().length, 0);
  const m = message('system.clipboard.read', { reason: 'paste into the form' });
  const pending = f.core.handlePrivilegedAction({ pluginId: 'alpha' }, m);
  const prompt = await f.answerNext('declined');
  assert.equal(prompt.action, 'system.clipboard.read');
  assert.equal(prompt.reason, 'paste into the form');
  assert.equal(prompt.plugin.id, 'alpha');
  const declined = await pending;
  assertRefused(declined, 'CANCELLED');
  assert.deepEqual(
    (await recordsFor(f, m.correlationId)).map((r) => [r.phase, r.decision]),
    [
      ['decided', 'declined'],
      ['requested', null],
    ],
  );
  const m2 = message('system.clipboard.read', {});
  const approved = f.core.handlePrivilegedAction({ pluginId: 'alpha' }, m2);
  await f.answerNext('approved');
  const result = await approved;
  assert.equal(result.ok && (result.result as { text: string }).text, 'secret-ish text');
  const page = await f.core.audit.query({ pluginId: 'alpha', limit: 1000 });
  const serialized = JSON.stringify(page.records);
  assert.equal(serialized.includes('secret-ish text'), false, 'clipboard text never reaches the audit log');
  const completed = page.records.find((r) => r.correlationId === m2.correlationId && r.phase === 'completed');
  assert.equal(completed?.outcome?.length, 'secret-ish text'.length);
  assert.match(String(completed?.outcome?.sha256), /^[0-9a-f]{64}$/);
});

test('an unanswered prompt ends in CONFIRMATION_TIMEOUT', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }], { confirmationTimeoutMs: 60 });
  t.after(() => f.cleanup());
  const response = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', {}));
  assertRefused(response, 'CONFIRMATION_TIMEOUT');
});

test('revoking a capability cancels that plugin’s pending prompt at once', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }]);
  t.after(() => f.cleanup());
  const pending = f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', {}));
  await new Promise((resolve) => f.prompter.onEvent((e) => e.type === 'request' && resolve(undefined)));
  await f.core.plugins.setGrants('alpha', ['system.clipboard.write']);
  const response = await pending;
  // The prompt is withdrawn and the answer names the lost right, not a user decision.
  assertRefused(response, 'CAPABILITY_DENIED');
  assert.equal(!response.ok && response.details?.withdrawn, 'capability revoked while waiting');
  assert.deepEqual(f.prompter.openRequests(), []);
  const again = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', {}));
  assertRefused(again, 'CAPABILITY_DENIED');
});

test('a plugin over its rate is refused with RATE_LIMITED', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }], { rateLimit: { burst: 3, perSecond: 0.001 } });
  t.after(() => f.cleanup());
  const codes = [];
  for (let i = 0; i < 5; i++) {
    const r = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.write', { text: String(i) }));
    codes.push(r.ok ? 'ok' : r.code);
  }
  assert.deepEqual(codes, ['ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED']);
});

test('when the audit log cannot be written the action is refused and does not run', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }]);
  t.after(async () => {
    await chmod(join(f.dir, 'data', 'audit'), 0o700).catch(() => undefined);
    await f.cleanup();
  });
  if (process.getuid?.() === 0) {
    // Root ignores directory permissions, so make the log unwritable by replacing its directory with a file.
    const { rm, writeFile } = await import('node:fs/promises');
    await rm(join(f.dir, 'data', 'audit'), { recursive: true, force: true });
    await writeFile(join(f.dir, 'data', 'audit'), 'not a directory');
  } else {
    await chmod(join(f.dir, 'data', 'audit'), 0o500);
  }
  const response = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.write', { text: 'must not land' }));
  assertRefused(response, 'AUDIT_UNAVAILABLE');
  assert.equal(f.clipboard.current(), 'copied elsewhere');
});

test('plugin storage is a private namespace per plugin with a quota', async (t) => {
  const f = await createCoreFixture([
    { id: 'alpha', capabilities: [] },
    { id: 'beta', capabilities: [] },
  ]);
  t.after(() => f.cleanup());
  const storage = (pluginId: string, op: Record<string, unknown>) =>
    f.core.handlePluginStorage({ pluginId }, { correlationId: `st-${Math.random().toString(36).slice(2, 12)}`, storage: op });
  assert.equal((await storage('alpha', { op: 'set', key: 'theme', value: { dark: true } })).ok, true);
  const alpha = await storage('alpha', { op: 'get', key: 'theme' });
  assert.deepEqual(alpha.ok && alpha.result, { key: 'theme', found: true, value: { dark: true } });
  const beta = await storage('beta', { op: 'get', key: 'theme' });
  assert.deepEqual(beta.ok && beta.result, { key: 'theme', found: false, value: null });
  const sneaky = await storage('beta', { op: 'get', key: 'plugin:alpha/theme' });
  assertRefused(sneaky, 'VALIDATION_FAILED');
  const forged = await f.core.handlePluginStorage(
    { pluginId: 'beta' },
    { correlationId: 'st-forged-1', storage: { op: 'keys' }, pluginId: 'alpha' },
  );
  assertRefused(forged, 'VALIDATION_FAILED');
  const big = 'x'.repeat(200_000);
  const codes = [];
  for (let i = 0; i < 8; i++) {
    const r = await storage('beta', { op: 'set', key: `k${i}`, value: big });
    codes.push(r.ok ? 'ok' : r.code);
  }
  assert.deepEqual(codes, ['ok', 'ok', 'ok', 'ok', 'ok', 'STORAGE_QUOTA_EXCEEDED', 'STORAGE_QUOTA_EXCEEDED', 'STORAGE_QUOTA_EXCEEDED']);
  await f.core.plugins.setStatus('alpha', 'removed');
  assert.equal(f.core.plugins.get('alpha'), null);
});
