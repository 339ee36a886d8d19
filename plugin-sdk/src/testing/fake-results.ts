import type { ClipboardReadResult, ClipboardWriteResult } from '../actions/clipboard.js';
import type { FsChange, FsMutateResult, FsOperation } from '../actions/fs-mutate.js';
import type { HostsWriteResult } from '../actions/hosts.js';
import type { ProcessExecResult } from '../actions/process-exec.js';
import type { WorkflowRunResult, WorkflowStepResult } from '../actions/workflow.js';
import type { PrivilegedActionName, PrivilegedActionRequestOf, PrivilegedActionResultOf } from '../request.js';

/**
 * The success result the host would give for `request`, with `overrides` applied: the same shape a real
 * host answers with, so a plugin's code that reads results is exercised as it will run.
 * @example
 * const result = createFakeResult(createClipboardReadRequest(), { text: 'hello' });
 * // { text: 'hello', length: 5 }
 */
export function createFakeResult<A extends PrivilegedActionName>(
  request: PrivilegedActionRequestOf<A>,
  overrides: Partial<PrivilegedActionResultOf<A>> = {},
): PrivilegedActionResultOf<A> {
  const build = builders[request.action] as (
    request: PrivilegedActionRequestOf<A>,
    overrides: Partial<PrivilegedActionResultOf<A>>,
  ) => PrivilegedActionResultOf<A>;
  return build(request, overrides);
}

type Builders = {
  [A in PrivilegedActionName]: (
    request: PrivilegedActionRequestOf<A>,
    overrides: Partial<PrivilegedActionResultOf<A>>,
  ) => PrivilegedActionResultOf<A>;
};

const builders: Builders = {
  'system.clipboard.read': (_request, overrides): ClipboardReadResult => {
    const text = overrides.text ?? '';
    return { text, length: text.length, ...overrides };
  },
  'system.clipboard.write': (request, overrides): ClipboardWriteResult => ({ length: request.payload.text.length, ...overrides }),
  'system.hosts.write': (request, overrides): HostsWriteResult => ({
    tag: request.payload.tag ?? 'default',
    dryRun: request.payload.dryRun === true,
    changed: true,
    diff: '',
    recordCount: request.payload.records.length,
    ...overrides,
  }),
  'system.fs.mutate': (request, overrides): FsMutateResult => ({
    scope: request.payload.scope,
    dryRun: request.payload.dryRun === true,
    changes: request.payload.operations.map(fakeChange),
    ...overrides,
  }),
  'system.process.exec': (request, overrides): ProcessExecResult =>
    fakeProcessResult(request.payload, request.payload.dryRun === true, overrides),
  'system.workflow.run': (request, overrides): WorkflowRunResult => {
    const { payload } = request;
    const dryRun = payload.dryRun === true;
    const steps: WorkflowStepResult[] =
      overrides.steps ??
      payload.steps.map((step, index) => ({
        stepId: step.id,
        title: step.title,
        status: 'ok',
        correlationId: `wf-step-${index + 1}`,
        result: fakeProcessResult(step, dryRun, {}),
      }));
    const count = (status: WorkflowStepResult['status']) => steps.filter((step) => step.status === status).length;
    const failedSteps = count('error');
    return {
      workflowId: 'fake-workflow',
      correlationId: 'fake-workflow',
      scope: payload.scope,
      kind: payload.kind,
      title: payload.title,
      status: failedSteps === 0 ? 'completed' : count('ok') > 0 ? 'partial' : 'failed',
      dryRun,
      summary: { totalSteps: steps.length, completedSteps: count('ok'), failedSteps, skippedSteps: count('skipped') },
      steps,
      ...overrides,
    };
  },
};

function fakeChange(operation: FsOperation): FsChange {
  switch (operation.type) {
    case 'mkdir':
      return { type: 'mkdir', path: operation.path, effect: 'created' };
    case 'writeFile':
      return { type: 'writeFile', path: operation.path, effect: 'created', bytes: byteLength(operation.content, operation.encoding) };
    case 'appendFile':
      return { type: 'appendFile', path: operation.path, effect: 'appended', bytes: byteLength(operation.content, operation.encoding) };
    case 'rename':
      return { type: 'rename', path: operation.from, to: operation.to, effect: 'renamed' };
    case 'remove':
      return { type: 'remove', path: operation.path, effect: 'removed' };
  }
}

function fakeProcessResult(
  invocation: { command: string; args?: string[] | undefined; cwd?: string | undefined },
  dryRun: boolean,
  overrides: Partial<ProcessExecResult>,
): ProcessExecResult {
  return {
    command: invocation.command,
    args: invocation.args ?? [],
    cwd: invocation.cwd ?? null,
    exitCode: dryRun ? null : 0,
    signal: null,
    stdout: '',
    stderr: '',
    truncated: false,
    timedOut: false,
    durationMs: 0,
    dryRun,
    ...overrides,
  };
}

function byteLength(content: string, encoding: string | undefined): number {
  if (encoding === 'base64') return Math.floor((content.replace(/=+$/, '').length * 3) / 4);
  return new TextEncoder().encode(content).length;
}
