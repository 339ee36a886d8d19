import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  PrivilegedActionValidationError,
  createClipboardReadActionRequest,
  createClipboardReadRequest,
  createClipboardWriteActionRequest,
  createClipboardWriteRequest,
  createFilesystemMutateActionRequest,
  createHostsWriteActionRequest,
  createPrivilegedActionRequest,
  createProcessExecActionRequest,
  createScopedProcessExecActionRequest,
  createScopedWorkflowRequest,
  createWorkflowRunActionRequest,
  validateHostPrivilegedActionRequest,
  type PrivilegedActionName,
  type PrivilegedActionPayloadOf,
} from '@gatehouse/plugin-sdk';
import { fullRequests } from './support/fixtures.js';

function payloadOf<A extends PrivilegedActionName>(action: A): PrivilegedActionPayloadOf<A> {
  return structuredClone(fullRequests[action].payload) as PrivilegedActionPayloadOf<A>;
}

/** Runs `build`, expecting a PrivilegedActionValidationError; returns it. */
function rejection(build: () => unknown): PrivilegedActionValidationError {
  try {
    build();
  } catch (error) {
    assert.ok(error instanceof PrivilegedActionValidationError, `threw ${String(error)}`);
    assert.ok(error instanceof Error);
    return error;
  }
  assert.fail('did not throw');
}

describe('request builders', () => {
  it('build every action and return a validated copy', () => {
    const built = [
      createClipboardReadActionRequest(payloadOf('system.clipboard.read')),
      createClipboardWriteActionRequest(payloadOf('system.clipboard.write')),
      createHostsWriteActionRequest(payloadOf('system.hosts.write')),
      createFilesystemMutateActionRequest(payloadOf('system.fs.mutate')),
      createProcessExecActionRequest(payloadOf('system.process.exec')),
      createWorkflowRunActionRequest(payloadOf('system.workflow.run')),
    ];
    assert.deepEqual(built, Object.values(fullRequests));
    for (const request of built) assert.ok(validateHostPrivilegedActionRequest(request).ok);
  });

  it('normalize scope ids and leave the input untouched', () => {
    const payload = { ...payloadOf('system.process.exec'), scope: '  Docker CLI ' };
    const request = createProcessExecActionRequest(payload);
    assert.equal(request.payload.scope, 'docker-cli');
    assert.equal(payload.scope, '  Docker CLI ');
    payload.args?.push('--all');
    assert.deepEqual(request.payload.args, ['ps', '--format', '{{json .}}'], 'the result does not share arrays with the input');
    assert.equal(
      createFilesystemMutateActionRequest({ ...payloadOf('system.fs.mutate'), scope: 'Work Space' }).payload.scope,
      'work-space',
    );
    assert.equal(createWorkflowRunActionRequest({ ...payloadOf('system.workflow.run'), scope: 'K8S' }).payload.scope, 'k8s');
  });

  it('throw a PrivilegedActionValidationError naming the field', () => {
    const error = rejection(() => createProcessExecActionRequest({ scope: 'git', command: 'git', shell: true } as never));
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.deepEqual(error.issues.map((issue) => issue.path).sort(), ['payload.command', 'payload.shell']);
    assert.match(error.message, /payload\.command/);
    assert.equal(rejection(() => createClipboardWriteActionRequest({ text: 42 } as never)).issues[0]?.path, 'payload.text');
    assert.equal(
      rejection(() => createHostsWriteActionRequest({ records: [{ address: 'abc', hostname: 'a.local' }] })).issues[0]?.path,
      'payload.records[0].address',
    );
    assert.equal(
      rejection(() => createFilesystemMutateActionRequest({ scope: '---', operations: [{ type: 'remove', path: '/tmp/x' }] })).issues[0]
        ?.path,
      'payload.scope',
    );
    assert.equal(rejection(() => createClipboardReadActionRequest([] as never)).issues[0]?.path, 'payload');
  });

  it('createPrivilegedActionRequest builds any action and reports unknown ones', () => {
    const request = createPrivilegedActionRequest({
      action: 'system.fs.mutate',
      payload: { scope: 'A', operations: [{ type: 'remove', path: '/x' }] },
    });
    assert.deepEqual(request.payload, { scope: 'a', operations: [{ type: 'remove', path: '/x' }] });
    assert.equal(rejection(() => createPrivilegedActionRequest({ action: 'system.shell.run', payload: {} })).code, 'ACTION_NOT_SUPPORTED');
  });

  it('clipboard shorthands', () => {
    assert.deepEqual(createClipboardReadRequest(), { action: 'system.clipboard.read', payload: {} });
    assert.deepEqual(createClipboardReadRequest('Paste'), { action: 'system.clipboard.read', payload: { reason: 'Paste' } });
    assert.deepEqual(createClipboardWriteRequest('hi'), { action: 'system.clipboard.write', payload: { text: 'hi' } });
    assert.deepEqual(createClipboardWriteRequest('hi', 'Copy'), {
      action: 'system.clipboard.write',
      payload: { text: 'hi', reason: 'Copy' },
    });
    assert.equal(rejection(() => createClipboardWriteRequest('x'.repeat(1_048_577))).issues[0]?.path, 'payload.text');
  });

  it('scoped builders take the scope from their first argument', () => {
    const exec = createScopedProcessExecActionRequest('Docker', { command: '/usr/bin/docker', args: ['ps'] });
    assert.deepEqual(exec, { action: 'system.process.exec', payload: { scope: 'docker', command: '/usr/bin/docker', args: ['ps'] } });
    const workflow = createScopedWorkflowRequest('Helm Charts', {
      title: 'Upgrade',
      steps: [{ id: 'up', title: 'Upgrade', command: '/usr/bin/helm' }],
    });
    assert.deepEqual(workflow.payload, {
      scope: 'helm-charts',
      kind: 'process-sequence',
      title: 'Upgrade',
      steps: [{ id: 'up', title: 'Upgrade', command: '/usr/bin/helm' }],
    });
  });

  it('scoped builders refuse a payload that names another scope, and bad scope ids', () => {
    const conflict = rejection(() => createScopedProcessExecActionRequest('docker', { command: '/usr/bin/docker', scope: 'git' } as never));
    assert.equal(conflict.issues[0]?.path, 'payload.scope');
    assert.ok(createScopedProcessExecActionRequest('Docker', { command: '/usr/bin/docker', scope: 'docker' } as never));
    assert.equal(rejection(() => createScopedProcessExecActionRequest(7 as never, { command: '/bin/true' })).issues[0]?.path, 'scopeId');
    assert.equal(
      rejection(() => createScopedWorkflowRequest('!!!', { title: 't', steps: [{ id: 'a', title: 'a', command: '/bin/true' }] })).issues[0]
        ?.path,
      'payload.scope',
    );
    assert.equal(
      rejection(() =>
        createScopedWorkflowRequest('x', { title: 't', kind: 'parallel' as never, steps: [{ id: 'a', title: 'a', command: '/bin/true' }] }),
      ).issues[0]?.path,
      'payload.kind',
    );
  });
});
