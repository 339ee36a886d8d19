import assert from 'node:assert/strict';
import vm from 'node:vm';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  LIMITS,
  PRIVILEGED_ACTION_ERROR_CODES,
  formatPrivilegedActionError,
  getInlinePrivilegedActionErrorFormatterSource,
  type PrivilegedActionResponse,
} from '@gatehouse/plugin-sdk';

const execFailure: PrivilegedActionResponse = {
  ok: false,
  correlationId: 'pa-lq8x2k1c-1-9f3a6c0e8d2b4a71',
  code: 'PROCESS_EXIT_NON_ZERO',
  error: 'The process exited with code 128.',
  result: {
    command: '/usr/bin/git',
    args: ['commit', '-m', 'fix "quoted" thing', ''],
    cwd: '/home/dev/project',
    exitCode: 128,
    signal: null,
    stdout: 'ignored because stderr is set',
    stderr: 'fatal: not a git repository\r\n',
    truncated: false,
    timedOut: false,
    durationMs: 12,
    dryRun: false,
  },
};

const cases: { name: string; response: unknown; options?: { context?: string; maxDetailLength?: number }; expected: string }[] = [
  {
    name: 'a plain error',
    response: { ok: false, correlationId: 'pa-1', code: 'CANCELLED', error: 'The user declined.' },
    expected: 'Privileged action failed (CANCELLED): The user declined.\nCorrelation ID: pa-1',
  },
  {
    name: 'an exec failure with its partial result',
    response: execFailure,
    expected: [
      'Privileged action failed (PROCESS_EXIT_NON_ZERO): The process exited with code 128.',
      'stderr: fatal: not a git repository',
      'exitCode: 128',
      'command: /usr/bin/git commit -m "fix \\"quoted\\" thing" ""',
      'cwd: /home/dev/project',
      'Correlation ID: pa-lq8x2k1c-1-9f3a6c0e8d2b4a71',
    ].join('\n'),
  },
  {
    name: 'stdout when stderr is empty, from details, with a context',
    response: {
      ok: false,
      correlationId: 'pa-2',
      code: 'TIMEOUT',
      error: 'The process took longer than 1000 ms.',
      details: { stdout: 'line 1\nline 2\n', stderr: '  \n', exitCode: null, command: '/usr/bin/kubectl', args: ['get', 'pods'] },
    },
    options: { context: 'Listing pods failed' },
    expected: [
      'Listing pods failed (TIMEOUT): The process took longer than 1000 ms.',
      'stdout: line 1\nline 2',
      'command: /usr/bin/kubectl get pods',
      'Correlation ID: pa-2',
    ].join('\n'),
  },
  {
    name: 'details win over the result',
    response: { ...execFailure, details: { stderr: 'from details', exitCode: 2 } },
    expected: [
      'Privileged action failed (PROCESS_EXIT_NON_ZERO): The process exited with code 128.',
      'stderr: from details',
      'exitCode: 2',
      'command: /usr/bin/git commit -m "fix \\"quoted\\" thing" ""',
      'cwd: /home/dev/project',
      'Correlation ID: pa-lq8x2k1c-1-9f3a6c0e8d2b4a71',
    ].join('\n'),
  },
  {
    name: 'the failed step of a workflow',
    response: {
      ok: false,
      correlationId: 'wf-9',
      code: 'STEP_FAILED',
      error: 'Step "up" failed.',
      details: { stepId: 'up' },
      result: {
        steps: [
          { stepId: 'down', status: 'ok', result: { stdout: 'stopped', exitCode: 0, command: '/usr/bin/docker' } },
          {
            stepId: 'up',
            status: 'error',
            result: { stderr: 'port is already allocated', exitCode: 1, command: '/usr/bin/docker', args: ['compose', 'up'] },
          },
        ],
      },
    },
    expected: [
      'Privileged action failed (STEP_FAILED): Step "up" failed.',
      'stderr: port is already allocated',
      'exitCode: 1',
      'command: /usr/bin/docker compose up',
      'Correlation ID: wf-9',
    ].join('\n'),
  },
  {
    name: 'long output cut with a marker',
    response: {
      ok: false,
      correlationId: 'pa-3',
      code: 'OS_ERROR',
      error: 'e',
      details: { stderr: 'x'.repeat(LIMITS.formattedDetailLength + 500) },
    },
    expected: `Privileged action failed (OS_ERROR): e\nstderr: ${'x'.repeat(LIMITS.formattedDetailLength)}… [truncated 500 characters]\nCorrelation ID: pa-3`,
  },
  {
    name: 'a smaller bound from the options, control characters removed',
    response: {
      ok: false,
      correlationId: 'pa-4',
      code: 'OS_ERROR',
      error: 'bad\u0007 bell',
      details: { stderr: '\u001b[31mred\u001b[0m and more' },
    },
    options: { maxDetailLength: 10 },
    expected: 'Privileged action failed (OS_ERROR): bad bell\nstderr: [31mred[0m… [truncated 9 characters]\nCorrelation ID: pa-4',
  },
  { name: 'a success envelope', response: { ok: true, correlationId: 'pa-5', result: {} }, expected: '' },
  {
    name: 'something that is not an envelope',
    response: 'Internal Server Error',
    expected: 'Privileged action failed (TRANSPORT_FAILED): The host answered with something that is not a response envelope.',
  },
  {
    name: 'an error envelope with missing fields',
    response: { ok: false },
    expected: 'Privileged action failed (INTERNAL_ERROR): No error message.\nCorrelation ID: unknown',
  },
];

describe('formatPrivilegedActionError', () => {
  for (const { name, response, options, expected } of cases) {
    it(`formats ${name}`, () => {
      assert.equal(formatPrivilegedActionError(response as PrivilegedActionResponse, options), expected);
    });
  }
});

describe('getInlinePrivilegedActionErrorFormatterSource', () => {
  const source = getInlinePrivilegedActionErrorFormatterSource();
  // An empty context: any free name in the source would be a ReferenceError here.
  const inline = vm.runInNewContext(source, Object.create(null)) as (response: unknown, options?: unknown) => string;

  it('has no imports', () => {
    assert.doesNotMatch(source, /\bimport\b|\brequire\(/);
    assert.equal(typeof inline, 'function');
  });

  for (const { name, response, options, expected } of cases) {
    it(`gives the same text for ${name}`, () => {
      const copied = vm.runInNewContext(`(${JSON.stringify(response ?? null)})`);
      const copiedOptions = options && vm.runInNewContext(`(${JSON.stringify(options)})`);
      assert.equal(inline(copied, copiedOptions), expected);
    });
  }

  it('gives the same text as the module for any error envelope', () => {
    // Long texts are built cheaply around the default bound, so truncation is exercised without slow generation.
    const long = fc
      .tuple(fc.integer({ min: 1990, max: 2100 }), fc.string({ unit: 'binary', maxLength: 8 }))
      .map(([n, tail]) => 'y\r\n'.repeat(n / 3) + tail);
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), long);
    const execLike = fc.record(
      {
        stdout: text,
        stderr: text,
        exitCode: fc.oneof(fc.integer(), fc.constant(null), fc.double()),
        command: text,
        args: fc.array(text, { maxLength: 4 }),
        cwd: text,
      },
      { requiredKeys: [] },
    );
    const response = fc.record(
      {
        ok: fc.constant(false as const),
        correlationId: text,
        code: fc.constantFrom(...PRIVILEGED_ACTION_ERROR_CODES),
        error: text,
        details: execLike,
        result: fc.oneof(
          execLike,
          fc.record({ steps: fc.array(fc.record({ status: fc.constantFrom('ok', 'error'), result: execLike }), { maxLength: 3 }) }),
        ),
      },
      { requiredKeys: ['ok', 'correlationId', 'code', 'error'] },
    );
    const options = fc.record({ context: text, maxDetailLength: fc.integer({ min: 1, max: 3000 }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(response, options, (r, o) => {
        const expected = formatPrivilegedActionError(r as PrivilegedActionResponse, o);
        assert.equal(inline(r, o.maxDetailLength === undefined ? { ...o, maxDetailLength: LIMITS.formattedDetailLength } : o), expected);
      }),
      { numRuns: 200 },
    );
  });
});
