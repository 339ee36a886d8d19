import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import {
  actionAckMessageSchema,
  actionCancelMessageSchema,
  actionEventMessageSchema,
  createMessagePortTransport,
  getPluginPortMessageKind,
  processExecPayloadSchema,
  requestScopedProcessExec,
  requestScopedWorkflow,
  type ActionStepEvent,
  type MessagePortTransport,
  type PrivilegedActionMessage,
} from '@gatehouse/plugin-sdk';
import { createHostPort, type HostPort } from './support/host-port.js';

let host: HostPort;
let transport: MessagePortTransport;

beforeEach(() => {
  const channel = new MessageChannel();
  host = createHostPort(channel.port2);
  transport = createMessagePortTransport(channel.port1);
});
afterEach(() => {
  transport.close();
  host.close();
});

const result = { command: '/usr/bin/docker', args: ['logs'], cwd: null, exitCode: 0, signal: null, stdout: 'a\nb\n', stderr: '' };
const final = (correlationId: string) => ({
  ok: true,
  correlationId,
  result: { ...result, truncated: false, timedOut: false, durationMs: 5, dryRun: false },
});

describe('streamed requests', () => {
  it('asks for stream: true, calls onOutput in order, acknowledges each event and resolves with the envelope unchanged', async () => {
    const seen: string[] = [];
    const pending = requestScopedProcessExec(
      'docker',
      { command: '/usr/bin/docker', args: ['logs', '-f', 'web'] },
      { transport, onOutput: (data, stream) => seen.push(`${stream}:${data}`), onSkipped: (bytes) => seen.push(`skipped:${bytes}`) },
    );
    const [sent] = (await host.nextMessages(1)) as PrivilegedActionMessage[];
    assert.equal(sent?.request.action, 'system.process.exec');
    assert.equal((sent?.request.payload as { stream?: boolean }).stream, true);
    const id = sent?.correlationId ?? '';
    const events = [
      { type: 'started', seq: 0, startedAt: 1, command: '/usr/bin/docker', args: ['logs', '-f', 'web'] },
      { type: 'output', seq: 1, stream: 'stdout', data: 'a\n' },
      { type: 'skipped', seq: 2, stream: 'stdout', bytes: 4096 },
      { type: 'output', seq: 3, stream: 'stderr', data: 'warn\n' },
      { type: 'output', seq: 4, stream: 'stdout', data: 'b\n' },
    ];
    for (const event of events) host.reply({ correlationId: id, event });
    // An event for another request and a malformed one reach no callback.
    host.reply({ correlationId: 'pa-someone-else', event: { type: 'output', seq: 9, stream: 'stdout', data: 'not ours' } });
    host.reply({ correlationId: id, event: { type: 'output', seq: 5, stream: 'stdin', data: 'bad stream' } });
    const acks = await host.nextMessages(1 + events.length);
    host.reply(final(id));
    const response = await pending;
    assert.deepEqual(seen, ['stdout:a\n', 'skipped:4096', 'stderr:warn\n', 'stdout:b\n']);
    assert.deepEqual(
      acks.slice(1),
      events.map((event) => ({ correlationId: id, ack: event.seq })),
    );
    assert.deepEqual(response, final(id), 'the final envelope is exactly the host’s');
  });

  it('aborting the signal sends { correlationId, cancel: true } and resolves TRANSPORT_FAILED', async () => {
    const controller = new AbortController();
    const pending = requestScopedProcessExec(
      'docker',
      { command: '/usr/bin/docker', args: ['logs', '-f', 'web'] },
      { transport, onOutput: () => undefined, signal: controller.signal },
    );
    const [sent] = (await host.nextMessages(1)) as PrivilegedActionMessage[];
    controller.abort();
    const response = await pending;
    const [, cancel] = await host.nextMessages(2);
    assert.deepEqual(cancel, { correlationId: sent?.correlationId, cancel: true });
    assert.ok(actionCancelMessageSchema.safeParse(cancel).success);
    assert.deepEqual(!response.ok && [response.code, response.details], ['TRANSPORT_FAILED', { reason: 'aborted' }]);
  });

  it('a workflow’s step events reach onStep; without callbacks nothing asks for a stream', async () => {
    const steps: ActionStepEvent[] = [];
    const pending = requestScopedWorkflow(
      'k8s',
      { title: 'Roll out', steps: [{ id: 'apply', title: 'Apply', command: '/usr/bin/kubectl', args: ['apply'] }] },
      { transport, onStep: (step) => steps.push(step) },
    );
    const [sent] = (await host.nextMessages(1)) as PrivilegedActionMessage[];
    const id = sent?.correlationId ?? '';
    host.reply({ correlationId: id, event: { type: 'step', seq: 1, index: 0, id: 'apply', status: 'running' } });
    host.reply({ correlationId: id, event: { type: 'step', seq: 2, index: 0, id: 'apply', status: 'ok' } });
    await host.nextMessages(3);
    host.reply({ ok: false, correlationId: id, code: 'CANCELLED', error: 'x' });
    await pending;
    assert.deepEqual(
      steps.map((step) => step.status),
      ['running', 'ok'],
    );

    const plain = requestScopedProcessExec('docker', { command: '/usr/bin/docker', args: ['ps'] }, { transport });
    const [, second] = (await host.nextMessages(4)).slice(2) as PrivilegedActionMessage[];
    assert.equal('stream' in (second?.request.payload ?? {}), false);
    host.reply({ ok: false, correlationId: second?.correlationId, code: 'CANCELLED', error: 'x' });
    await plain;
  });

  it('validates the stream contract strictly', () => {
    assert.equal(processExecPayloadSchema.safeParse({ scope: 's', command: '/bin/echo', stream: 'yes' }).success, false);
    assert.equal(
      actionEventMessageSchema.safeParse({ correlationId: 'pa-12345678', event: { type: 'output', seq: -1, stream: 'stdout', data: '' } })
        .success,
      false,
    );
    assert.equal(
      actionEventMessageSchema.safeParse({ correlationId: 'pa-12345678', event: { type: 'started', seq: 0, startedAt: 1, pid: 42 } })
        .success,
      false,
      'no pid, no extra keys',
    );
    assert.equal(actionAckMessageSchema.safeParse({ correlationId: 'pa-12345678', ack: 1.5 }).success, false);
    assert.equal(actionCancelMessageSchema.safeParse({ correlationId: 'pa-12345678', cancel: false }).success, false);
    assert.equal(getPluginPortMessageKind({ correlationId: 'x', cancel: true }), 'cancel');
    assert.equal(getPluginPortMessageKind({ correlationId: 'x', ack: 3 }), 'ack');
    assert.equal(getPluginPortMessageKind({ correlationId: 'x', ack: 3, request: {} }), null);
  });
});
