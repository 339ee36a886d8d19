// Runs each plugin's backend while the plugin may act: one process per plugin, started when it becomes
// active, stopped on disable, revoke, remove and shutdown; a crash restarts it with growing delays up to a
// cap, after which the backend is unavailable with its reason. Every start, stop, crash and restart is
// audited, and the time from launch to a completed handshake is measured.
import type { ActionEvent, PrivilegedActionResponse } from '@gatehouse/plugin-sdk';
import type { PluginManifest } from '@gatehouse/plugin-sdk';
import type { PluginInfo } from '../../shared/plugin-info';
import type { HostAuditPort } from '../host-audit';
import type { Clock } from '../ports';
import {
  DEFAULT_BACKEND_LIMITS,
  type BackendExit,
  type BackendIsolation,
  type BackendLauncher,
  type BackendLimits,
  type LaunchedBackend,
} from './backend-launcher';
import { backendBundleProblem } from './bundle-view';
import { measurePluginMessage } from '../../shared/plugin-message-bounds';
import { DEFAULT_BACKEND_CHANNEL_BOUNDS } from './backend-channel-bounds';
import { createBackendLog, type BackendLog, type BackendLogLine } from './backend-log';
import { createFrameTraffic } from './frame-traffic';
import { BackendStartError, startBackendSession, type BackendSession } from './backend-session';

export type BackendState = 'stopped' | 'starting' | 'running' | 'restarting' | 'unavailable';

/** What the plugin's page shows about its backend. */
export interface BackendStatus {
  pluginId: string;
  state: BackendState;
  /** Why it is unavailable or last stopped, in words; `code` is stable. */
  reason: string | null;
  code: string | null;
  /** Restarts after crashes in the current window. */
  restarts: number;
  /** Launch to completed handshake of the latest start, in milliseconds. */
  startupMs: number | null;
  isolation: BackendIsolation | null;
}

export interface RestartPolicy {
  /** Delay before the first restart; each further one doubles it, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Restarts allowed before the backend has stayed up for windowMs; one more crash makes it unavailable. */
  maxRestarts: number;
  /** How long a run must last for the crash count to start over. */
  windowMs: number;
}

/** What became of a frame's message to its backend; `code` is stable when it was not delivered. */
export type BackendPostResult =
  { delivered: true } | { delivered: false; code: 'BACKEND_NOT_RUNNING' | 'RATE_LIMITED' | 'VALIDATION_FAILED'; error: string };

export const DEFAULT_RESTART_POLICY: RestartPolicy = { baseDelayMs: 250, maxDelayMs: 8000, maxRestarts: 3, windowMs: 60_000 };

export interface BackendSupervisorDeps {
  launcher: BackendLauncher;
  audit: HostAuditPort;
  clock: Clock;
  plugin(id: string): PluginInfo | null;
  plugins(): PluginInfo[];
  manifest(id: string): PluginManifest | null;
  contentDir(id: string): string | null;
  /** Answers one port message of this plugin (a privileged action or storage); never rejects. */
  handle(pluginId: string, message: unknown): Promise<PrivilegedActionResponse>;
  /** Stops a running request of this plugin that its backend stopped waiting for. */
  cancel(pluginId: string, correlationId: string): void;
  /** The backend took every event of its streamed request up to `seq`. */
  ack(pluginId: string, correlationId: string, seq: number): void;
  restart?: Partial<RestartPolicy>;
  limits?: BackendLimits;
  helloTimeoutMs?: number;
  /** How long a stopping backend gets after SIGTERM before SIGKILL. */
  stopGraceMs?: number;
}

interface Slot {
  status: BackendStatus;
  log: BackendLog;
  launched: LaunchedBackend | null;
  session: BackendSession | null;
  /** Set while the host itself is stopping the process, so its exit is not a crash. */
  stopping: boolean;
  timer: NodeJS.Timeout | null;
  crashes: number[];
  /** When the running backend completed its handshake (the host clock), or null while none is up. */
  upSince: number | null;
  /** Serializes starts and stops of one plugin. */
  chain: Promise<void>;
  /** Bumped on each stop: a start or a scheduled restart of an older generation does nothing. */
  generation: number;
  /** Ends the wait of a start still waiting for its handshake, so a stop queued behind it need not wait. */
  cancelStart: (() => void) | null;
  /** Messages to the frame dropped over the rate since the last log line about it. */
  droppedToFrame: number;
  droppedLoggedAt: number;
}

export function createBackendSupervisor(deps: BackendSupervisorDeps) {
  const policy = { ...DEFAULT_RESTART_POLICY, ...deps.restart };
  const limits = deps.limits ?? DEFAULT_BACKEND_LIMITS;
  const helloTimeoutMs = deps.helloTimeoutMs ?? 10_000;
  const stopGraceMs = deps.stopGraceMs ?? 2000;
  const slots = new Map<string, Slot>();
  const changeListeners = new Set<() => void>();
  const frameListeners = new Set<(pluginId: string, data: unknown) => void>();
  const changed = () => changeListeners.forEach((listener) => listener());
  const traffic = createFrameTraffic(() => deps.clock.now());

  const slotOf = (pluginId: string): Slot => {
    let slot = slots.get(pluginId);
    if (!slot) {
      slot = {
        status: { pluginId, state: 'stopped', reason: null, code: null, restarts: 0, startupMs: null, isolation: null },
        log: createBackendLog(() => deps.clock.now()),
        launched: null,
        session: null,
        stopping: false,
        timer: null,
        crashes: [],
        upSince: null,
        chain: Promise.resolve(),
        generation: 0,
        cancelStart: null,
        droppedToFrame: 0,
        droppedLoggedAt: -Infinity,
      };
      slots.set(pluginId, slot);
    }
    return slot;
  };
  const set = (slot: Slot, patch: Partial<BackendStatus>) => {
    slot.status = { ...slot.status, ...patch };
    changed();
  };
  const queue = (slot: Slot, work: () => Promise<void>): Promise<void> => {
    slot.chain = slot.chain.then(work, work).catch(() => undefined);
    return slot.chain;
  };

  const record = (pluginId: string, phase: string, summary: Record<string, unknown>) =>
    deps.audit.append({
      correlationId: null,
      pluginId,
      pluginVersion: deps.manifest(pluginId)?.version ?? null,
      action: 'plugin.backend',
      scope: null,
      phase,
      decision: null,
      code: typeof summary.code === 'string' ? summary.code : null,
      reason: typeof summary.reason === 'string' ? summary.reason : null,
      summary,
    });

  const wanted = (pluginId: string): boolean => {
    const info = deps.plugin(pluginId);
    return Boolean(info?.mayAct && deps.manifest(pluginId)?.backend && deps.contentDir(pluginId));
  };

  // Records are written before the state they describe is shown, so whoever sees the state finds its record.
  async function unavailable(pluginId: string, slot: Slot, code: string, reason: string): Promise<void> {
    slot.log.write('host', `backend unavailable: ${reason}\n`);
    await record(pluginId, 'unavailable', { code, reason }).catch(() => undefined);
    set(slot, { state: 'unavailable', code, reason });
  }

  /** Closes the channel: once the host has decided to stop a process, nothing it sends is acted on. */
  function silence(slot: Slot): void {
    slot.session?.dispose();
    slot.session = null;
  }

  /** Forgets a process the host has stopped itself. */
  function detach(slot: Slot): void {
    silence(slot);
    slot.launched = null;
  }

  /**
   * Queues a stop, taking effect at once for what is still to come: a start or a restart not yet begun
   * belongs to an older generation and does nothing, and a start waiting for a handshake stops waiting.
   */
  function requestStop(pluginId: string, slot: Slot, reason: string): Promise<void> {
    slot.generation += 1;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.cancelStart?.();
    return queue(slot, () => stop(pluginId, slot, reason));
  }

  async function start(pluginId: string, slot: Slot, generation: number): Promise<void> {
    if (generation !== slot.generation || slot.launched || !wanted(pluginId)) return;
    const manifest = deps.manifest(pluginId);
    const bundleDir = deps.contentDir(pluginId);
    if (!manifest?.backend || !bundleDir) return;
    set(slot, { state: slot.status.state === 'restarting' ? 'restarting' : 'starting', reason: null, code: null });
    const startedAt = performance.now();
    const unsafe = await backendBundleProblem(bundleDir);
    if (unsafe) {
      await unavailable(pluginId, slot, unsafe.code, unsafe.reason);
      return;
    }
    // A stop that came while the folder was checked wins: nothing is launched for an older generation.
    if (generation !== slot.generation || !wanted(pluginId)) return;
    let launched: LaunchedBackend;
    try {
      launched = await deps.launcher.launch({ pluginId, bundleDir, entry: manifest.backend.entry, limits });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      await unavailable(
        pluginId,
        slot,
        typeof code === 'string' ? code : 'BACKEND_LAUNCH_FAILED',
        error instanceof Error ? error.message : String(error),
      );
      return;
    }
    slot.launched = launched;
    slot.stopping = false;
    // Stopped while it was launching: the stop queued behind this start ends it, before it may say a word.
    if (generation !== slot.generation) return;
    launched.onOutput((stream, text) => slot.log.write(stream, text));
    const session = startBackendSession(launched, {
      pluginId,
      handle: (message) => deps.handle(pluginId, message),
      cancel: (correlationId) => deps.cancel(pluginId, correlationId),
      ack: (correlationId, seq) => deps.ack(pluginId, correlationId, seq),
      toFrame: (data) => toFrame(pluginId, slot, data),
      bounds: DEFAULT_BACKEND_CHANNEL_BOUNDS,
      helloTimeoutMs,
    });
    slot.session = session;
    void launched.exited.then((exit) => queue(slot, () => exitedNow(pluginId, slot, launched, exit)));
    const cancelled = new Promise<'cancelled'>((resolve) => (slot.cancelStart = () => resolve('cancelled')));
    try {
      // The stop queued behind this start ends the process and records it.
      if ((await Promise.race([session.ready, cancelled])) === 'cancelled') return;
    } catch (error) {
      const failure = error instanceof BackendStartError ? error : new BackendStartError('BACKEND_EXITED', String(error));
      if (failure.code === 'BACKEND_EXITED') return; // the exit handler counts it as a crash
      // A wrong version or a broken handshake does not get better by restarting.
      slot.stopping = true;
      silence(slot);
      await stopProcess(launched);
      detach(slot);
      await unavailable(pluginId, slot, failure.code, failure.message);
      return;
    } finally {
      slot.cancelStart = null;
    }
    const startupMs = Math.round((performance.now() - startedAt) * 10) / 10;
    slot.log.write('host', `backend started in ${startupMs} ms\n`);
    try {
      await record(pluginId, 'started', { startupMs, restarts: slot.status.restarts, isolation: launched.isolation });
    } catch {
      // Fail closed: a backend whose start cannot be recorded does not run.
      slot.stopping = true;
      silence(slot);
      await stopProcess(launched);
      detach(slot);
      await unavailable(pluginId, slot, 'AUDIT_UNAVAILABLE', 'the audit log could not record the start');
      return;
    }
    slot.upSince = deps.clock.now();
    set(slot, { state: 'running', startupMs, isolation: launched.isolation });
  }

  /** A backend's message for its frame: within the bounds and the plugin's rate, else dropped and noted in its log. */
  function toFrame(pluginId: string, slot: Slot, data: unknown): void {
    const measured = measurePluginMessage(data);
    if (measured.ok && traffic.admit('toFrame', pluginId, measured.chars)) {
      frameListeners.forEach((listener) => listener(pluginId, data));
      return;
    }
    slot.droppedToFrame += 1;
    // One line a second at most: the log itself must not become the flood.
    const now = deps.clock.now();
    if (now - slot.droppedLoggedAt < 1000) return;
    slot.log.write(
      'host',
      `dropped ${slot.droppedToFrame} message(s) to the frame (RATE_LIMITED or too large: ${measured.ok ? 'over the rate' : measured.reason})\n`,
    );
    slot.droppedToFrame = 0;
    slot.droppedLoggedAt = now;
  }

  async function stopProcess(launched: LaunchedBackend): Promise<void> {
    launched.terminate();
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), stopGraceMs).unref());
    if ((await Promise.race([launched.exited, timeout])) === 'timeout') launched.kill();
    await launched.exited;
  }

  async function exitedNow(pluginId: string, slot: Slot, launched: LaunchedBackend, exit: BackendExit) {
    if (slot.launched !== launched) return;
    detach(slot);
    if (slot.stopping) return;
    const now = deps.clock.now();
    // The count starts over only after a run that stayed up for the whole window. Counting crashes per
    // window instead would let a backend that crashes every 20 s restart forever.
    const stayedUp = slot.upSince !== null && now - slot.upSince >= policy.windowMs;
    slot.upSince = null;
    slot.crashes = stayedUp ? [now] : [...slot.crashes, now];
    // A channel violation is the reason, not the SIGKILL the host sent because of it.
    const exitText = exit.violation ? `killed for ${exit.violation.reason}` : (exit.signal ?? `exit code ${exit.code}`);
    slot.log.write('host', `backend crashed (${exitText})\n`);
    await record(pluginId, 'crashed', {
      exitCode: exit.code,
      signal: exit.signal,
      ...(exit.violation ? { code: exit.violation.code, reason: exitText } : {}),
    }).catch(() => undefined);
    const restarts = slot.crashes.length - 1;
    if (restarts >= policy.maxRestarts) {
      await unavailable(
        pluginId,
        slot,
        'BACKEND_CRASHED',
        `the backend crashed ${slot.crashes.length} times without staying up for ${policy.windowMs / 1000} s (last: ${exitText})`,
      );
      return;
    }
    const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** restarts);
    await record(pluginId, 'restarting', { attempt: restarts + 1, delayMs }).catch(() => undefined);
    set(slot, {
      state: 'restarting',
      restarts: restarts + 1,
      reason: `crashed (${exitText})`,
      code: exit.violation?.code ?? 'BACKEND_CRASHED',
    });
    const generation = slot.generation;
    slot.timer = setTimeout(() => {
      slot.timer = null;
      void queue(slot, () => start(pluginId, slot, generation));
    }, delayMs);
  }

  async function stop(pluginId: string, slot: Slot, reason: string): Promise<void> {
    slot.generation += 1;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.crashes = [];
    slot.upSince = null;
    const launched = slot.launched;
    if (!launched) {
      if (slot.status.state === 'stopped') return;
      // A restart that was waiting its turn is called off: that is a stop too, and it is recorded.
      if (slot.status.state === 'restarting') {
        slot.log.write('host', `backend stopped: ${reason}\n`);
        await record(pluginId, 'stopped', { reason, stopMs: 0 }).catch(() => undefined);
      }
      set(slot, { state: 'stopped', reason, code: null, restarts: 0 });
      return;
    }
    slot.stopping = true;
    silence(slot);
    const began = performance.now();
    await stopProcess(launched);
    detach(slot);
    slot.log.write('host', `backend stopped: ${reason}\n`);
    await record(pluginId, 'stopped', { reason, stopMs: Math.round(performance.now() - began) }).catch(() => undefined);
    set(slot, { state: 'stopped', reason, code: null, restarts: 0 });
  }

  return {
    /** Starts the backends that should run and stops the ones that should not; returns when all are settled. */
    async reconcile(): Promise<void> {
      const ids = new Set([...deps.plugins().map((info) => info.id), ...slots.keys()]);
      const work: Promise<void>[] = [];
      for (const id of ids) {
        const slot = slotOf(id);
        if (wanted(id)) {
          if (slot.status.state === 'stopped') {
            const generation = slot.generation;
            work.push(queue(slot, () => start(id, slot, generation)));
          }
        } else if (slot.launched || slot.timer || slot.status.state !== 'stopped') {
          const info = deps.plugin(id);
          work.push(requestStop(id, slot, info ? `plugin ${info.status}${info.mayAct ? '' : ', may not act'}` : 'plugin removed'));
        }
      }
      // Starts and stops queued earlier (by another change) count too: settled means all of them are done.
      await Promise.all([...work, ...[...slots.values()].map((slot) => slot.chain)]);
    },
    /** Stops one plugin's backend (disable, revoke, remove) and waits until its process is gone. */
    stop(pluginId: string, reason: string): Promise<void> {
      const slot = slots.get(pluginId);
      return slot ? requestStop(pluginId, slot, reason) : Promise.resolve();
    },
    /** Stops every backend: the host is shutting down. */
    async stopAll(reason: string): Promise<void> {
      await Promise.all([...slots.entries()].map(([id, slot]) => requestStop(id, slot, reason)));
    },
    status(pluginId: string): BackendStatus | null {
      if (!deps.manifest(pluginId)?.backend) return null;
      return { ...slotOf(pluginId).status };
    },
    logs(pluginId: string): { lines: BackendLogLine[]; dropped: number } {
      const slot = slots.get(pluginId);
      return slot ? { lines: slot.log.lines(), dropped: slot.log.dropped() } : { lines: [], dropped: 0 };
    },
    /** The OS process id of the running backend (what the launcher started), for tests and diagnostics. */
    pid(pluginId: string): number | null {
      return slots.get(pluginId)?.launched?.pid ?? null;
    },
    /** Passes a message from the plugin's frame to its running backend, within the bounds and the plugin's rate. */
    fromFrame(pluginId: string, data: unknown): BackendPostResult {
      const session = slots.get(pluginId)?.session;
      if (!session || slots.get(pluginId)?.status.state !== 'running')
        return { delivered: false, code: 'BACKEND_NOT_RUNNING', error: 'The plugin has no running backend.' };
      const measured = measurePluginMessage(data);
      if (!measured.ok)
        return { delivered: false, code: 'VALIDATION_FAILED', error: `The message is too large or not plain data: ${measured.reason}.` };
      if (!traffic.admit('fromFrame', pluginId, measured.chars))
        return { delivered: false, code: 'RATE_LIMITED', error: 'Too many messages to the backend; try again later.' };
      if (!session.fromFrame(data, measured.chars))
        return { delivered: false, code: 'RATE_LIMITED', error: 'The backend is not taking its messages; try again later.' };
      return { delivered: true };
    },
    /** One event of a streamed request of this plugin; its backend gets it only when the request is its own. */
    deliverEvent(pluginId: string, correlationId: string, event: ActionEvent): void {
      slots.get(pluginId)?.session?.event(correlationId, event);
    },
    onFrameMessage(listener: (pluginId: string, data: unknown) => void): () => void {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    onChange(listener: () => void): () => void {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
  };
}

export type BackendSupervisor = ReturnType<typeof createBackendSupervisor>;
