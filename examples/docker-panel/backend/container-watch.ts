// Keeps the Docker panel's container list fresh in the background: one listing, then `docker events` for
// containers, streamed; each event is applied to that list and the frame is told, so a change asks nothing
// (an event the list cannot take for sure lists the containers again). The watch starts only when
// the frame asks (every command may need the user's approval), and stops for good when a request is declined,
// refused, or stopped by the user or Gatehouse, until the frame asks again. A watch that ends by itself (the
// scope's timeout ends every run) starts again; one that fails retries with growing delays, a few times.
import { requestScopedProcessExec, type PrivilegedActionErrorResponse, type ProcessExecResult } from '@gatehouse/plugin-sdk';
import type { BackendHost } from '@gatehouse/plugin-sdk/backend';
import { applyContainerEvents, changesList, type ContainerRow } from './container-events';

type ExecResponse = Awaited<ReturnType<typeof requestScopedProcessExec>>;
type Failure = PrivilegedActionErrorResponse<unknown>;
type ExecOptions = NonNullable<Parameters<typeof requestScopedProcessExec>[2]>;

/** One watch, from the frame's request until it stops or another replaces it. */
interface Watch {
  executable: string;
  controller: AbortController;
  /** Failures in a row; a listing or an events run that works resets it. */
  failures: number;
  /** The list the frame was last told, which events are applied to; null until the first listing. */
  rows: ContainerRow[] | null;
}

/** What the frame hears: the list, and the watch's state. */
export type ToFrame =
  | { type: 'containers'; rows: ContainerRow[]; cause: 'start' | 'event' }
  | {
      type: 'watch';
      state: 'starting' | 'watching' | 'retrying' | 'paused' | 'stopped';
      code?: string;
      reason?: string;
      retryInMs?: number;
    };

export interface ContainerWatchOptions {
  /** Delay before the first retry; each further one doubles it, up to 30 s. */
  retryBaseMs?: number;
  /** Failures in a row after which the watch pauses. */
  maxRetries?: number;
  /** How long a burst of events may last before the list is read again once for all of them. */
  settleMs?: number;
}

/** The read-only scope every command of the watch runs in. */
export const READ_SCOPE = 'docker-cli';
/** The same argv the panel's Refresh runs, so an approval the user gave for one covers the other. */
export const LIST_ARGS: readonly string[] = ['ps', '--all', '--format', '{{json .}}'];
/** Container events only, one JSON object per line. */
export const EVENTS_ARGS: readonly string[] = ['events', '--filter', 'type=container', '--format', '{{json .}}'];
/** Codes after which asking again would only ask the user again: the watch pauses until the frame asks. */
const PAUSING_CODES = new Set<string>([
  'CANCELLED',
  'CONFIRMATION_TIMEOUT',
  'CAPABILITY_DENIED',
  'SCOPE_NOT_CONFIGURED',
  'SCOPE_VIOLATION',
  'PLUGIN_NOT_ACTIVE',
  'PLUGIN_UNAVAILABLE',
  'SETUP_NEEDED',
  'SANDBOX_UNAVAILABLE',
  'PROCESS_SPAWN_ENOENT',
  'PROCESS_SPAWN_PERMISSION_DENIED',
  'VALIDATION_FAILED',
  'RATE_LIMITED',
  'AUDIT_UNAVAILABLE',
  'SECRET_STORE_UNAVAILABLE',
]);
const MAX_EXECUTABLE_LENGTH = 4096;
/** Events kept for one update; more than that in one burst and the list is read again. */
const MAX_QUEUED_EVENTS = 1000;

/**
 * Starts answering the frame's `{ type: 'watch', executable }` and `{ type: 'stop' }` on `host` (what
 * `connectBackend()` returned). Tells the frame `{ type: 'containers', rows, cause }` and
 * `{ type: 'watch', state, reason?, code?, retryInMs? }` with state `watching`, `retrying`, `paused` or `stopped`.
 * Returns the function that stops listening to the frame.
 */
export function startContainerWatch(
  host: Pick<BackendHost, 'postToFrame' | 'onFrameMessage'>,
  options: ContainerWatchOptions = {},
): () => void {
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const maxRetries = options.maxRetries ?? 5;
  const settleMs = options.settleMs ?? 150;
  let current: Watch | null = null;

  const tell = (message: ToFrame) => host.postToFrame(message);
  const say = (
    watch: Watch,
    state: Extract<ToFrame, { type: 'watch' }>['state'],
    extra: Omit<Extract<ToFrame, { type: 'watch' }>, 'type' | 'state'> = {},
  ) => {
    if (current === watch) tell({ type: 'watch', state, ...extra });
  };

  function run(executable: string, args: readonly string[], reason: string, options?: ExecOptions): Promise<ExecResponse> {
    return requestScopedProcessExec(READ_SCOPE, { command: executable, args: [...args], reason }, options);
  }

  /** Lists the containers and sends them; resolves with the failed envelope, or null. */
  async function list(watch: Watch, cause: 'start' | 'event'): Promise<Failure | null> {
    const response = await run(watch.executable, LIST_ARGS, 'Keep the container list fresh');
    if (current !== watch) return null;
    if (!response.ok) return response;
    watch.rows = parseJsonLines((response.result as ProcessExecResult).stdout);
    tell({ type: 'containers', rows: watch.rows, cause });
    return null;
  }

  /**
   * Streams `docker events`; the container events of a burst are applied to the list together and the frame is
   * told once, or, when the list cannot take them for sure, the containers are listed again. Resolves with the
   * envelope.
   */
  function follow(watch: Watch): Promise<ExecResponse> {
    let pending = '';
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Null after more events in one burst than are kept: the list is read again instead.
    let queued: Record<string, unknown>[] | null = [];
    // Updates run one after another, so a listing and the events after it reach the frame in order.
    let updates = Promise.resolve();
    const update = () => {
      timer = null;
      const events = queued;
      queued = [];
      updates = updates.then(async () => {
        if (current !== watch) return;
        const rows = watch.rows && events && applyContainerEvents(watch.rows, events);
        if (rows) {
          watch.rows = rows;
          tell({ type: 'containers', rows, cause: 'event' });
          return;
        }
        if (await list(watch, 'event')) watch.controller.abort();
      });
    };
    const onOutput = (data: string, stream: 'stdout' | 'stderr') => {
      if (stream !== 'stdout') return;
      pending += data;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      if (pending.length > 65_536) pending = '';
      const relevant = parseJsonLines(lines.join('\n')).filter(changesList);
      if (relevant.length === 0) return;
      if (queued && queued.length + relevant.length <= MAX_QUEUED_EVENTS) queued.push(...relevant);
      else queued = null;
      if (!timer) timer = setTimeout(update, settleMs);
    };
    return run(watch.executable, EVENTS_ARGS, 'Watch for container changes to keep the list fresh', {
      signal: watch.controller.signal,
      onOutput,
      onEvent: (event) => {
        if (event.type === 'started') say(watch, 'watching');
      },
    }).finally(() => {
      if (timer) clearTimeout(timer);
    });
  }

  async function loop(watch: Watch): Promise<void> {
    while (current === watch) {
      const failed = await list(watch, 'start');
      if (current !== watch) return;
      if (failed) {
        if (!(await settle(watch, failed))) return;
        continue;
      }
      const ended = await follow(watch);
      if (current !== watch) return;
      // The scope's timeout ends every run of a command that never ends: that is the watch going round.
      if (ended.ok || ended.code === 'TIMEOUT') {
        watch.failures = 0;
        continue;
      }
      if (!(await settle(watch, ended))) return;
    }
  }

  /** After a failure: pause (false), or wait with a growing delay and go on (true). */
  async function settle(watch: Watch, response: Failure): Promise<boolean> {
    const reason = describe(response);
    if (PAUSING_CODES.has(response.code) || response.details?.stoppedBy !== undefined || watch.failures >= maxRetries) {
      say(watch, 'paused', { code: response.code, reason });
      current = null;
      return false;
    }
    const retryInMs = Math.min(30_000, retryBaseMs * 2 ** watch.failures);
    watch.failures += 1;
    say(watch, 'retrying', { code: response.code, reason, retryInMs });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, retryInMs);
      watch.controller.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
    return current === watch;
  }

  function stop(state: 'stopped' | null): void {
    const watch = current;
    current = null;
    watch?.controller.abort();
    if (watch && state) tell({ type: 'watch', state });
  }

  return host.onFrameMessage((raw) => {
    if (!raw || typeof raw !== 'object') return;
    const data = raw as { type?: unknown; executable?: unknown };
    if (data.type === 'stop') return stop('stopped');
    if (data.type !== 'watch') return;
    const executable = data.executable;
    if (typeof executable !== 'string' || !executable.startsWith('/') || executable.length > MAX_EXECUTABLE_LENGTH) {
      tell({ type: 'watch', state: 'paused', code: 'VALIDATION_FAILED', reason: 'The docker executable must be an absolute path.' });
      return;
    }
    stop(null);
    const watch: Watch = { executable, controller: new AbortController(), failures: 0, rows: null };
    current = watch;
    tell({ type: 'watch', state: 'starting' });
    void loop(watch);
  });
}

/** One JSON object per line; other lines (warnings) are skipped. */
export function parseJsonLines(stdout: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const line of String(stdout ?? '').split('\n')) {
    const text = line.trim();
    if (!text) continue;
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) rows.push(value as Record<string, unknown>);
    } catch {
      // Not a record.
    }
  }
  return rows;
}

function describe(response: Failure): string {
  const stderr =
    String(response.details?.stderr ?? '')
      .trim()
      .split('\n')
      .at(-1) ?? '';
  return (stderr || String(response.error ?? response.code)).slice(0, 300);
}
