import { createHash, randomUUID } from 'node:crypto';
import type {
  ActionStepStatus,
  PrivilegedActionErrorCode,
  WorkflowRunPayload,
  WorkflowRunResult,
  WorkflowStep,
  WorkflowStepResult,
} from '@gatehouse/plugin-sdk';
import type { WorkflowStepState } from '../../shared/confirmation';
import { ActionFailure } from '../action-failure';
import type { ProcessScope } from '../policy/process-scope';
import { checkProcessInvocation, runCheckedProcess, type CheckedInvocation, type InvocationContext } from './process-exec';
import type { ConfirmationPolicy, PreparedAction, RunContext } from './prepared-action';

const STEP_CODE: Partial<Record<PrivilegedActionErrorCode, PrivilegedActionErrorCode>> = { TIMEOUT: 'STEP_TIMEOUT' };

/**
 * A sequence of process steps in one scope. Every step is checked before any runs; gated steps ask the
 * user right before they run; `onError` decides whether a failure aborts the rest.
 */
export async function prepareWorkflowRun(
  payload: WorkflowRunPayload,
  deps: { scope: ProcessScope; resolveSecretEnv?: () => Promise<Record<string, string>>; context?: InvocationContext },
): Promise<PreparedAction<WorkflowRunResult>> {
  const gated = new Set(payload.confirmation?.requiredForStepIds ?? []);
  const checked: CheckedInvocation[] = [];
  for (const [index, step] of payload.steps.entries()) {
    try {
      checked.push(await checkProcessInvocation(deps.scope, step, deps.context));
    } catch (error) {
      if (error instanceof ActionFailure && error.code === 'SCOPE_VIOLATION') {
        throw new ActionFailure('STEP_SCOPE_VIOLATION', `Step "${step.title}" (${step.id}) breaks the scope: ${error.message}`, {
          ...error.details,
          stepId: step.id,
          stepTitle: step.title,
          stepIndex: index,
        });
      }
      throw error;
    }
  }
  const workflowId = `wf-${randomUUID()}`;
  const previews = checked.map((invocation) => invocation.preview);
  const dryRun = payload.dryRun === true;

  return {
    scope: deps.scope.id,
    preview: {
      kind: 'workflow.run',
      title: payload.title,
      ...(payload.summary ? { summary: payload.summary } : {}),
      ...(payload.confirmation?.message ? { message: payload.confirmation.message } : {}),
      steps: payload.steps.map((step, i) => ({
        id: step.id,
        title: step.title,
        ...(step.phase ? { phase: step.phase } : {}),
        gated: gated.has(step.id),
        onError: step.onError ?? 'abort',
        process: previews[i] as CheckedInvocation['preview'],
      })),
    },
    auditSummary: {
      title: payload.title,
      kind: payload.kind,
      steps: payload.steps.map((step, i) => ({ id: step.id, title: step.title, gated: gated.has(step.id), ...checked[i]?.auditSummary })),
    },
    auditWorkflow: { workflowId },
    confirmation: workflowConfirmation(deps.scope, payload, checked, gated),
    dryRun,
    run: (context) => runSteps(payload, checked, gated, workflowId, dryRun, context, deps.resolveSecretEnv),
    auditOutcome: (result) => ({ status: result.status, summary: result.summary }),
  };
}

/**
 * How the whole workflow is confirmed: the strictest of its steps' policies. A remembered approval is keyed by
 * the whole definition as the user saw it (title, texts, every step's invocation, its gate and its `onError`),
 * so the same steps sent again with a gate removed or `onError` changed are a different workflow and ask again.
 */
function workflowConfirmation(
  scope: ProcessScope,
  payload: WorkflowRunPayload,
  checked: CheckedInvocation[],
  gated: Set<string>,
): ConfirmationPolicy {
  const policies = checked.map((c) => c.confirmation);
  if (!policies.length || policies.some((p) => p.mode === 'always')) return { mode: 'always' };
  const remembered = policies.filter((p): p is Extract<ConfirmationPolicy, { mode: 'per-command' }> => p.mode === 'per-command');
  if (!remembered.length) return { mode: 'never' };
  const definition = {
    scope: scope.id,
    kind: payload.kind,
    title: payload.title,
    summary: payload.summary ?? null,
    message: payload.confirmation?.message ?? null,
    gates: [...gated].sort(),
    steps: payload.steps.map((step, i) => {
      const policy = policies[i] as ConfirmationPolicy;
      return {
        id: step.id,
        title: step.title,
        phase: step.phase ?? null,
        onError: step.onError ?? 'abort',
        gated: gated.has(step.id),
        invocation: policy.mode === 'per-command' ? policy.key : policy.mode,
      };
    }),
  };
  const key = createHash('sha256').update(JSON.stringify(definition)).digest('hex');
  return { mode: 'per-command', key, rememberMs: Math.min(...remembered.map((p) => p.rememberMs)) };
}

/** The plan as a gated step's prompt shows it: earlier steps with their results, this one, the rest to come. */
function stepperOf(steps: WorkflowStep[], results: WorkflowStepResult[], current: number, gated: Set<string>): WorkflowStepState[] {
  return steps.map((step, i) => {
    const base = { id: step.id, title: step.title, gated: gated.has(step.id) };
    if (i === current) return { ...base, state: 'current' };
    const result = results[i];
    if (!result) return { ...base, state: 'next' };
    if (result.status === 'ok') return { ...base, state: 'done', exitCode: result.result?.exitCode ?? null };
    if (result.status === 'skipped') return { ...base, state: 'skipped' };
    return {
      ...base,
      state: 'failed',
      ...(result.code ? { code: result.code } : {}),
      ...(result.result ? { exitCode: result.result.exitCode } : {}),
    };
  });
}

async function runSteps(
  payload: WorkflowRunPayload,
  checked: CheckedInvocation[],
  gated: Set<string>,
  workflowId: string,
  dryRun: boolean,
  context: RunContext,
  resolveSecretEnv?: () => Promise<Record<string, string>>,
): Promise<WorkflowRunResult> {
  const results: WorkflowStepResult[] = [];
  let aborted = false;
  // Set when the plugin loses a right between steps: the rest is skipped and the workflow ends with that failure.
  let withdrawn: ActionFailure | null = null;
  let firstFailure: { step: WorkflowStep; code: PrivilegedActionErrorCode; error: string } | null = null;
  const secretEnv = resolveSecretEnv && !dryRun ? await resolveSecretEnv() : {};
  const stream = dryRun ? undefined : context.stream;
  stream?.started({ steps: payload.steps.map((step) => step.id) });

  for (const [index, step] of payload.steps.entries()) {
    const stepCorrelationId = `${context.correlationId}:${step.id}`.slice(0, 128);
    const base = { stepId: step.id, title: step.title, correlationId: stepCorrelationId };
    const audit = (stepStatus: string, extra: { code?: string | null; confirmation?: string; outcome?: Record<string, unknown> } = {}) =>
      context.audit({
        phase: 'step',
        code: extra.code ?? null,
        ...(extra.outcome ? { outcome: extra.outcome } : {}),
        workflow: {
          workflowId,
          stepId: step.id,
          stepTitle: step.title,
          stepStatus,
          stepCorrelationId,
          ...(extra.confirmation ? { confirmation: extra.confirmation } : {}),
        },
      });

    const progress = (status: ActionStepStatus) => stream?.step(index, step.id, status);
    withdrawn ??= context.rightsLost?.() ?? null;
    if (aborted || dryRun || context.signal.aborted || withdrawn) {
      results.push({ ...base, status: 'skipped' });
      progress('skipped');
      if (!dryRun) await audit('skipped');
      continue;
    }

    let confirmation: string | undefined;
    if (gated.has(step.id) && index === 0 && context.approvedNow === true) {
      // The user approved the plan a moment ago, with this step first in it and marked as gated: asking again
      // for the same step before anything else ran would only train them to click twice.
      confirmation = 'approved-with-plan';
    } else if (gated.has(step.id)) {
      const invocation = checked[index] as CheckedInvocation;
      const answer = await context.confirm({
        kind: 'workflow.step',
        workflowTitle: payload.title,
        workflowId,
        stepIndex: index,
        totalSteps: payload.steps.length,
        step: { id: step.id, title: step.title, ...(step.phase ? { phase: step.phase } : {}), process: invocation.preview },
        plan: stepperOf(payload.steps, results, index, gated),
      });
      confirmation = answer;
      if (answer !== 'approved') {
        const code: PrivilegedActionErrorCode = answer === 'timeout' ? 'CONFIRMATION_TIMEOUT' : 'CANCELLED';
        const error = answer === 'timeout' ? 'The step was not approved in time.' : 'The user declined this step.';
        results.push({ ...base, status: 'error', code, error });
        progress(code === 'CANCELLED' ? 'cancelled' : 'failed');
        await audit('error', { code, confirmation });
        firstFailure ??= { step, code, error };
        if ((step.onError ?? 'abort') === 'abort') aborted = true;
        continue;
      }
      // The prompt took time: the rights are asked again right before the step runs.
      withdrawn = context.rightsLost?.() ?? null;
      if (withdrawn) {
        results.push({ ...base, status: 'skipped' });
        progress('skipped');
        await audit('skipped', { confirmation });
        continue;
      }
    }

    try {
      progress('running');
      const result = await runCheckedProcess(checked[index] as CheckedInvocation, { signal: context.signal, secretEnv, output: stream });
      results.push({ ...base, status: 'ok', result });
      progress('ok');
      await audit('ok', {
        ...(confirmation ? { confirmation } : {}),
        outcome: { exitCode: result.exitCode, durationMs: result.durationMs, truncated: result.truncated },
      });
    } catch (error) {
      const failure =
        error instanceof ActionFailure ? error : new ActionFailure('OS_ERROR', error instanceof Error ? error.message : 'The step failed.');
      const partial = failure.result as WorkflowStepResult['result'] | undefined;
      results.push({ ...base, status: 'error', code: failure.code, error: failure.message, ...(partial ? { result: partial } : {}) });
      progress(failure.code === 'CANCELLED' ? 'cancelled' : 'failed');
      await audit('error', {
        code: failure.code,
        ...(confirmation ? { confirmation } : {}),
        outcome: partial ? { exitCode: partial.exitCode, durationMs: partial.durationMs, timedOut: partial.timedOut } : {},
      });
      firstFailure ??= { step, code: failure.code, error: failure.message };
      if ((step.onError ?? 'abort') === 'abort') aborted = true;
    }
  }

  const completedSteps = results.filter((r) => r.status === 'ok').length;
  const failedSteps = results.filter((r) => r.status === 'error').length;
  const skippedSteps = results.filter((r) => r.status === 'skipped').length;
  const status = dryRun || completedSteps === results.length ? 'completed' : completedSteps === 0 ? 'failed' : 'partial';
  const result: WorkflowRunResult = {
    workflowId,
    correlationId: context.correlationId,
    scope: payload.scope,
    kind: 'process-sequence',
    title: payload.title,
    status,
    dryRun,
    summary: { totalSteps: results.length, completedSteps, failedSteps, skippedSteps },
    steps: results,
  };
  if (withdrawn && !dryRun) throw new ActionFailure(withdrawn.code, withdrawn.message, withdrawn.details, result);
  if (status === 'completed' || !firstFailure) return result;
  const { step, code, error } = firstFailure;
  const workflowCode = code === 'CANCELLED' || code === 'CONFIRMATION_TIMEOUT' ? code : (STEP_CODE[code] ?? 'STEP_FAILED');
  throw new ActionFailure(
    workflowCode,
    `Workflow "${payload.title}" ${status}: step "${step.title}" (${step.id}) failed with ${code}: ${error}`,
    {
      stepId: step.id,
      stepTitle: step.title,
      stepCode: code,
      status,
    },
    result,
  );
}
