import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { parse } from 'node:path';
import canonicalize from 'canonicalize';
import type { Encoding } from '@gatehouse/plugin-sdk';
import type { ProcessPreview } from '../../shared/confirmation';
import { ActionFailure, scopeViolation } from '../action-failure';
import type { ConfirmationPolicy } from '../actions/prepared-action';
import { resolveAllowedExecutable, type ExecutableIdentity } from '../process/executable-identity';
import { decodeProcessInput } from '../process/process-input';
import { invocationSandbox, type InvocationSandbox } from '../sandbox/invocation-sandbox';
import { checkArgumentRules } from './check-argument-rules';
import { envKeyProblem } from './process-env-rules';
import { checkWriteThenExecute } from './check-write-then-execute';
import { neutralizedGitEnv } from './git-config-probe';
import { pathFormProblem } from './path-form';
import { isInside, joinUnnormalized, realRoots, resolveRealPath } from './process-paths';
import type { ProcessScope, ProcessTool } from './process-scope';
import { toolGrammar, type PathValue } from './process-tools';
import { checkKeyFilesAbsent } from './process-tools/ssh-keygen';

/** What a plugin asks to run: the fields a process exec payload and a workflow step share. */
export interface ProcessInvocation {
  command: string;
  args?: readonly string[] | undefined;
  cwd?: string | undefined;
  env?: Readonly<Record<string, string>> | undefined;
  timeoutMs?: number | undefined;
  input?: string | undefined;
  encoding?: Encoding | undefined;
}

/** An invocation that passed every rule of its scope: everything needed to confirm, audit and spawn it. */
export interface CheckedInvocation extends ExecutableIdentity {
  scopeId: string;
  tool: ProcessTool;
  args: string[];
  /** The working folder as asked (or the scope's first root when none was asked), null when there is none. */
  cwd: string | null;
  /** The real path of that folder, which the child is started in. */
  spawnCwd: string;
  /** The plugin's environment entries, every key allowed by the scope. */
  env: Record<string, string>;
  /** Entries the host sets for this tool over everything else. */
  hostEnv: Record<string, string>;
  /** Recomputes {@link hostEnv} right before the spawn (git: the repository's configuration may have changed). */
  refreshHostEnv?: () => Promise<Record<string, string>>;
  timeoutMs: number;
  maxOutputBytes: number;
  input: string | null;
  encoding: Encoding;
  /** The canonical subcommand path, `""` for none, null for tool `none`. */
  subcommand: string | null;
  preview: ProcessPreview;
  /** Executable, argv, cwd, env keys (never values), timeout, input length and sha256. */
  auditSummary: Record<string, unknown>;
  confirmation: ConfirmationPolicy;
  /** The OS sandbox the tool runs in. */
  sandbox: InvocationSandbox;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function checkEnv(scope: ProcessScope, env: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(env)) {
    const problem = scope.allowedEnvKeys.includes(key) ? envKeyProblem(key, scope.tool) : 'this scope does not list it';
    if (problem) throw scopeViolation('env-key-not-allowed', `The environment key "${key}" is not allowed: ${problem}.`, { key });
  }
}

async function checkCwd(cwd: string | null, roots: string[]): Promise<string> {
  if (cwd === null) return parse(process.cwd()).root;
  const real = await resolveRealPath(cwd);
  if (!roots.some((root) => isInside(real, root))) {
    throw scopeViolation('cwd-outside-roots', `The working folder ${cwd} is not inside this scope's folders.`, { cwd, resolved: real });
  }
  const stats = await stat(real).catch(() => null);
  if (!stats) throw new ActionFailure('OS_ERROR', `The working folder ${cwd} does not exist.`, { cwd, code: 'ENOENT' });
  if (!stats.isDirectory()) throw new ActionFailure('OS_ERROR', `The working folder ${cwd} is not a folder.`, { cwd, code: 'ENOTDIR' });
  return real;
}

function pathsOf(value: PathValue): string[] {
  const afterKey = (entry: string) => (entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : entry);
  if (value.form === 'keyed') return [afterKey(value.value)];
  if (value.form === 'keyed-list') return value.value.split(',').map(afterKey);
  return value.value === '-' ? [] : [value.value];
}

/**
 * Checks every path an option or operand names, in argv order (a `git -C` or `terraform -chdir` moves the
 * base of later relative paths). The path checked is the path the tool opens: forms a tool could read
 * differently from the host are refused rather than normalised. Returns the final base folder.
 */
async function checkPathValues(values: readonly PathValue[], spawnCwd: string, roots: string[]): Promise<string> {
  let base = spawnCwd;
  for (const value of values) {
    for (const path of pathsOf(value)) {
      const refuse = (why: string, resolved?: string) =>
        scopeViolation('path-outside-roots', `The value of ${value.option} (${JSON.stringify(path)}) ${why}.`, {
          option: value.option,
          value: path,
          ...(resolved ? { resolved } : {}),
        });
      const problem = pathFormProblem(path, value.accepts ?? 'path');
      if (problem === 'remote') continue;
      if (problem) throw refuse(problem);
      const resolved = await resolveRealPath(joinUnnormalized(base, path));
      if (!roots.some((root) => isInside(resolved, root))) throw refuse("is not inside this scope's folders", resolved);
      if (value.chdir) base = resolved;
    }
  }
  return base;
}

function confirmationFor(
  scope: ProcessScope,
  checked: Omit<CheckedInvocation, 'preview' | 'auditSummary' | 'confirmation' | 'sandbox'>,
): ConfirmationPolicy {
  if (scope.confirmation.mode !== 'per-command') return { mode: scope.confirmation.mode };
  // Remembered approvals are for exactly this program, argv, folder, environment and input.
  const key = sha256(
    canonicalize({
      scope: scope.id,
      executable: checked.resolved,
      args: checked.args,
      cwd: checked.spawnCwd,
      env: checked.env,
      input: checked.input === null ? null : sha256(checked.input),
      encoding: checked.encoding,
      // A wider sandbox is a different approval.
      sandbox: scope.sandbox,
    }) as string,
  );
  return { mode: 'per-command', key, rememberMs: scope.confirmation.rememberMs };
}

/** What the host knows about the caller beyond the scope. */
export interface InvocationContext {
  /** Folders the calling plugin may write (every fs scope's roots when it holds system.fs.mutate). */
  writableRoots?: readonly string[];
  /** The home folder the tool's configuration lives under; the user's own when omitted. */
  homeDir?: string;
}

/**
 * Checks one invocation against a process scope: the executable (real path, shell check, sha256 pin), the
 * timeout ceiling, env keys, argv (grammar, subcommands, flags, operands), the working folder and every
 * path-valued option and operand, all after resolving symlinks; then that the tool does not load code
 * the caller could have written, and for git the configuration that neutralises the repository's own.
 * Throws ActionFailure (SCOPE_VIOLATION with `details.reason` naming the rule) and starts nothing.
 */
export async function checkProcessInvocation(
  scope: ProcessScope,
  invocation: ProcessInvocation,
  context: InvocationContext = {},
): Promise<CheckedInvocation> {
  const identity = await resolveAllowedExecutable(scope, invocation.command);
  const timeoutMs = invocation.timeoutMs ?? scope.timeoutCeilingMs;
  if (timeoutMs > scope.timeoutCeilingMs) {
    throw scopeViolation(
      'timeout-above-ceiling',
      `A timeout of ${timeoutMs} ms is above this scope's ceiling of ${scope.timeoutCeilingMs} ms.`,
      {
        timeoutMs,
        ceilingMs: scope.timeoutCeilingMs,
      },
    );
  }
  const env = { ...(invocation.env ?? {}) };
  checkEnv(scope, env);
  const args = [...(invocation.args ?? [])];
  const { subcommand, pathValues, parsed } = checkArgumentRules(scope, args);
  const roots = await realRoots(scope.cwdRoots);
  const cwd = invocation.cwd ?? scope.cwdRoots[0] ?? null;
  const spawnCwd = await checkCwd(cwd, roots);
  const toolFolder = await checkPathValues(pathValues, spawnCwd, roots);
  if (scope.tool === 'ssh-keygen' && subcommand === 'create') {
    await checkKeyFilesAbsent(await resolveRealPath(joinUnnormalized(spawnCwd, args[7] as string)));
  }
  const grammar = toolGrammar(scope.tool);
  if (grammar && parsed) {
    await checkWriteThenExecute({
      grammar,
      parsed,
      toolFolder,
      pathValues,
      writableRoots: context.writableRoots ?? [],
      homeDir: context.homeDir ?? homedir(),
    });
  }
  let hostEnv: Record<string, string> = { ...(grammar?.hostEnv ?? {}) };
  let refreshHostEnv: (() => Promise<Record<string, string>>) | undefined;
  if (scope.tool === 'git' && parsed) {
    const inRepository = !['init', 'clone'].includes(parsed.path[0] ?? '');
    const target = { resolved: identity.resolved, spawnCwd, globals: parsed.globals, roots, inRepository };
    hostEnv = await neutralizedGitEnv(target);
    refreshHostEnv = () => neutralizedGitEnv(target);
  }

  const input = invocation.input ?? null;
  const encoding = invocation.encoding ?? 'utf8';
  decodeProcessInput(input, encoding);
  const envKeys = Object.keys(env).sort();
  const sandbox = await invocationSandbox(scope.sandbox, roots);
  const base = {
    ...identity,
    scopeId: scope.id,
    tool: scope.tool,
    args,
    cwd,
    spawnCwd,
    env,
    hostEnv,
    ...(refreshHostEnv ? { refreshHostEnv } : {}),
    timeoutMs,
    maxOutputBytes: scope.maxOutputBytes,
    input,
    encoding,
    subcommand,
  };
  return {
    ...base,
    preview: { executable: identity.executable, args, cwd, envKeys, timeoutMs, sandbox: sandbox.preview },
    auditSummary: {
      executable: identity.executable,
      resolvedExecutable: identity.resolved,
      argv: args,
      cwd,
      envKeys,
      timeoutMs,
      subcommand,
      encoding,
      input: input === null ? null : { length: input.length, sha256: sha256(input) },
      sandbox: sandbox.preview,
    },
    confirmation: confirmationFor(scope, base),
    sandbox,
  };
}
