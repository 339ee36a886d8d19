import assert from 'node:assert/strict';
import { test } from 'node:test';
import { processScopeSchema } from '../../src/core/policy/process-scope';
import { fingerprintRows, shortFingerprint } from '../../src/renderer/lib/fingerprint';
import {
  EMPTY_PROCESS_FORM,
  processFormFromScope,
  processScopeFromForm,
  readSecretEnv,
  showSecretEnv,
} from '../../src/renderer/lib/scope-forms';

const FINGERPRINT = '3B7F 0C2D 9E8A 1F4B 6C5D 4E3F 2A1B 0C9D 8E7F 6A5B 4C3D 2E1F 0A9B 8C7D 6E5F 4A3B';

test('a fingerprint is shown in four rows of four groups, whatever its spacing', () => {
  const rows = fingerprintRows(FINGERPRINT);
  assert.deepEqual(rows, ['3B7F 0C2D 9E8A 1F4B', '6C5D 4E3F 2A1B 0C9D', '8E7F 6A5B 4C3D 2E1F', '0A9B 8C7D 6E5F 4A3B']);
  assert.deepEqual(fingerprintRows(FINGERPRINT.replace(/ /g, '').toLowerCase()), rows);
  assert.equal(rows.join(' '), FINGERPRINT, 'the rows joined are the fingerprint again');
  assert.deepEqual(fingerprintRows('not hex <b>'), ['not hex <b>'], 'odd input is kept as text');
  assert.equal(shortFingerprint(FINGERPRINT), '3B7F 0C2D 9E8A 1F4B');
});

test('secret env lines become a mapping the host schema accepts, and round-trip through the form', () => {
  const form = {
    ...EMPTY_PROCESS_FORM,
    id: 'registry',
    title: 'Registry',
    executables: '/usr/bin/printenv',
    tool: 'none' as const,
    secretEnv: 'API_TOKEN = registry-token\n\nREGISTRY_USER=registry.user\n',
    otherRules: { argv: [['API_TOKEN']] },
  };
  const { scope, errors } = processScopeFromForm(form);
  assert.deepEqual(errors, {});
  assert.deepEqual(scope?.secretEnv, { API_TOKEN: 'registry-token', REGISTRY_USER: 'registry.user' });
  const parsed = processScopeSchema.parse(scope);
  assert.deepEqual(parsed.secretEnv, { API_TOKEN: 'registry-token', REGISTRY_USER: 'registry.user' });
  assert.equal(processFormFromScope(parsed).secretEnv, 'API_TOKEN=registry-token\nREGISTRY_USER=registry.user');
  assert.equal(showSecretEnv(undefined), '');
});

test('bad secret env lines are named before anything is sent', () => {
  for (const text of ['API_TOKEN', '1BAD=name', 'API_TOKEN=bad name', 'A=x\nA=y', 'A=/etc/passwd']) {
    const errors: Record<string, string> = {};
    readSecretEnv(text, errors);
    assert.ok(errors.secretEnv, `refused: ${JSON.stringify(text)}`);
  }
  // __proto__ is no environment key a scope may pass (the SDK's isAllowedEnvKey): the form says so rather
  // than letting the host's schema drop it, and reading it never changes the mapping's prototype.
  const errors: Record<string, string> = {};
  const mapping = readSecretEnv('__proto__=x', errors);
  assert.match(errors.secretEnv ?? '', /"__proto__" is not an environment variable name a scope may pass/);
  assert.equal(Object.getPrototypeOf(mapping), Object.prototype, 'a key named __proto__ is data, not a prototype change');
  const { scope } = processScopeFromForm({
    ...EMPTY_PROCESS_FORM,
    id: 'registry',
    title: 'Registry',
    executables: '/usr/bin/printenv',
    tool: 'none',
    secretEnv: 'API_TOKEN=x',
    otherRules: { argv: [['API_TOKEN']] },
  });
  assert.ok(processScopeSchema.safeParse(scope).success, 'the same scope with an allowed key is accepted');
  const hostile = processScopeSchema.parse({ ...scope, secretEnv: JSON.parse('{"__proto__":"x"}') });
  assert.deepEqual(Object.keys(hostile.secretEnv), [], 'the host never keeps such a key either');
});
