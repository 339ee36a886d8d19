// Configuration changes are written down by the core, before they are made, with what changed and never a
// secret's value.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AuditRecord } from '../../../src/core/audit';
import { createSecretStore } from '../../../src/core/secrets';
import { auditHold } from '../../support/audit-hold';
import { createCoreFixture } from '../../support/core-fixture';
import { skipWithoutSecretService } from '../../support/secret-service';

async function recordsOf(
  f: { core: { audit: { query(q: object): Promise<{ records: AuditRecord[] }> } } },
  action: string,
): Promise<AuditRecord[]> {
  return (await f.core.audit.query({ action, limit: 100 })).records.reverse();
}

const workScope = (root: string, confirmation: 'always' | 'never' = 'always') => ({
  id: 'work',
  title: 'Work files',
  roots: [root],
  allowedOperations: ['writeFile', 'mkdir'],
  confirmation,
  maxWriteBytes: 4096,
});

describe('configuration audit', () => {
  it('records a scope save with a field-level before → after, and its removal', async (t) => {
    const f = await createCoreFixture([]);
    t.after(() => f.cleanup());
    const root = join(f.dir, 'home');
    await f.core.scopes.save('fs', workScope(root));
    await f.core.scopes.save('fs', { ...workScope(root, 'never'), maxWriteBytes: 8192 });
    // Saving it unchanged is no change and leaves no record.
    await f.core.scopes.save('fs', { ...workScope(root, 'never'), maxWriteBytes: 8192 });
    await f.core.scopes.remove('fs', 'work');

    const saved = await recordsOf(f, 'scope.saved');
    assert.equal(saved.length, 2);
    assert.equal(saved[0]?.scope, 'work');
    assert.equal(saved[0]?.summary?.created, true);
    assert.deepEqual(saved[1]?.summary?.changes, [
      { field: 'confirmation', before: 'always', after: 'never' },
      { field: 'maxWriteBytes', before: 4096, after: 8192 },
    ]);
    assert.equal(saved[1]?.summary?.created, false);

    const [removed] = await recordsOf(f, 'scope.removed');
    assert.equal(removed?.summary?.fallsBackToPreset, false);
    const fields = (removed?.summary?.changes as Array<{ field: string; before?: unknown; after?: unknown }>).map((change) => change.field);
    assert.ok(fields.includes('roots') && fields.includes('confirmation'), `removal lists what went: ${fields.join(', ')}`);
    assert.equal(
      f.core.scopes.list().fs.some((scope) => scope.id === 'work'),
      false,
    );
  });

  it('refuses a scope change the audit log cannot record, and leaves the scope as it was', async (t) => {
    const hold = auditHold((input) => input.action === 'scope.saved', 'fail');
    const f = await createCoreFixture([], { auditGate: hold.gate });
    t.after(() => f.cleanup());
    await assert.rejects(f.core.scopes.save('fs', workScope(join(f.dir, 'home'))), { code: 'AUDIT_UNAVAILABLE' });
    assert.equal(
      f.core.scopes.list().fs.some((scope) => scope.id === 'work'),
      false,
      'the unrecorded scope was not saved',
    );
  });

  it('records clipboard policy and hosts path changes, before → after, and nothing for a no-op', async (t) => {
    const f = await createCoreFixture([]);
    t.after(() => f.cleanup());
    const before = f.core.settings.get();
    await f.core.settings.update({ clipboard: { ...before.clipboard, writeConfirmation: 'always' } });
    await f.core.settings.update({ clipboard: { ...before.clipboard, writeConfirmation: 'always' } });
    const next = join(f.dir, 'other-hosts');
    await f.core.settings.update({ hostsPath: next });
    await assert.rejects(f.core.settings.update({ hostsPath: 'relative/hosts' }), { code: 'INVALID_INPUT' });

    const clipboard = await recordsOf(f, 'settings.clipboard');
    assert.equal(clipboard.length, 1);
    assert.deepEqual(clipboard[0]?.summary?.changes, [
      { field: 'writeConfirmation', before: before.clipboard.writeConfirmation, after: 'always' },
    ]);
    const hosts = await recordsOf(f, 'settings.hostsPath');
    assert.equal(hosts.length, 1, 'a refused path is not recorded as a change');
    assert.deepEqual(hosts[0]?.summary?.changes, [{ field: 'hostsPath', before: f.hostsPath, after: next }]);
    assert.equal(f.core.settings.get().hostsPath, next);
  });

  it('records a developer-mode start', async (t) => {
    const f = await createCoreFixture([], { devMode: true, builtInPublishers: [] });
    t.after(() => f.cleanup());
    const [start] = await recordsOf(f, 'host.developerMode');
    assert.equal(start?.phase, 'started');
    assert.equal(start?.summary?.unsignedPlugins, 'allowed');
    const plain = await createCoreFixture([]);
    t.after(() => plain.cleanup());
    assert.equal((await recordsOf(plain, 'host.developerMode')).length, 0);
  });

  it('records secret set and delete by name, and the value appears nowhere in the audit files', async (t) => {
    const secretStore = createSecretStore({ service: `gatehouse-test-${randomBytes(6).toString('hex')}` });
    if (await skipWithoutSecretService(t, () => secretStore.available())) return;
    const f = await createCoreFixture([], {
      secretStore,
      scopes: {
        process: [
          {
            id: 'token-scope',
            title: 'Token',
            executables: [{ path: '/usr/bin/true' }],
            tool: 'none',
            rules: { argv: [[]] },
            cwdRoots: ['/tmp'],
            allowedEnvKeys: [],
            timeoutCeilingMs: 1000,
            maxOutputBytes: 1024,
            confirmation: { mode: 'always' },
          },
        ],
      },
    });
    t.after(() => f.cleanup());
    const value = `v4lue-${randomBytes(12).toString('hex')}`;
    await f.core.secrets.set('token-scope', 'API_TOKEN', value);
    await f.core.secrets.set('token-scope', 'API_TOKEN', `${value}-2`);
    assert.equal((await f.core.secrets.delete('token-scope', 'API_TOKEN')).deleted, true);

    const set = await recordsOf(f, 'secret.set');
    assert.deepEqual(
      set.map((record) => record.summary),
      [
        { scopeId: 'token-scope', name: 'API_TOKEN', replaced: false },
        { scopeId: 'token-scope', name: 'API_TOKEN', replaced: true },
      ],
    );
    const [deleted] = await recordsOf(f, 'secret.deleted');
    assert.deepEqual(deleted?.summary, { scopeId: 'token-scope', name: 'API_TOKEN' });

    const auditDir = join(f.dir, 'data', 'audit');
    const files = await readdir(auditDir);
    assert.ok(
      files.some((name) => name.endsWith('.jsonl')),
      `audit files: ${files.join(', ')}`,
    );
    for (const name of files) {
      const bytes = await readFile(join(auditDir, name));
      assert.equal(bytes.includes(value), false, `${name} holds the secret value`);
    }
    const logText = (
      await Promise.all(files.filter((name) => name.endsWith('.jsonl')).map((name) => readFile(join(auditDir, name), 'utf8')))
    ).join('');
    assert.ok(logText.includes('"API_TOKEN"'), 'the name is recorded');
  });
});
