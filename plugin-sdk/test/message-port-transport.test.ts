import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import {
  createClipboardReadRequest,
  createClipboardWriteRequest,
  createMessagePortTransport,
  getDefaultPrivilegedActionTransport,
  requestClipboardRead,
  requestClipboardWrite,
  requestPrivilegedAction,
  requestScopedProcessExec,
  requestScopedWorkflow,
  setDefaultPrivilegedActionTransport,
  validatePrivilegedActionMessage,
  type MessagePortTransport,
  type PrivilegedActionMessage,
  type PrivilegedActionRequest,
  type PrivilegedActionTransport,
} from '@gatehouse/plugin-sdk';
import { createHostPort, type HostPort } from './support/host-port.js';
import { fullRequests, withValueAt } from './support/fixtures.js';

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
  setDefaultPrivilegedActionTransport(null);
});

const ok = (correlationId: string, result: unknown) => ({ ok: true, correlationId, result });

describe('requestPrivilegedAction over a MessagePort', () => {
  it('sends { correlationId, request } and resolves with the matching response', async () => {
    const pending = requestPrivilegedAction(createClipboardWriteRequest('hello'), { transport });
    const [sent] = (await host.nextMessages(1)) as PrivilegedActionMessage[];
    assert.ok(validatePrivilegedActionMessage(sent).ok);
    assert.deepEqual(Object.keys(sent ?? {}).sort(), ['correlationId', 'request']);
    assert.deepEqual(sent?.request, { action: 'system.clipboard.write', payload: { text: 'hello' } });
    host.reply(ok(sent?.correlationId ?? '', { length: 5 }));
    assert.deepEqual(await pending, { ok: true, correlationId: sent?.correlationId, result: { length: 5 } });
  });

  it('matches responses by correlation id, not by order, and ignores unknown ids and malformed answers', async () => {
    const requests = [fullRequests['system.clipboard.read'], fullRequests['system.hosts.write'], fullRequests['system.process.exec']];
    const pending = requests.map((request) => requestPrivilegedAction(request, { transport }));
    const sent = (await host.nextMessages(3)) as PrivilegedActionMessage[];
    host.reply(ok('pa-not-a-request-of-ours', { bogus: true }));
    host.reply({ correlationId: sent[0]?.correlationId, result: 'no ok field' });
    host.reply({ ok: false, correlationId: sent[1]?.correlationId, code: 'NOT_A_CODE', error: 'x' });
    host.reply('garbage');
    host.reply(null);
    for (const message of [...sent].reverse()) host.reply(ok(message.correlationId, { action: message.request.action }));
    const responses = await Promise.all(pending);
    responses.forEach((response, index) => {
      assert.equal(response.ok, true);
      assert.equal(response.correlationId, sent[index]?.correlationId);
      assert.deepEqual(response.ok && response.result, { action: requests[index]?.action });
    });
  });

  it('passes error envelopes through', async () => {
    const pending = requestPrivilegedAction(fullRequests['system.fs.mutate'], { transport });
    const [sent] = (await host.nextMessages(1)) as PrivilegedActionMessage[];
    const answer = {
      ok: false,
      correlationId: sent?.correlationId,
      code: 'SCOPE_VIOLATION',
      error: 'Outside the scope.',
      details: { reason: 'path-outside-roots' },
    };
    host.reply(answer);
    assert.deepEqual(await pending, answer);
  });

  it('resolves TRANSPORT_FAILED when the host does not answer in time, and forgets the request', async () => {
    const response = await requestPrivilegedAction(createClipboardReadRequest(), { transport, timeoutMs: 40 });
    assert.equal(response.ok, false);
    assert.equal(!response.ok && response.code, 'TRANSPORT_FAILED');
    assert.deepEqual(!response.ok && response.details, { reason: 'timeout' });
    const [sent, cancel] = (await host.nextMessages(2)) as PrivilegedActionMessage[];
    assert.equal(sent?.correlationId, response.correlationId);
    // Nobody waits any more, so the host is told to stop whatever still runs for the request.
    assert.deepEqual(cancel, { correlationId: response.correlationId, cancel: true });
    // A late answer finds nobody waiting; the transport keeps working.
    host.reply(ok(response.correlationId, {}));
    const next = requestPrivilegedAction(createClipboardReadRequest(), { transport });
    const [, , second] = (await host.nextMessages(3)) as PrivilegedActionMessage[];
    host.reply(ok(second?.correlationId ?? '', { text: 'x', length: 1 }));
    assert.equal((await next).ok, true);
  });

  it('resolves TRANSPORT_FAILED for every waiting request when the host closes the port', async () => {
    const pending = [requestPrivilegedAction(createClipboardReadRequest(), { transport }), requestClipboardWrite('x', { transport })];
    await host.nextMessages(2);
    host.close();
    for (const response of await Promise.all(pending)) {
      assert.equal(!response.ok && response.code, 'TRANSPORT_FAILED');
      assert.deepEqual(!response.ok && response.details, { reason: 'closed' });
    }
    assert.equal(transport.closed, true);
    const after = await requestPrivilegedAction(createClipboardReadRequest(), { transport });
    assert.deepEqual(!after.ok && after.details, { reason: 'closed' });
  });

  it('resolves TRANSPORT_FAILED when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = requestPrivilegedAction(createClipboardReadRequest(), { transport, signal: controller.signal });
    await host.nextMessages(1);
    controller.abort();
    const response = await pending;
    assert.deepEqual(!response.ok && [response.code, response.details], ['TRANSPORT_FAILED', { reason: 'aborted' }]);
  });

  it('refuses an invalid request without sending it', async () => {
    const invalid = withValueAt(fullRequests['system.process.exec'], ['payload', 'shell'], true) as PrivilegedActionRequest;
    const response = await requestPrivilegedAction(invalid, { transport });
    assert.equal(response.ok, false);
    if (response.ok) return;
    assert.equal(response.code, 'VALIDATION_FAILED');
    assert.deepEqual(response.details, { issues: [{ path: 'payload.shell', message: 'unknown field' }] });
    assert.match(response.correlationId, /^pa-/);
    const unknown = await requestPrivilegedAction({ action: 'system.shell.run', payload: {} } as never, { transport });
    assert.equal(!unknown.ok && unknown.code, 'ACTION_NOT_SUPPORTED');
    // The first message the host sees is the next valid request: nothing invalid was sent.
    const next = requestPrivilegedAction(createClipboardReadRequest(), { transport });
    const [first] = (await host.nextMessages(1)) as PrivilegedActionMessage[];
    assert.equal(first?.request.action, 'system.clipboard.read');
    host.reply(ok(first?.correlationId ?? '', { text: '', length: 0 }));
    await next;
  });

  it('never throws, whatever it is given', async () => {
    const hostile: unknown[] = [
      null,
      undefined,
      42,
      'system.clipboard.read',
      [],
      new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('boom');
          },
        },
      ),
    ];
    for (const input of hostile) {
      const response = await requestPrivilegedAction(input as never, { transport });
      assert.equal(response.ok, false);
      assert.equal(!response.ok && response.code, 'VALIDATION_FAILED');
    }
    for (const options of [
      { timeoutMs: 0 },
      { timeoutMs: 1.5 },
      { timeoutMs: 2 ** 31 },
      { connectTimeoutMs: -1 },
      { correlationId: 'bad id' },
      { correlationIdPrefix: 'a b' },
    ]) {
      const response = await requestPrivilegedAction(createClipboardReadRequest(), { transport, ...options });
      assert.equal(!response.ok && response.code, 'VALIDATION_FAILED', JSON.stringify(options));
      assert.ok(
        !response.ok &&
          JSON.stringify(response.details).includes(
            Object.keys(options)[0] === 'correlationIdPrefix' ? 'prefix' : (Object.keys(options)[0] ?? ''),
          ),
      );
    }
    assert.equal(host.received.length, 0);
  });

  it('uses a caller-chosen correlation id', async () => {
    const pending = requestPrivilegedAction(createClipboardReadRequest(), { transport, correlationId: 'mine-00000001' });
    const [sent] = (await host.nextMessages(1)) as PrivilegedActionMessage[];
    assert.equal(sent?.correlationId, 'mine-00000001');
    host.reply(ok('mine-00000001', { text: '', length: 0 }));
    assert.equal((await pending).correlationId, 'mine-00000001');
  });
});

describe('request helpers', () => {
  it('build, validate and send each helper request', async () => {
    setDefaultPrivilegedActionTransport(transport);
    const pending = [
      requestClipboardRead(),
      requestClipboardRead('Paste the token'),
      requestClipboardRead({ timeoutMs: 5000 }),
      requestClipboardWrite('text', 'Copy it'),
      requestScopedProcessExec('Docker', { command: '/usr/bin/docker', args: ['ps'] }),
      requestScopedWorkflow('Docker', {
        title: 'Up',
        steps: [{ id: 'up', title: 'Up', command: '/usr/bin/docker', args: ['compose', 'up'] }],
      }),
    ];
    const sent = (await host.nextMessages(6)) as PrivilegedActionMessage[];
    assert.deepEqual(
      sent.map((message) => message.request),
      [
        { action: 'system.clipboard.read', payload: {} },
        { action: 'system.clipboard.read', payload: { reason: 'Paste the token' } },
        { action: 'system.clipboard.read', payload: {} },
        { action: 'system.clipboard.write', payload: { text: 'text', reason: 'Copy it' } },
        { action: 'system.process.exec', payload: { scope: 'docker', command: '/usr/bin/docker', args: ['ps'] } },
        {
          action: 'system.workflow.run',
          payload: {
            scope: 'docker',
            kind: 'process-sequence',
            title: 'Up',
            steps: [{ id: 'up', title: 'Up', command: '/usr/bin/docker', args: ['compose', 'up'] }],
          },
        },
      ],
    );
    for (const message of sent) host.reply(ok(message.correlationId, { done: true }));
    for (const response of await Promise.all(pending)) assert.equal(response.ok, true);
  });

  it('resolve VALIDATION_FAILED for input the builders refuse, without sending', async () => {
    const responses = await Promise.all([
      requestClipboardWrite(42 as never, { transport }),
      requestScopedProcessExec('docker', { command: 'docker' }, { transport }),
      requestScopedWorkflow('---', { title: 'x', steps: [{ id: 'a', title: 'a', command: '/bin/true' }] }, { transport }),
    ]);
    assert.deepEqual(
      responses.map((response) => !response.ok && [response.code, (response.details?.issues as { path: string }[])[0]?.path]),
      [
        ['VALIDATION_FAILED', 'payload.text'],
        ['VALIDATION_FAILED', 'payload.command'],
        ['VALIDATION_FAILED', 'payload.scope'],
      ],
    );
    assert.equal(host.received.length, 0);
  });
});

describe('replaceable transports', () => {
  it('has no default transport outside a frame', async () => {
    assert.equal(getDefaultPrivilegedActionTransport(), null);
    const response = await requestClipboardRead();
    assert.deepEqual(!response.ok && [response.code, response.details], ['TRANSPORT_FAILED', { reason: 'no-transport' }]);
  });

  it('uses the transport set as default, e.g. a backend process channel', async () => {
    const seen: unknown[] = [];
    const backend: PrivilegedActionTransport = {
      async send(message) {
        seen.push(message);
        return { ok: true, correlationId: message.correlationId, result: { length: 2 } };
      },
    };
    setDefaultPrivilegedActionTransport(backend);
    assert.equal(getDefaultPrivilegedActionTransport(), backend);
    const response = await requestClipboardWrite('hi');
    assert.equal(response.ok, true);
    assert.equal(seen.length, 1);
  });

  it('does not trust what a transport hands back', async () => {
    const cases: [PrivilegedActionTransport, string][] = [
      [{ send: async () => ({ ok: true, correlationId: 'someone-else', result: {} }) }, 'bad-response'],
      [{ send: async () => 'nonsense' as never }, 'bad-response'],
      [{ send: async () => Promise.reject(new Error('socket closed')) }, 'send-failed'],
      [
        {
          send: () => {
            throw new Error('sync failure');
          },
        },
        'send-failed',
      ],
      [{ send: () => new Promise(() => {}) }, 'timeout'],
    ];
    for (const [custom, reason] of cases) {
      const response = await requestClipboardRead({ transport: custom, timeoutMs: 30 });
      assert.deepEqual(!response.ok && [response.code, response.details], ['TRANSPORT_FAILED', { reason }]);
    }
  });
});
