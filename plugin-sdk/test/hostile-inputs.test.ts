import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS, PRIVILEGED_ACTIONS, validateHostPrivilegedActionRequest, validatePrivilegedActionMessage } from '@gatehouse/plugin-sdk';
import { formatPath, fullRequests, minimalRequests, objectPaths, withValueAt } from './support/fixtures.js';

interface HostileCase {
  name: string;
  input: unknown;
  /** The field path an issue must name. */
  path: string;
  code?: 'VALIDATION_FAILED' | 'ACTION_NOT_SUPPORTED';
  /** Text the issue message must contain. */
  message?: string;
}

type PathPart = string | number;
const exec = fullRequests['system.process.exec'];
const fs = fullRequests['system.fs.mutate'];
const hosts = fullRequests['system.hosts.write'];
const workflow = fullRequests['system.workflow.run'];
const clipboardWrite = fullRequests['system.clipboard.write'];

function at(base: unknown, path: PathPart[], value: unknown, name: string, extra: Partial<HostileCase> = {}): HostileCase {
  return { name, input: withValueAt(base, path, value), path: formatPath(path), ...extra };
}

/** A deep copy of `base` whose object at `path` gains the own key `key` (as JSON.parse would create it). */
function withOwnKey(base: unknown, path: PathPart[], key: string): unknown {
  const marker = '__gatehouse_test_marker__';
  const copy = withValueAt(base, [...path, marker], { polluted: true });
  return JSON.parse(JSON.stringify(copy).replace(`"${marker}"`, JSON.stringify(key)));
}

const cases: HostileCase[] = [];

// Unknown fields (a `shell: true` above all), arrays where objects go, and prototype keys, at every object of every action.
for (const action of PRIVILEGED_ACTIONS) {
  const request = fullRequests[action];
  for (const path of objectPaths(request)) {
    const where = formatPath(path);
    const isEnv = path[path.length - 1] === 'env';
    cases.push({
      name: `${action}: shell: true at ${where}`,
      input: withValueAt(request, [...path, 'shell'], true),
      path: formatPath([...path, 'shell']),
      message: isEnv ? 'env keys must match' : 'unknown field',
    });
    cases.push({ name: `${action}: array instead of object at ${where}`, input: withValueAt(request, path, []), path: where });
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      cases.push({
        name: `${action}: JSON.parse key ${key} at ${where}`,
        input: withOwnKey(request, path, key),
        path: formatPath([...path, key]),
        message: 'is not allowed',
      });
    }
  }
}

// Paths: relative, dot segments, NUL, empty segments, trailing slash, too long.
const badPaths: [string, string][] = [
  ['relative', 'project/app.env'],
  ['dot-relative', './app.env'],
  ['parent-relative', '../etc/passwd'],
  ['.. segment', '/home/dev/../../etc/passwd'],
  ['. segment', '/home/dev/./app.env'],
  ['NUL', '/home/dev/app.env\0.txt'],
  ['//', '/home//dev/app.env'],
  ['leading //', '//server/share'],
  ['trailing slash', '/home/dev/'],
  ['empty', ''],
  ['windows forward slash', 'C:/Users/dev'],
  ['windows .. segment', 'C:\\Users\\..\\Windows'],
  ['too long', `/${'a'.repeat(LIMITS.pathLength)}`],
];
const pathFields: [unknown, PathPart[]][] = [
  [fs, ['payload', 'operations', 0, 'path']],
  [fs, ['payload', 'operations', 1, 'path']],
  [fs, ['payload', 'operations', 2, 'path']],
  [fs, ['payload', 'operations', 3, 'from']],
  [fs, ['payload', 'operations', 3, 'to']],
  [fs, ['payload', 'operations', 4, 'path']],
  [exec, ['payload', 'cwd']],
  [exec, ['payload', 'command']],
  [workflow, ['payload', 'steps', 0, 'cwd']],
  [workflow, ['payload', 'steps', 1, 'command']],
];
for (const [base, path] of pathFields) {
  for (const [label, value] of badPaths) cases.push(at(base, path, value, `${formatPath(path)}: ${label} path`));
}
for (const command of ['git', './git', 'bin/git', '~/bin/git']) {
  cases.push(at(exec, ['payload', 'command'], command, `relative command ${command}`));
  cases.push(at(workflow, ['payload', 'steps', 0, 'command'], command, `relative step command ${command}`));
}

// Addresses and host names.
for (const address of [
  'abc',
  ':::::',
  '1.2.3',
  '256.1.1.1',
  '01.2.3.4',
  '1.2.3.4.5',
  ' 1.2.3.4',
  '1::2::3',
  '12345::1',
  'fe80::1%eth0',
  '::ffff:1.2.3',
  '1:2:3:4:5:6:7:8:9',
  '',
]) {
  cases.push(at(hosts, ['payload', 'records', 0, 'address'], address, `address ${JSON.stringify(address)}`));
}
for (const hostname of [
  '-a.com',
  'a-.com',
  'a..b',
  'a_b.com',
  `${'a'.repeat(64)}.com`,
  `${'a.'.repeat(126)}ab`,
  'a b',
  'a.com.',
  '',
  'example.123',
  'ex*mple.com',
]) {
  cases.push(
    at(
      hosts,
      ['payload', 'records', 1, 'hostname'],
      hostname,
      `hostname ${JSON.stringify(hostname.slice(0, 20))} (${hostname.length} chars)`,
    ),
  );
}
for (const comment of ['line one\nline two', 'a\rb', 'tab\tinside', 'x'.repeat(LIMITS.hostsCommentLength + 1)]) {
  cases.push(at(hosts, ['payload', 'records', 0, 'comment'], comment, `hosts comment ${JSON.stringify(comment.slice(0, 12))}`));
}
for (const tag of ['Local', '-dns', 'a b', '', 'x'.repeat(LIMITS.tagLength + 1)]) {
  cases.push(at(hosts, ['payload', 'tag'], tag, `hosts tag ${JSON.stringify(tag.slice(0, 12))}`));
}

// Environment keys.
for (const key of [
  'lower',
  'Mixed_Case',
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'DYLD_INSERT_LIBRARIES',
  'DYLD_LIBRARY_PATH',
  'NODE_OPTIONS',
  'PATH',
  'BASH_ENV',
  'GIT_SSH_COMMAND',
  '1ABC',
  'A-B',
  'A B',
  '',
]) {
  cases.push({
    name: `exec env key ${JSON.stringify(key)}`,
    input: withValueAt(exec, ['payload', 'env', key], 'x'),
    path: formatPath(['payload', 'env', key]),
  });
  cases.push({
    name: `step env key ${JSON.stringify(key)}`,
    input: withValueAt(workflow, ['payload', 'steps', 0, 'env', key], 'x'),
    path: formatPath(['payload', 'steps', 0, 'env', key]),
  });
}
cases.push(at(exec, ['payload', 'env', 'GOOD'], 'a\0b', 'env value with NUL'));
cases.push(at(exec, ['payload', 'env', 'GOOD'], 'x'.repeat(LIMITS.envValueLength + 1), 'oversized env value'));
cases.push(at(exec, ['payload', 'env', 'GOOD'], 42, 'env value that is not a string'));
cases.push(
  at(
    exec,
    ['payload', 'env'],
    Object.fromEntries(Array.from({ length: LIMITS.envEntries + 1 }, (_, i) => [`K${i}`, 'v'])),
    'too many env entries',
  ),
);

// Modes.
for (const mode of [1.5, -1, 0o10000, '0755', Number.NaN, Number.POSITIVE_INFINITY, null]) {
  cases.push(at(fs, ['payload', 'operations', 0, 'mode'], mode, `mkdir mode ${String(mode)}`));
  cases.push(at(fs, ['payload', 'operations', 1, 'mode'], mode, `writeFile mode ${String(mode)}`));
}

// Oversized strings, arrays and numbers.
const many = <T>(n: number, item: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => item(i));
cases.push(
  at(clipboardWrite, ['payload', 'text'], 'x'.repeat(LIMITS.clipboardTextLength + 1), 'oversized clipboard text'),
  at(clipboardWrite, ['payload', 'reason'], 'x'.repeat(LIMITS.reasonLength + 1), 'oversized reason'),
  at(
    exec,
    ['payload', 'args'],
    many(LIMITS.execArgs + 1, () => 'a'),
    'too many args',
  ),
  at(exec, ['payload', 'args', 1], 'x'.repeat(LIMITS.execArgLength + 1), 'oversized arg'),
  at(exec, ['payload', 'args', 0], 'a\0b', 'arg with NUL'),
  at(exec, ['payload', 'input'], 'x'.repeat(LIMITS.execInputLength + 1), 'oversized input'),
  at(exec, ['payload', 'timeoutMs'], LIMITS.timeoutMs + 1, 'timeout too long'),
  at(exec, ['payload', 'timeoutMs'], 0, 'zero timeout'),
  at(exec, ['payload', 'timeoutMs'], 1.5, 'fractional timeout'),
  at(exec, ['payload', 'timeoutMs'], -5, 'negative timeout'),
  at(workflow, ['payload', 'steps', 1, 'timeoutMs'], LIMITS.timeoutMs + 1, 'step timeout too long'),
  at(
    fs,
    ['payload', 'operations'],
    many(LIMITS.fsOperations + 1, (i) => ({ type: 'remove', path: `/tmp/x${i}` })),
    'too many operations',
  ),
  at(fs, ['payload', 'operations'], [], 'no operations'),
  at(fs, ['payload', 'operations', 1, 'content'], 'x'.repeat(LIMITS.fsContentLength + 1), 'oversized file content'),
  at(
    hosts,
    ['payload', 'records'],
    many(LIMITS.hostsRecords + 1, (i) => ({ address: '127.0.0.1', hostname: `h${i}.local` })),
    'too many hosts records',
  ),
  at(
    workflow,
    ['payload', 'steps'],
    many(LIMITS.workflowSteps + 1, (i) => ({ id: `s${i}`, title: 'Step', command: '/bin/true' })),
    'too many steps',
  ),
  at(workflow, ['payload', 'steps'], [], 'no steps'),
  at(workflow, ['payload', 'title'], 'x'.repeat(LIMITS.titleLength + 1), 'oversized title'),
  at(workflow, ['payload', 'title'], '', 'empty title'),
  at(workflow, ['payload', 'title'], 'two\nlines', 'multi-line title'),
  at(workflow, ['payload', 'summary'], 'x'.repeat(LIMITS.summaryLength + 1), 'oversized summary'),
  at(workflow, ['payload', 'steps', 0, 'id'], 'x'.repeat(LIMITS.stepIdLength + 1), 'oversized step id'),
  at(workflow, ['payload', 'steps', 0, 'id'], '-down', 'step id starting with -'),
  at(workflow, ['payload', 'confirmation', 'message'], 'x'.repeat(LIMITS.confirmationMessageLength + 1), 'oversized confirmation message'),
  at(workflow, ['payload', 'confirmation', 'message'], '', 'empty confirmation message'),
);

// Wrong types.
cases.push(
  at(clipboardWrite, ['payload', 'text'], 42, 'text is a number'),
  at(clipboardWrite, ['payload', 'text'], undefined, 'text is missing'),
  at(clipboardWrite, ['payload', 'reason'], ['why'], 'reason is an array'),
  at(exec, ['payload', 'args'], 'ps -a', 'args is a string'),
  at(exec, ['payload', 'args', 0], 1, 'arg is a number'),
  at(exec, ['payload', 'dryRun'], 'yes', 'dryRun is a string'),
  at(exec, ['payload', 'timeoutMs'], '100', 'timeoutMs is a string'),
  at(exec, ['payload', 'encoding'], 'latin1', 'unknown encoding'),
  at(exec, ['payload', 'command'], undefined, 'command is missing'),
  at(exec, ['payload', 'scope'], undefined, 'scope is missing'),
  at(exec, ['payload', 'scope'], 7, 'scope is a number'),
  at(hosts, ['payload', 'records'], {}, 'records is an object'),
  at(hosts, ['payload', 'records', 0, 'address'], 2130706433, 'address is a number'),
  at(hosts, ['payload', 'dryRun'], 1, 'hosts dryRun is a number'),
  at(fs, ['payload', 'operations'], { 0: { type: 'remove', path: '/tmp/x' } }, 'operations is an object'),
  at(fs, ['payload', 'operations', 0, 'type'], 'chmod', 'unknown operation type'),
  at(fs, ['payload', 'operations', 0, 'recursive'], 1, 'recursive is a number'),
  at(fs, ['payload', 'operations', 1, 'content'], Buffer.from('x').toJSON(), 'content is not a string'),
  at(fs, ['payload', 'operations', 3, 'path'], '/tmp/x', 'rename with path instead of from'),
  at(workflow, ['payload', 'steps'], { id: 'x' }, 'steps is an object'),
  at(workflow, ['payload', 'steps', 0], null, 'step is null'),
  at(workflow, ['payload', 'kind'], 'parallel', 'unknown workflow kind'),
  at(workflow, ['payload', 'steps', 0, 'onError'], 'retry', 'unknown onError'),
  at(workflow, ['payload', 'confirmation', 'requiredForStepIds'], 'down', 'requiredForStepIds is a string'),
  at(workflow, ['payload'], null, 'payload is null'),
  at(workflow, ['payload'], 'run it', 'payload is a string'),
  { name: 'request is null', input: null, path: '(root)' },
  { name: 'request is a string', input: 'system.clipboard.read', path: '(root)' },
  { name: 'request is an array', input: [minimalRequests['system.clipboard.read']], path: '(root)' },
  { name: 'action is missing', input: { payload: {} }, path: 'action' },
  { name: 'action is a number', input: { action: 1, payload: {} }, path: 'action' },
);

// Scope ids must already be normal; the message names the normal form.
for (const [scope, normal] of [
  ['Docker', 'docker'],
  [' docker', 'docker'],
  ['my docker', 'my-docker'],
  ['-docker', 'docker'],
  ['docker-', 'docker'],
  ['a/b', 'a-b'],
  ['KUBE  ctl', 'kube-ctl'],
] as const) {
  cases.push(at(exec, ['payload', 'scope'], scope, `exec scope ${JSON.stringify(scope)}`, { message: `"${normal}"` }));
  cases.push(at(fs, ['payload', 'scope'], scope, `fs scope ${JSON.stringify(scope)}`, { message: `"${normal}"` }));
  cases.push(at(workflow, ['payload', 'scope'], scope, `workflow scope ${JSON.stringify(scope)}`, { message: `"${normal}"` }));
}
cases.push(at(exec, ['payload', 'scope'], '', 'empty scope'), at(exec, ['payload', 'scope'], '---', 'scope of dashes only'));
cases.push(at(exec, ['payload', 'scope'], 'a'.repeat(LIMITS.scopeIdLength + 1), 'oversized scope'));

// Workflow structure.
cases.push(
  at(workflow, ['payload', 'steps', 1, 'id'], 'down', 'duplicate step id', { message: 'duplicate step id' }),
  at(workflow, ['payload', 'confirmation', 'requiredForStepIds'], ['down', 'deploy'], 'requiredForStepIds names no step', {
    path: 'payload.confirmation.requiredForStepIds[1]',
    message: 'names no step',
  }),
);

// Unknown actions.
for (const action of ['system.shell.run', 'system.process.spawn', 'SYSTEM.CLIPBOARD.READ', '']) {
  cases.push({
    name: `unknown action ${JSON.stringify(action)}`,
    input: { action, payload: {} },
    path: 'action',
    code: 'ACTION_NOT_SUPPORTED',
  });
}

// Structures too deep to be a request.
let deep: unknown = 'leaf';
for (let i = 0; i < 40; i++) deep = { nested: deep };
cases.push({
  name: 'nesting 40 levels deep',
  input: withValueAt(clipboardWrite, ['payload', 'reason'], deep),
  path: 'payload.reason',
  message: 'nesting deeper',
});

describe('hostile requests are rejected with the failing field named', () => {
  it('has a large table', () => {
    assert.ok(cases.length > 400, `only ${cases.length} cases`);
  });
  for (const testCase of cases) {
    it(testCase.name, () => {
      const result = validateHostPrivilegedActionRequest(testCase.input);
      assert.equal(result.ok, false, 'accepted');
      if (result.ok) return;
      assert.equal(result.code, testCase.code ?? 'VALIDATION_FAILED');
      const named = result.issues.filter(
        (issue) => issue.path === testCase.path || issue.path.startsWith(`${testCase.path}.`) || issue.path.startsWith(`${testCase.path}[`),
      );
      assert.ok(named.length > 0, `no issue names ${testCase.path}: ${JSON.stringify(result.issues)}`);
      assert.ok(result.error.includes(testCase.path), `error does not name ${testCase.path}: ${result.error}`);
      if (testCase.message) {
        assert.ok(
          named.some((issue) => issue.message.includes(testCase.message ?? '')),
          `no message with "${testCase.message}": ${JSON.stringify(named)}`,
        );
      }
    });
  }
});

describe('hostile wire messages', () => {
  const message = { correlationId: 'pa-12345678', request: minimalRequests['system.clipboard.read'] };
  it('rejects unknown fields next to the request', () => {
    const result = validatePrivilegedActionMessage({ ...message, shell: true });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(result.issues, [{ path: 'shell', message: 'unknown field' }]);
  });
  it('rejects __proto__ at the message level', () => {
    const result = validatePrivilegedActionMessage(
      JSON.parse(`{"__proto__":{"x":1},"correlationId":"pa-12345678","request":{"action":"system.clipboard.read","payload":{}}}`),
    );
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.issues[0]?.path, '__proto__');
  });
  for (const correlationId of ['short', 'x'.repeat(LIMITS.correlationIdLength + 1), 'pa 12345678', 'pa/12345678', 12345678, undefined]) {
    it(`rejects correlation id ${JSON.stringify(correlationId)?.slice(0, 20)}`, () => {
      const result = validatePrivilegedActionMessage({ ...message, correlationId });
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.issues[0]?.path, 'correlationId');
    });
  }
  it('names the request field with its message path', () => {
    const result = validatePrivilegedActionMessage({
      ...message,
      request: withValueAt(exec, ['payload', 'env', 'LD_PRELOAD'], '/tmp/x.so'),
    });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.issues[0]?.path, 'request.payload.env.LD_PRELOAD');
  });
  it('reports unknown actions inside a message as ACTION_NOT_SUPPORTED', () => {
    const result = validatePrivilegedActionMessage({ ...message, request: { action: 'system.shell.run', payload: {} } });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.code, 'ACTION_NOT_SUPPORTED');
      assert.equal(result.issues[0]?.path, 'request.action');
    }
  });
});

describe('inputs that cannot be read as plain data', () => {
  it('refuses a getter that throws instead of throwing', () => {
    const payload = Object.defineProperty({}, 'text', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const result = validateHostPrivilegedActionRequest({ action: 'system.clipboard.write', payload });
    assert.equal(result.ok, false);
  });
  it('refuses a cyclic structure', () => {
    const payload: Record<string, unknown> = { text: 'x' };
    payload.self = payload;
    const result = validateHostPrivilegedActionRequest({ action: 'system.clipboard.write', payload });
    assert.equal(result.ok, false);
  });
});
