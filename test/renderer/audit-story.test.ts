import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditRecordView } from '../../src/shared/audit-types';
import { pluginLabel, storyOf, storyText } from '../../src/renderer/lib/audit-story';

let seq = 0;
function record(fields: Partial<AuditRecordView>): AuditRecordView {
  seq += 1;
  return {
    seq,
    time: '2026-01-01T00:00:00.000Z',
    correlationId: 'c-1',
    pluginId: 'com.example.lab',
    action: 'system.process.exec',
    phase: 'requested',
    prevHash: '',
    hash: '',
    ...fields,
  };
}

test('a command reads as one sentence: what ran, who decided, how it ended', () => {
  const first = record({ summary: { executable: '/usr/bin/docker', argv: ['ps', '--all'] } });
  const last = record({ phase: 'completed', decision: null, outcome: { exitCode: 0 } });
  // A prompted request's answer is on its decided record; the row passes it along.
  assert.equal(storyText(storyOf(first, last, true, 'approved')), 'Ran `docker ps --all` · approved by you · exit 0');
  assert.equal(
    storyText(storyOf(first, record({ phase: 'completed', decision: 'not-required', outcome: { exitCode: 1 } }))),
    'Ran `docker ps --all` · no prompt (the policy does not ask) · exit 1',
  );
  const declined = record({ phase: 'decided', decision: 'declined', code: 'CANCELLED' });
  assert.equal(storyText(storyOf(first, declined)), 'Asked to run `docker ps --all` · declined by you');
  assert.equal(storyText(storyOf(first)), 'Asked to run `docker ps --all` · waiting for a decision');
});

test('status, grant and configuration changes say before → after', () => {
  assert.equal(
    storyText(storyOf(record({ action: 'plugin.status', phase: 'plugin.status', summary: { from: 'installed', to: 'active' } }))),
    'Status installed → active',
  );
  const grants = record({
    action: 'plugin.status',
    phase: 'plugin.status',
    summary: {
      from: 'active',
      to: 'active',
      granted: ['system.clipboard.read'],
      revoked: ['system.hosts.write'],
      grantedBefore: ['system.clipboard.read', 'system.hosts.write'],
    },
  });
  assert.equal(storyText(storyOf(grants)), 'Grants clipboard.read, hosts.write → clipboard.read');
  const scope = record({
    action: 'scope.saved',
    phase: 'changed',
    pluginId: null,
    summary: { scopeId: 'e2e-files', created: false, changes: [{ field: 'confirmation', before: 'always', after: 'never' }] },
  });
  assert.equal(storyText(storyOf(scope)), 'Changed the scope `e2e-files` · confirmation always → never');
  const secret = record({
    action: 'secret.set',
    phase: 'changed',
    pluginId: null,
    summary: { scopeId: 'kube', name: 'TOKEN', replaced: true },
  });
  assert.equal(storyText(storyOf(secret)), 'Replaced the secret TOKEN of scope `kube`');
  const failed = record({ action: 'secret.set', phase: 'failed', pluginId: null, code: 'SECRET_STORE_UNAVAILABLE' });
  assert.equal(storyText(storyOf(secret, failed)), 'Replaced the secret TOKEN of scope `kube` · failed: SECRET_STORE_UNAVAILABLE');
});

test('refusals, invalid actions and plugin names', () => {
  const refused = record({
    action: 'invalid',
    phase: 'denied',
    decision: 'denied',
    code: 'VALIDATION_FAILED',
    summary: { requestedAction: 'system.shell.run', repeated: 4 },
  });
  assert.equal(
    storyText(storyOf(refused)),
    'Asked for an action the host does not have `system.shell.run` · refused: VALIDATION_FAILED ×4',
  );
  const names = new Map([['com.example.lab', 'Action Lab']]);
  assert.equal(pluginLabel('com.example.lab', names), 'Action Lab');
  assert.equal(pluginLabel('com.example.gone', names), 'com.example.gone');
  assert.equal(pluginLabel(null, names), 'Gatehouse');
});

test('the audit count agrees in number', async () => {
  const { countLine } = await import('../../src/renderer/lib/audit-count');
  assert.equal(countLine(1, false, true), '1 record matches the filters');
  assert.equal(countLine(2, false, true), '2 records match the filters');
  assert.equal(countLine(1, true, true), '1 request matches the filters');
  assert.equal(countLine(0, true, true), '0 requests match the filters');
  assert.equal(countLine(1, true, false), '1 request');
});

test('a removed scope says what applies instead', () => {
  const removed = record({
    action: 'scope.removed',
    phase: 'changed',
    pluginId: null,
    summary: { scopeId: 'e2e-files', fallsBackToPreset: true, changes: [{ field: 'confirmation', before: 'never', after: 'always' }] },
  });
  assert.equal(
    storyText(storyOf(removed)),
    'Removed the scope `e2e-files` · the built-in scope with this id applies again: confirmation never → always',
  );
  const gone = record({
    action: 'scope.removed',
    phase: 'changed',
    pluginId: null,
    summary: { scopeId: 'mine', fallsBackToPreset: false, changes: [] },
  });
  assert.equal(storyText(storyOf(gone)), 'Removed the scope `mine`');
});

test('a stopped stream says who stopped it and how much output was sent', () => {
  const first = record({ summary: { executable: '/usr/bin/docker', argv: ['logs', '-f', 'web'] } });
  const stopped = (stoppedBy: string, stream = { bytesSent: 2_202_010, chunks: 40, skippedBytes: 0 }) =>
    storyText(storyOf(first, record({ phase: 'failed', code: 'CANCELLED', decision: 'not-required', outcome: { stoppedBy, stream } })));
  assert.equal(
    stopped('user'),
    'Asked to run `docker logs -f web` · no prompt (the policy does not ask) · stopped by you after 2.1 MB of output',
  );
  assert.equal(
    stopped('plugin', { bytesSent: 512, chunks: 2, skippedBytes: 3_145_728 }).split(' · ').at(-1),
    'stopped by the plugin after 512 bytes of output (3.0 MB skipped)',
  );
  assert.equal(stopped('host-shutdown').split(' · ').at(-1), 'stopped when Gatehouse quit after 2.1 MB of output');
  assert.equal(stopped('frame-closed').split(' · ').at(-1), 'stopped when the plugin’s page closed after 2.1 MB of output');
  const finished = record({
    phase: 'completed',
    decision: 'not-required',
    outcome: { exitCode: 0, stream: { bytesSent: 1536, chunks: 1, skippedBytes: 0 } },
  });
  assert.equal(storyText(storyOf(first, finished)).split(' · ').at(-1), 'exit 0 after 1.5 KB of output');
});
