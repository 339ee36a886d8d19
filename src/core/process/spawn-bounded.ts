import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { SandboxedLaunch } from '../sandbox/sandbox-runtime';
import { BoundedOutput } from './bounded-output';
import { killProcessGroup, signalDescendants } from './kill-process-group';

/** How long a child gets between SIGTERM and SIGKILL. */
export const DEFAULT_KILL_GRACE_MS = 2000;
// After the leader exits, how long stdout/stderr may stay open (held by a process that left the group).
const DRAIN_AFTER_EXIT_MS = 1000;

export interface SpawnBoundedOptions {
  /** The program to start, already wrapped in the sandbox: the only way this function starts anything. */
  launch: SandboxedLaunch;
  cwd: string;
  /** The child's whole environment (the launch's own entries are laid over it). */
  env: Record<string, string>;
  input: Buffer | null;
  /** Per stream; the rest is read and dropped. */
  maxOutputBytes: number;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  killGraceMs?: number | undefined;
  /** Every chunk as it is read, besides the capped copy kept for the result (live output). */
  onOutput?: ((stream: 'stdout' | 'stderr', chunk: Buffer) => void) | undefined;
}

export interface SpawnBoundedOutcome {
  pid: number | null;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: Buffer;
  /** Bytes the child wrote to each stream, kept or dropped. */
  stdoutBytes: number;
  stderrBytes: number;
  truncated: boolean;
  timedOut: boolean;
  aborted: boolean;
  durationMs: number;
  /** Set when the child could not be started (ENOENT, EACCES...). */
  spawnError: NodeJS.ErrnoException | null;
}

/**
 * The one place a tool is spawned. Runs a sandboxed launch without a shell as the leader of its own process group. stdin gets `input` then closes;
 * stdout and stderr are capped; on timeout or abort the whole group gets SIGTERM, then SIGKILL after a grace
 * period; after the leader exits, whatever is left of its group is killed. Never rejects.
 */
export function spawnBounded(options: SpawnBoundedOptions): Promise<SpawnBoundedOutcome> {
  const started = performance.now();
  const stdout = new BoundedOutput(options.maxOutputBytes);
  const stderr = new BoundedOutput(options.maxOutputBytes);
  const outcome = (fields: Partial<SpawnBoundedOutcome>): SpawnBoundedOutcome => ({
    pid: null,
    exitCode: null,
    signal: null,
    stdout: stdout.bytes(),
    stderr: stderr.bytes(),
    stdoutBytes: stdout.total,
    stderrBytes: stderr.total,
    truncated: stdout.truncated || stderr.truncated,
    timedOut: false,
    aborted: false,
    durationMs: Math.max(0, performance.now() - started),
    spawnError: null,
    ...fields,
  });
  if (options.signal?.aborted) return Promise.resolve(outcome({ aborted: true }));

  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(options.launch.file, [...options.launch.args], {
        argv0: options.launch.argv0,
        cwd: options.cwd,
        env: { ...options.env, ...options.launch.env },
        shell: false,
        detached: process.platform !== 'win32',
        windowsHide: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    } catch (error) {
      resolve(outcome({ spawnError: error as NodeJS.ErrnoException }));
      return;
    }

    let timedOut = false;
    let aborted = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const later = (ms: number, run: () => void) => timers.push(setTimeout(run, ms));

    const finish = (fields: Partial<SpawnBoundedOutcome>) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.stdin?.destroy();
      resolve(
        outcome({ pid: child.pid ?? null, timedOut, aborted, exitCode: exit?.code ?? null, signal: exit?.signal ?? null, ...fields }),
      );
    };
    const sandboxed = options.launch.sandbox === 'bwrap';
    const terminate = () => {
      // bubblewrap itself would die of SIGTERM and take the tool with it at once; the tool gets it instead.
      if (sandboxed && child.pid !== undefined) signalDescendants(child.pid, 'SIGTERM');
      else killProcessGroup(child, 'SIGTERM');
      later(options.killGraceMs ?? DEFAULT_KILL_GRACE_MS, () => killProcessGroup(child, 'SIGKILL'));
    };
    function onAbort() {
      if (exit || aborted || timedOut) return;
      aborted = true;
      terminate();
    }

    const live = options.onOutput;
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      live?.('stdout', chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      live?.('stderr', chunk);
    });
    // The child may exit without reading its input; a broken pipe there is not an error of ours.
    child.stdin?.on('error', () => {});
    child.stdout?.on('error', () => {});
    child.stderr?.on('error', () => {});

    child.once('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) finish({ spawnError: error });
    });
    child.once('spawn', () => {
      if (options.input) child.stdin?.end(options.input);
      else child.stdin?.end();
    });
    later(options.timeoutMs, () => {
      if (exit || aborted) return;
      timedOut = true;
      terminate();
    });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('exit', (code, signal) => {
      exit = sandboxed && (timedOut || aborted) ? signalledTool(code, signal) : { code, signal };
      // Grandchildren left in the group are the request's too; they go with their parent.
      killProcessGroup(child, 'SIGKILL');
      later(DRAIN_AFTER_EXIT_MS, () => finish({}));
    });
    child.once('close', () => finish({}));
  });
}

/** bubblewrap exits 128 + n when its tool dies of signal n; after the host signalled it, report the signal. */
function signalledTool(code: number | null, signal: NodeJS.Signals | null): { code: number | null; signal: NodeJS.Signals | null } {
  if (code === null || code <= 128) return { code, signal };
  const name = (Object.keys(constants.signals) as NodeJS.Signals[]).find((key) => constants.signals[key] === code - 128);
  return name ? { code: null, signal: name } : { code, signal };
}
