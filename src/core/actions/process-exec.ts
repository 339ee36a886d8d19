import { processExecPayloadSchema, toValidationIssues, type ProcessExecPayload, type ProcessExecResult } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../action-failure';
import { checkProcessInvocation, type InvocationContext } from '../policy/check-process-invocation';
import type { ProcessScope } from '../policy/process-scope';
import { dryRunResult, runCheckedProcess } from '../process/run-checked-process';
import type { PreparedAction } from './prepared-action';

export { checkProcessInvocation, type CheckedInvocation, type InvocationContext } from '../policy/check-process-invocation';
export { runCheckedProcess } from '../process/run-checked-process';

export interface ProcessExecDeps {
  scope: ProcessScope;
  /** The scope's secret env entries from the keychain, fetched only when the process is about to run. */
  resolveSecretEnv?: () => Promise<Record<string, string>>;
  /** What the host knows about the caller: the folders it can write (the write-then-execute rule). */
  context?: InvocationContext;
}

async function secretsFor(deps: ProcessExecDeps): Promise<Record<string, string>> {
  if (!deps.resolveSecretEnv) return {};
  try {
    return await deps.resolveSecretEnv();
  } catch (error) {
    if (error instanceof ActionFailure) throw error;
    throw new ActionFailure('SECRET_STORE_UNAVAILABLE', 'The secret environment of this scope could not be read from the OS keychain.');
  }
}

/**
 * `system.process.exec`: checks the invocation fully against its scope (executable real path and pin,
 * argv, cwd, paths, env keys, timeout) before returning; `run` spawns it without a shell.
 */
export async function prepareProcessExec(payload: ProcessExecPayload, deps: ProcessExecDeps): Promise<PreparedAction<ProcessExecResult>> {
  const parsed = processExecPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    throw new ActionFailure('VALIDATION_FAILED', 'The process exec payload does not match the contract.', {
      issues: toValidationIssues(parsed.error),
    });
  }
  if (parsed.data.scope !== deps.scope.id) {
    throw new ActionFailure('SCOPE_NOT_CONFIGURED', `The payload names scope "${parsed.data.scope}", not "${deps.scope.id}".`, {
      scope: parsed.data.scope,
    });
  }
  const checked = await checkProcessInvocation(deps.scope, parsed.data, deps.context);
  const dryRun = parsed.data.dryRun === true;
  return {
    scope: deps.scope.id,
    preview: { kind: 'process.exec', process: checked.preview },
    auditSummary: { ...checked.auditSummary, dryRun },
    confirmation: checked.confirmation,
    dryRun,
    async run(context) {
      if (dryRun) return dryRunResult(checked);
      const secretEnv = await secretsFor(deps);
      // The facts the plugin sent or may see in the result anyway; never a pid.
      context.stream?.started({ command: checked.executable, args: [...checked.args] });
      return runCheckedProcess(checked, { signal: context.signal, secretEnv, output: context.stream });
    },
    auditOutcome: (result) => ({
      exitCode: result.exitCode,
      signal: result.signal,
      durationMs: result.durationMs,
      stdoutLength: result.stdout.length,
      stderrLength: result.stderr.length,
      truncated: result.truncated,
      timedOut: result.timedOut,
      dryRun: result.dryRun,
    }),
  };
}
