import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  PRIVILEGED_ACTIONS,
  isIPv4Address,
  isIPv6Address,
  isHostname,
  validateHostPrivilegedActionRequest,
  validatePrivilegedActionMessage,
  validatePrivilegedActionRequest,
} from '@gatehouse/plugin-sdk';
import { fullRequests, minimalRequests, withValueAt } from './support/fixtures.js';

describe('valid requests of every action pass', () => {
  for (const action of PRIVILEGED_ACTIONS) {
    for (const [label, request] of [
      ['every field', fullRequests[action]],
      ['required fields only', minimalRequests[action]],
    ] as const) {
      it(`${action} with ${label}`, () => {
        const result = validateHostPrivilegedActionRequest(request);
        assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
        assert.deepEqual(result.value, request);
        assert.notEqual(result.value, request, 'returns a copy');
      });
    }
    it(`${action} as a wire message`, () => {
      const result = validatePrivilegedActionMessage({ correlationId: 'pa-lq8x2k1c-1-9f3a6c0e', request: fullRequests[action] });
      assert.ok(result.ok);
    });
  }

  it('validatePrivilegedActionRequest is the same function', () => {
    assert.equal(validatePrivilegedActionRequest, validateHostPrivilegedActionRequest);
  });

  it('accepts the edge values of each limit', () => {
    const edges: [unknown, (string | number)[], unknown][] = [
      [fullRequests['system.process.exec'], ['payload', 'timeoutMs'], 3_600_000],
      [fullRequests['system.process.exec'], ['payload', 'timeoutMs'], 1],
      [fullRequests['system.fs.mutate'], ['payload', 'operations', 0, 'mode'], 0o7777],
      [fullRequests['system.fs.mutate'], ['payload', 'operations', 0, 'mode'], 0],
      [fullRequests['system.fs.mutate'], ['payload', 'scope'], 'a'.repeat(64)],
      [fullRequests['system.fs.mutate'], ['payload', 'operations', 0, 'path'], '/'],
      [fullRequests['system.fs.mutate'], ['payload', 'operations', 0, 'path'], 'C:\\Users\\dev'],
      [fullRequests['system.fs.mutate'], ['payload', 'operations', 0, 'path'], '/home/dev/.config/..hidden'],
      [fullRequests['system.process.exec'], ['payload', 'env', 'LDAP_URI'], 'ldap://x'],
      [fullRequests['system.process.exec'], ['payload', 'env', '_UNDERSCORE'], 'x'],
      [fullRequests['system.hosts.write'], ['payload', 'records', 0, 'hostname'], `${'a'.repeat(63)}.local`],
      [fullRequests['system.clipboard.write'], ['payload', 'text'], 'multi\nline\ttext\u0000 is fine on the clipboard'],
    ];
    for (const [base, path, value] of edges) {
      const result = validateHostPrivilegedActionRequest(withValueAt(base, path, value));
      assert.ok(result.ok, `${path.join('.')}=${String(value).slice(0, 30)}: ${JSON.stringify(!result.ok && result.issues)}`);
    }
  });

  it('accepts real addresses and host names', () => {
    for (const address of ['127.0.0.1', '0.0.0.0', '255.255.255.255', '10.0.0.1']) assert.ok(isIPv4Address(address), address);
    for (const address of [
      '::',
      '::1',
      'fe80::1',
      '2001:db8::8a2e:370:7334',
      '::ffff:192.168.0.1',
      '1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:1.2.3.4',
      'FE80::A',
    ]) {
      assert.ok(isIPv6Address(address), address);
    }
    for (const name of ['localhost', 'api.local', 'a', 'x-1.example.com', `${'a.'.repeat(125)}abc`]) assert.ok(isHostname(name), name);
  });
});

describe('validation as a property', () => {
  it('never throws, and what passes validates again to itself', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.record({ action: fc.constantFrom(...PRIVILEGED_ACTIONS), payload: fc.anything() })),
        (input) => {
          const result = validateHostPrivilegedActionRequest(input);
          if (result.ok) {
            const again = validateHostPrivilegedActionRequest(result.value);
            assert.ok(again.ok);
            assert.deepEqual(again.value, result.value);
          } else {
            assert.ok(result.issues.length > 0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects any extra field added to any valid request object', () => {
    const names = fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !/^[A-Z_][A-Z0-9_]*$/.test(key));
    fc.assert(
      fc.property(fc.constantFrom(...PRIVILEGED_ACTIONS), names, fc.jsonValue(), (action, key, value) => {
        const request = structuredClone(fullRequests[action]) as { payload: Record<string, unknown> };
        if (Object.prototype.hasOwnProperty.call(request.payload, key)) return;
        Object.defineProperty(request.payload, key, { value, enumerable: true, configurable: true, writable: true });
        assert.equal(validateHostPrivilegedActionRequest(request).ok, false);
      }),
      { numRuns: 300 },
    );
  });
});
