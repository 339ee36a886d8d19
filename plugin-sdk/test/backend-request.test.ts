import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  PrivilegedActionValidationError,
  createPrivilegedActionBackendRequest,
  extractPrivilegedActionRequest,
  validatePrivilegedActionMessage,
  type PrivilegedActionRequest,
} from '@gatehouse/plugin-sdk';
import { fullRequests, withValueAt } from './support/fixtures.js';

const exec = fullRequests['system.process.exec'];

describe('createPrivilegedActionBackendRequest', () => {
  it('wraps a request with a new correlation id', () => {
    const message = createPrivilegedActionBackendRequest(exec);
    assert.deepEqual(Object.keys(message).sort(), ['correlationId', 'request']);
    assert.deepEqual(message.request, exec);
    assert.ok(validatePrivilegedActionMessage(message).ok);
    assert.notEqual(createPrivilegedActionBackendRequest(exec).correlationId, message.correlationId);
  });

  it('takes a correlation id or prefix from the options', () => {
    assert.equal(createPrivilegedActionBackendRequest(exec, { correlationId: 'backend-00000001' }).correlationId, 'backend-00000001');
    assert.match(createPrivilegedActionBackendRequest(exec, { correlationIdPrefix: 'cli' }).correlationId, /^cli-/);
  });

  it('normalizes the scope id like a builder', () => {
    const message = createPrivilegedActionBackendRequest(withValueAt(exec, ['payload', 'scope'], 'Docker') as PrivilegedActionRequest);
    assert.equal((message.request.payload as { scope: string }).scope, 'docker');
  });

  it('throws a PrivilegedActionValidationError for a bad request or correlation id', () => {
    assert.throws(
      () => createPrivilegedActionBackendRequest(withValueAt(exec, ['payload', 'shell'], true) as PrivilegedActionRequest),
      (error: unknown) => error instanceof PrivilegedActionValidationError && error.issues[0]?.path === 'payload.shell',
    );
    assert.throws(
      () => createPrivilegedActionBackendRequest(exec, { correlationId: 'no' }),
      (error: unknown) => error instanceof PrivilegedActionValidationError && error.issues[0]?.path === 'correlationId',
    );
  });
});

describe('extractPrivilegedActionRequest', () => {
  const message = { correlationId: 'pa-12345678', request: exec };

  it('unwraps { correlationId, request }', () => {
    const found = extractPrivilegedActionRequest(message);
    assert.ok(found.ok);
    assert.equal(found.correlationId, 'pa-12345678');
    assert.deepEqual(found.value, exec);
  });

  it('unwraps { ok: true, result: { correlationId, request } }', () => {
    const found = extractPrivilegedActionRequest({ ok: true, correlationId: 'outer-0001', result: message });
    assert.ok(found.ok);
    assert.equal(found.correlationId, 'pa-12345678');
    assert.deepEqual(found.value, exec);
  });

  it('accepts a bare request without a correlation id', () => {
    const found = extractPrivilegedActionRequest(exec);
    assert.ok(found.ok);
    assert.equal(found.correlationId, undefined);
  });

  it('validates what it unwraps, naming the field where it sits', () => {
    const cases: [unknown, string, string?][] = [
      [{ ...message, request: withValueAt(exec, ['payload', 'command'], 'docker') }, 'request.payload.command'],
      [{ ok: true, result: { ...message, request: withValueAt(exec, ['payload', 'shell'], true) } }, 'result.request.payload.shell'],
      [{ ok: true, result: { correlationId: 'x', request: exec } }, 'result.correlationId'],
      [{ ok: true, result: 'nope' }, 'result'],
      [{ ok: false, result: message }, 'ok'],
      [{ ok: true, result: message, shell: true }, 'shell'],
      [{ ...message, shell: true }, 'shell'],
      [{ request: exec }, 'correlationId'],
      [withValueAt(exec, ['payload', 'scope'], 'Docker'), 'payload.scope'],
      [{ action: 'system.shell.run', payload: {} }, 'action', 'ACTION_NOT_SUPPORTED'],
      [{ ...message, request: { action: 'system.shell.run', payload: {} } }, 'request.action', 'ACTION_NOT_SUPPORTED'],
      [
        { ok: true, result: { ...message, request: { action: 'system.shell.run', payload: {} } } },
        'result.request.action',
        'ACTION_NOT_SUPPORTED',
      ],
      [null, '(root)'],
      [[message], '(root)'],
    ];
    for (const [input, path, code = 'VALIDATION_FAILED'] of cases) {
      const found = extractPrivilegedActionRequest(input);
      assert.equal(found.ok, false, JSON.stringify(input).slice(0, 80));
      if (found.ok) continue;
      assert.equal(found.code, code, path);
      assert.ok(
        found.issues.some((issue) => issue.path === path),
        `${path}: ${JSON.stringify(found.issues)}`,
      );
      assert.ok(found.error.includes(path), `${path}: ${found.error}`);
    }
  });
});
