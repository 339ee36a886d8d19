// The host's list of running process execs and workflows: the Running indicator reads it, the user's Stop and
// a plugin's cancel end an entry's run, and streamed events leave the core through it, tagged with the plugin
// the host derived (never one a message named).
import type { ActionEvent } from '@gatehouse/plugin-sdk';
import type { ActionEventEnvelope, RunningActionView } from '../../shared/running-actions';

/** Who ended a run before it ended by itself; the audit records it as `stoppedBy`. */
export type StopCause = 'plugin' | 'user' | 'host-shutdown' | 'frame-closed' | 'paused' | 'rights-withdrawn';

/** How many streamed requests one plugin may have at once (waiting for a prompt or running). */
export const MAX_STREAMS_PER_PLUGIN = 4;
// Bytes counters move with every chunk; the list is pushed again at most this often for them.
const BYTES_NOTIFY_MS = 1000;

/** A request that may run: held from after its checks until it is answered. */
export interface RunningSlot {
  readonly pluginId: string;
  readonly correlationId: string;
  readonly streaming: boolean;
  /** Aborted when the plugin or the user stopped it (also before it started). */
  readonly signal: AbortSignal;
  /** Who stopped it, once someone did. */
  stoppedBy(): StopCause | null;
  /** Stops it for `cause` (the first cause wins). */
  stop(cause: StopCause): void;
  /** Shown in the Running list from now on. */
  start(view: Pick<RunningActionView, 'action' | 'summary' | 'startedAt'>): void;
  /** One event of this request's stream to the plugin's port. */
  emit(event: ActionEvent): void;
  /** Output bytes sent so far (shown in the list). */
  addBytesSent(bytes: number): void;
  /** Receives the plugin's acknowledgements (`ack: seq`). */
  onAck(listener: (seq: number) => void): void;
  /** Answered: off the list. */
  release(): void;
}

export type ReserveResult = { ok: true; slot: RunningSlot } | { ok: false; reason: 'too-many-streams' | 'duplicate-correlation-id' };

export interface RunningActionsService {
  list(): RunningActionView[];
  /** The user's Stop (from the Running indicator). */
  stop(pluginId: string, correlationId: string): boolean;
  /** The plugin's cancel, from its own port. */
  cancel(pluginId: string, correlationId: string): boolean;
  /** The plugin took every event up to `seq`. */
  ack(pluginId: string, correlationId: string, seq: number): boolean;
  onChange(listener: (running: RunningActionView[]) => void): () => void;
  onEvent(listener: (envelope: ActionEventEnvelope) => void): () => void;
}

export interface RunningActions extends RunningActionsService {
  readonly maxStreamsPerPlugin: number;
  /** Takes a slot for a request about to ask and run, or says why it may not. */
  reserve(pluginId: string, correlationId: string, streaming: boolean): ReserveResult;
  /** One event for a request that holds no slot (the `end` of a refused streamed request). */
  emit(pluginId: string, correlationId: string, event: ActionEvent): void;
  /** Stops every slot for `cause` (host shutdown). */
  stopAll(cause: StopCause): void;
  /** Resolves once no slot is held (every stopped run has written its outcome), or after `timeoutMs`. */
  drained(timeoutMs: number): Promise<void>;
  close(): void;
}

interface Entry {
  slot: RunningSlot;
  view: RunningActionView | null;
  ackListeners: Array<(seq: number) => void>;
}

export function createRunningActions(options: { maxStreamsPerPlugin?: number } = {}): RunningActions {
  const maxStreams = options.maxStreamsPerPlugin ?? MAX_STREAMS_PER_PLUGIN;
  const entries = new Map<string, Entry>();
  const changeListeners = new Set<(running: RunningActionView[]) => void>();
  const eventListeners = new Set<(envelope: ActionEventEnvelope) => void>();
  let bytesTimer: NodeJS.Timeout | null = null;
  const drainWaiters = new Set<() => void>();
  const keyOf = (pluginId: string, correlationId: string) => `${pluginId}\n${correlationId}`;

  const list = (): RunningActionView[] => [...entries.values()].flatMap((entry) => (entry.view ? [{ ...entry.view }] : []));
  const notify = (): void => {
    const running = list();
    for (const listener of [...changeListeners]) {
      try {
        listener(running);
      } catch {
        // One failing listener must not keep the list from the others.
      }
    }
  };
  const notifyBytesSoon = (): void => {
    if (bytesTimer) return;
    bytesTimer = setTimeout(() => {
      bytesTimer = null;
      notify();
    }, BYTES_NOTIFY_MS);
    bytesTimer.unref();
  };
  const emit = (pluginId: string, correlationId: string, event: ActionEvent): void => {
    const envelope: ActionEventEnvelope = { pluginId, correlationId, event };
    for (const listener of [...eventListeners]) {
      try {
        listener(envelope);
      } catch {
        // A failing listener must not stop the run that emits.
      }
    }
  };

  function reserve(pluginId: string, correlationId: string, streaming: boolean): ReserveResult {
    const key = keyOf(pluginId, correlationId);
    if (entries.has(key)) return { ok: false, reason: 'duplicate-correlation-id' };
    if (streaming) {
      let open = 0;
      for (const entry of entries.values()) if (entry.slot.pluginId === pluginId && entry.slot.streaming) open++;
      if (open >= maxStreams) return { ok: false, reason: 'too-many-streams' };
    }
    const controller = new AbortController();
    let cause: StopCause | null = null;
    const entry: Entry = { slot: null as unknown as RunningSlot, view: null, ackListeners: [] };
    entry.slot = {
      pluginId,
      correlationId,
      streaming,
      signal: controller.signal,
      stoppedBy: () => cause,
      stop(next) {
        if (cause !== null) return;
        cause = next;
        controller.abort();
      },
      start(view) {
        if (entries.get(key) !== entry) return;
        entry.view = { pluginId, correlationId, ...view, streaming, bytesSent: 0 };
        notify();
      },
      emit: (event) => emit(pluginId, correlationId, event),
      addBytesSent(bytes) {
        if (!entry.view || bytes <= 0) return;
        entry.view.bytesSent += bytes;
        notifyBytesSoon();
      },
      onAck: (listener) => void entry.ackListeners.push(listener),
      release() {
        if (entries.get(key) !== entry) return;
        entries.delete(key);
        if (entry.view) notify();
        if (entries.size === 0) for (const wake of [...drainWaiters]) wake();
      },
    };
    entries.set(key, entry);
    return { ok: true, slot: entry.slot };
  }

  const stopAs = (cause: StopCause) => (pluginId: string, correlationId: string) => {
    const entry = entries.get(keyOf(pluginId, correlationId));
    if (!entry || entry.slot.stoppedBy() !== null) return false;
    entry.slot.stop(cause);
    return true;
  };

  return {
    maxStreamsPerPlugin: maxStreams,
    list,
    stop: stopAs('user'),
    cancel: stopAs('plugin'),
    ack(pluginId, correlationId, seq) {
      const entry = entries.get(keyOf(pluginId, correlationId));
      if (!entry) return false;
      for (const listener of entry.ackListeners) listener(seq);
      return true;
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => void changeListeners.delete(listener);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => void eventListeners.delete(listener);
    },
    reserve,
    emit,
    stopAll(cause) {
      for (const entry of [...entries.values()]) entry.slot.stop(cause);
    },
    drained(timeoutMs) {
      if (entries.size === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          drainWaiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, timeoutMs);
        drainWaiters.add(wake);
      });
    },
    close() {
      if (bytesTimer) clearTimeout(bytesTimer);
      bytesTimer = null;
    },
  };
}

/** The app's part of running actions (list, stop, cancel, acknowledge, listen); reserving and shutdown stay the core's. */
export function runningActionsService(running: RunningActions): RunningActionsService {
  return {
    list: () => running.list(),
    stop: (pluginId, correlationId) => running.stop(pluginId, correlationId),
    cancel: (pluginId, correlationId) => running.cancel(pluginId, correlationId),
    ack: (pluginId, correlationId, seq) => running.ack(pluginId, correlationId, seq),
    onChange: (listener) => running.onChange(listener),
    onEvent: (listener) => running.onEvent(listener),
  };
}
