import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  createFilesystemMutateActionRequest,
  createHostsWriteActionRequest,
  createWorkflowRunActionRequest,
  requestClipboardRead,
  requestClipboardWrite,
  requestPrivilegedAction,
  requestScopedProcessExec,
  storage,
} from '@gatehouse/plugin-sdk';
import { createFakeHost, createFakeResult, type FakeHost } from '@gatehouse/plugin-sdk/testing';

let host: FakeHost | null = null;
afterEach(() => {
  host?.dispose();
  host = null;
});

describe('createFakeHost', () => {
  it('answers a scripted request through the SDK helpers, with a full result built from the request', async () => {
    host = createFakeHost();
    host.on('system.process.exec').approve({ stdout: 'CONTAINER ID\n' });
    const response = await requestScopedProcessExec('docker-cli', { command: '/usr/bin/docker', args: ['ps', '--all'] });
    assert.ok(response.ok);
    assert.deepEqual(
      { command: response.result.command, args: response.result.args, stdout: response.result.stdout, exitCode: response.result.exitCode },
      { command: '/usr/bin/docker', args: ['ps', '--all'], stdout: 'CONTAINER ID\n', exitCode: 0 },
    );
    assert.equal(host.received.length, 1);
    assert.equal(host.received[0]!.request.action, 'system.process.exec');
    assert.equal(host.received[0]!.answer, 'ok');
  });

  it('declines, times out and fails with the codes the host uses', async () => {
    host = createFakeHost();
    host.on('system.clipboard.write').decline();
    host.on('system.clipboard.read').timeout();
    host.on('system.process.exec').fail('SCOPE_VIOLATION', 'The argument is outside the scope.', { reason: 'path-outside-roots' });
    const declined = await requestClipboardWrite('hi');
    const timedOut = await requestClipboardRead();
    const failed = await requestScopedProcessExec('git', { command: '/usr/bin/git', args: ['status'] });
    assert.equal(!declined.ok && declined.code, 'CANCELLED');
    assert.equal(!timedOut.ok && timedOut.code, 'CONFIRMATION_TIMEOUT');
    assert.ok(!failed.ok);
    assert.equal(failed.code, 'SCOPE_VIOLATION');
    assert.deepEqual(failed.details, { reason: 'path-outside-roots' });
    assert.deepEqual(
      host.received.map((entry) => entry.answer),
      ['CANCELLED', 'CONFIRMATION_TIMEOUT', 'SCOPE_VIOLATION'],
    );
  });

  it('the newest matching rule wins, a once rule is used up, and a predicate picks requests', async () => {
    host = createFakeHost();
    host.on('system.clipboard.read').approve({ text: 'general' });
    host.on('system.clipboard.read').once().approve({ text: 'first' });
    host.on('system.process.exec', (request) => request.payload.args?.[0] === 'version').approve({ stdout: 'v1' });
    host.on('system.process.exec', (request) => request.payload.args?.[0] === 'push').decline();
    const texts = [];
    for (let i = 0; i < 3; i++) {
      const response = await requestClipboardRead();
      texts.push(response.ok ? response.result.text : response.code);
    }
    assert.deepEqual(texts, ['first', 'general', 'general']);
    const version = await requestScopedProcessExec('git', { command: '/usr/bin/git', args: ['version'] });
    const push = await requestScopedProcessExec('git', { command: '/usr/bin/git', args: ['push'] });
    assert.equal(version.ok && version.result.stdout, 'v1');
    assert.equal(!push.ok && push.code, 'CANCELLED');
  });

  it('declines what no rule answers and lists it in unhandled', async () => {
    host = createFakeHost();
    const response = await requestClipboardRead('Paste the token');
    assert.equal(!response.ok && response.code, 'CANCELLED');
    assert.equal(host.unhandled.length, 1);
    assert.equal(host.unhandled[0]!.request.action, 'system.clipboard.read');
  });

  it('enforces grants as the host does: a missing scope capability is CAPABILITY_DENIED and no rule runs', async () => {
    host = createFakeHost({ grants: ['system.process.exec', 'system.process.scope.git'] });
    let asked = 0;
    host.on('system.process.exec').approve(() => {
      asked++;
      return {};
    });
    const allowed = await requestScopedProcessExec('git', { command: '/usr/bin/git', args: ['status'] });
    const denied = await requestScopedProcessExec('docker-cli', { command: '/usr/bin/docker', args: ['ps'] });
    assert.ok(allowed.ok);
    assert.ok(!denied.ok);
    assert.equal(denied.code, 'CAPABILITY_DENIED');
    assert.deepEqual(denied.details, { missing: ['system.process.scope.docker-cli'] });
    assert.equal(asked, 1);
  });

  it('validates raw messages like the host and never answers an invalid one with success', async () => {
    host = createFakeHost();
    host.on('system.clipboard.write').approve();
    const response = await host.send({
      correlationId: 'pa-0123456789abcdef',
      request: { action: 'system.clipboard.write', payload: { text: 'x', extra: 1 } },
    } as never);
    assert.ok(!response.ok);
    assert.equal(response.code, 'VALIDATION_FAILED');
    assert.equal(host.received.length, 0);
  });

  it("a hanging rule ends with the caller's own timeout as TRANSPORT_FAILED", async () => {
    host = createFakeHost();
    host.on('system.clipboard.read').hang();
    const response = await requestClipboardRead({ timeoutMs: 50 });
    assert.ok(!response.ok);
    assert.equal(response.code, 'TRANSPORT_FAILED');
    assert.equal(host.received[0]!.answer, 'no-answer');
  });

  it("keeps storage in memory with the host's answers and quota", async () => {
    host = createFakeHost({ storage: { quotaChars: 40 } });
    host.storage.seed({ theme: { dark: true } });
    const saved = await storage.get('theme');
    assert.deepEqual(saved.ok && saved.result, { key: 'theme', found: true, value: { dark: true } });
    const set = await storage.set('recent', ['prod']);
    assert.deepEqual(set.ok && set.result, { key: 'recent', size: 8 });
    const tooBig = await storage.set('big', 'x'.repeat(100));
    assert.equal(!tooBig.ok && tooBig.code, 'STORAGE_QUOTA_EXCEEDED');
    const keys = await storage.keys();
    assert.deepEqual(keys.ok && keys.result.keys, ['recent', 'theme']);
    assert.deepEqual(host.storage.snapshot(), { theme: { dark: true }, recent: ['prod'] });
    const badKey = await storage.get('no spaces');
    assert.equal(!badKey.ok && badKey.code, 'VALIDATION_FAILED');
  });

  it('dispose stops being the default transport', async () => {
    host = createFakeHost();
    host.dispose();
    host = null;
    const response = await requestClipboardRead();
    assert.ok(!response.ok);
    assert.equal(response.code, 'TRANSPORT_FAILED');
    assert.equal((response.details as { reason?: string }).reason, 'no-transport');
  });
});

describe('createFakeResult', () => {
  it("builds results of every action shaped like the host's", () => {
    const fs = createFakeResult(
      createFilesystemMutateActionRequest({
        scope: 'workspace',
        operations: [
          { type: 'mkdir', path: '/w/a' },
          { type: 'writeFile', path: '/w/a/n.txt', content: 'héllo' },
          { type: 'rename', from: '/w/a/n.txt', to: '/w/a/m.txt' },
        ],
      }),
    );
    assert.deepEqual(fs.changes, [
      { type: 'mkdir', path: '/w/a', effect: 'created' },
      { type: 'writeFile', path: '/w/a/n.txt', effect: 'created', bytes: 6 },
      { type: 'rename', path: '/w/a/n.txt', to: '/w/a/m.txt', effect: 'renamed' },
    ]);
    const hosts = createFakeResult(
      createHostsWriteActionRequest({ records: [{ address: '127.0.0.1', hostname: 'a.test' }], dryRun: true }),
    );
    assert.deepEqual(
      { tag: hosts.tag, dryRun: hosts.dryRun, recordCount: hosts.recordCount },
      { tag: 'default', dryRun: true, recordCount: 1 },
    );
    const workflow = createFakeResult(
      createWorkflowRunActionRequest({
        scope: 'git-release',
        kind: 'process-sequence',
        title: 'Release',
        steps: [
          { id: 'status', title: 'Status', command: '/usr/bin/git', args: ['status'] },
          { id: 'tag', title: 'Tag', command: '/usr/bin/git', args: ['tag', 'v1'] },
        ],
      }),
    );
    assert.equal(workflow.status, 'completed');
    assert.deepEqual(workflow.summary, { totalSteps: 2, completedSteps: 2, failedSteps: 0, skippedSteps: 0 });
    assert.deepEqual(
      workflow.steps.map((step) => [step.stepId, step.result?.args]),
      [
        ['status', ['status']],
        ['tag', ['tag', 'v1']],
      ],
    );
  });

  it('works with requestPrivilegedAction for a workflow whose step failed', async () => {
    host = createFakeHost();
    host.on('system.workflow.run').approve((request) => ({
      status: 'partial',
      steps: request.payload.steps.map((step, index) => ({
        stepId: step.id,
        title: step.title,
        status: index === 0 ? 'ok' : 'error',
        correlationId: `wf-${index}`,
        ...(index === 0 ? {} : { code: 'PROCESS_FAILED', error: 'exit 1' }),
      })),
    }));
    const response = await requestPrivilegedAction(
      createWorkflowRunActionRequest({
        scope: 'git-release',
        kind: 'process-sequence',
        title: 'Release',
        steps: [
          { id: 'a', title: 'A', command: '/usr/bin/git', args: ['status'] },
          { id: 'b', title: 'B', command: '/usr/bin/git', args: ['push'] },
        ],
      }),
    );
    assert.ok(response.ok);
    assert.equal(response.result.status, 'partial');
    assert.deepEqual(
      response.result.steps.map((step) => step.status),
      ['ok', 'error'],
    );
  });
});
