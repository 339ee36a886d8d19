import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Encoding, ProcessExecResult } from '@gatehouse/plugin-sdk';
import { ActionFailure, scopeViolation } from '../action-failure';
import type { CheckedInvocation } from '../policy/check-process-invocation';
import { resolveRealPath } from '../policy/process-paths';
import { defaultSandboxRuntime, type SandboxRuntime } from '../sandbox/sandbox-runtime';
import { buildChildEnv } from './child-env';
import { verifyExecutableIdentity } from './executable-identity';
import { decodeProcessInput } from './process-input';
import type { ActionStream } from './action-stream';
import { redactSecrets } from './redact-secrets';
import { spawnBounded, type SpawnBoundedOutcome } from './spawn-bounded';

/** How much of stdout and stderr an error's details carry. */
export const ERROR_DETAIL_OUTPUT_CHARS = 8192;

export interface RunProcessOptions {
  /** Aborting kills the child's whole process group, like a timeout. */
  signal?: AbortSignal | undefined;
  /** Overrides the invocation's own input and encoding. */
  input?: string | undefined;
  encoding?: Encoding | undefined;
  /** Entries the host injects from the keychain; their values are redacted from the output. */
  secretEnv?: Readonly<Record<string, string>> | undefined;
  /** Time between SIGTERM and SIGKILL. */
  killGraceMs?: number | undefined;
  /** The sandbox the tool runs in; the host's own unless a test names another. */
  sandboxRuntime?: SandboxRuntime | undefined;
  /** The request's live stream: output goes there too as it is read, secrets redacted. */
  output?: ActionStream | undefined;
}

/** The result of a dry run: what would run, with nothing started. */
export function dryRunResult(checked: CheckedInvocation): ProcessExecResult {
  return {
    command: checked.executable,
    args: [...checked.args],
    cwd: checked.cwd,
    exitCode: null,
    signal: null,
    stdout: '',
    stderr: '',
    truncated: false,
    timedOut: false,
    durationMs: 0,
    dryRun: true,
  };
}

function spawnFailure(error: NodeJS.ErrnoException, checked: CheckedInvocation): ActionFailure {
  const details = { command: checked.executable, code: error.code ?? null };
  if (error.code === 'ENOENT')
    return new ActionFailure('PROCESS_SPAWN_ENOENT', `${checked.executable} could not be started: it does not exist.`, details);
  if (error.code === 'EACCES' || error.code === 'EPERM') {
    return new ActionFailure('PROCESS_SPAWN_PERMISSION_DENIED', `${checked.executable} could not be started: permission denied.`, details);
  }
  return new ActionFailure('OS_ERROR', `${checked.executable} could not be started (${error.code ?? 'unknown error'}).`, details);
}

function toResult(checked: CheckedInvocation, outcome: SpawnBoundedOutcome, encoding: Encoding, secrets: string[]): ProcessExecResult {
  const encode = (bytes: Buffer) => redactSecrets(bytes, secrets, outcome.truncated).toString(encoding === 'base64' ? 'base64' : 'utf8');
  return {
    command: checked.executable,
    args: [...checked.args],
    cwd: checked.cwd,
    exitCode: outcome.exitCode,
    signal: outcome.signal,
    stdout: encode(outcome.stdout),
    stderr: encode(outcome.stderr),
    truncated: outcome.truncated,
    timedOut: outcome.timedOut,
    durationMs: Math.round(outcome.durationMs),
    dryRun: false,
  };
}

function outputDetails(result: ProcessExecResult) {
  const tail = (text: string) => (text.length > ERROR_DETAIL_OUTPUT_CHARS ? text.slice(-ERROR_DETAIL_OUTPUT_CHARS) : text);
  return {
    exitCode: result.exitCode,
    signal: result.signal,
    stdout: tail(result.stdout),
    stderr: tail(result.stderr),
    command: result.command,
    args: result.args,
    cwd: result.cwd,
  };
}

/**
 * Runs a checked invocation: re-verifies the executable and working folder, builds the environment from
 * the host base, the allowed keys and the secrets, wraps the tool in the scope's OS sandbox (or refuses
 * with SANDBOX_UNAVAILABLE), spawns without a shell and maps the outcome. Resolves
 * with the result on exit code 0; otherwise throws ActionFailure (TIMEOUT, CANCELLED,
 * PROCESS_EXIT_NON_ZERO, PROCESS_SPAWN_*) carrying the partial result.
 */
export async function runCheckedProcess(checked: CheckedInvocation, options: RunProcessOptions = {}): Promise<ProcessExecResult> {
  await verifyExecutableIdentity(checked);
  if (checked.cwd !== null && (await resolveRealPath(checked.cwd)) !== checked.spawnCwd) {
    throw scopeViolation('cwd-outside-roots', `The working folder ${checked.cwd} changed since it was checked.`, { cwd: checked.cwd });
  }
  const secretEnv = options.secretEnv ?? {};
  // Recomputed now: configuration that changed since the check is neutralised too.
  const hostEnv = checked.refreshHostEnv ? await checked.refreshHostEnv() : checked.hostEnv;
  const env = buildChildEnv({ tool: checked.tool, pluginEnv: checked.env, secretEnv, hostEnv });
  const encoding = options.encoding ?? checked.encoding;
  const input = decodeProcessInput(options.input ?? checked.input, encoding);
  // Inside a sandbox a file that may not be run is the launcher's failure, not the spawn's: name it here.
  await access(checked.resolved, constants.X_OK).catch((error: NodeJS.ErrnoException) => {
    throw spawnFailure(error, checked);
  });
  const launch = await (options.sandboxRuntime ?? defaultSandboxRuntime).launch({
    resolved: checked.resolved,
    executable: checked.executable,
    args: checked.args,
    cwd: checked.spawnCwd,
    roots: checked.sandbox.roots,
    sandbox: checked.sandbox.policy,
  });

  const sink = options.output?.process({ encoding, secrets: Object.values(secretEnv), maxOutputBytes: checked.maxOutputBytes });
  const outcome = await spawnBounded({
    launch,
    cwd: checked.spawnCwd,
    env,
    input,
    maxOutputBytes: checked.maxOutputBytes,
    timeoutMs: checked.timeoutMs,
    signal: options.signal,
    killGraceMs: options.killGraceMs,
    onOutput: sink ? (stream, chunk) => sink.write(stream, chunk) : undefined,
  });
  sink?.close();
  if (outcome.spawnError) throw spawnFailure(outcome.spawnError, checked);

  const result = toResult(checked, outcome, encoding, Object.values(secretEnv));
  if (outcome.aborted) {
    throw new ActionFailure(
      'CANCELLED',
      `${checked.executable} was stopped because the request was cancelled.`,
      outputDetails(result),
      result,
    );
  }
  if (outcome.timedOut) {
    throw new ActionFailure(
      'TIMEOUT',
      `${checked.executable} did not finish within ${checked.timeoutMs} ms and was killed.`,
      outputDetails(result),
      result,
    );
  }
  if (result.exitCode !== 0) {
    const how = result.exitCode === null ? `was killed by ${result.signal ?? 'a signal'}` : `exited with code ${result.exitCode}`;
    throw new ActionFailure('PROCESS_EXIT_NON_ZERO', `${checked.executable} ${how}.`, outputDetails(result), result);
  }
  return result;
}
