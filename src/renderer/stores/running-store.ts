// What runs now (streamed process runs and workflows), as the host pushes it; Stop asks the host to end one.
import { create } from 'zustand';
import type { RunningActionView } from '../../shared/running-actions';
import { callHost, gatehouse } from '../gatehouse';
import { useToastStore } from './toast-store';

interface RunningState {
  running: RunningActionView[];
  /** Keys (`pluginId correlationId`) whose Stop was asked and not yet answered. */
  stopping: string[];
  /** Pushes received; a list fetched before the latest push is stale. */
  pushes: number;
  load(): Promise<void>;
  receive(running: RunningActionView[]): void;
  stop(action: RunningActionView): Promise<void>;
}

export function runningKey(action: Pick<RunningActionView, 'pluginId' | 'correlationId'>): string {
  return `${action.pluginId} ${action.correlationId}`;
}

export const useRunningStore = create<RunningState>()((set, get) => ({
  running: [],
  stopping: [],
  pushes: 0,
  async load() {
    const seen = get().pushes;
    const result = await callHost(() => gatehouse().running.list());
    if (result.ok && get().pushes === seen) set({ running: result.value });
  },
  receive(running) {
    const live = new Set(running.map(runningKey));
    set((state) => ({ running, stopping: state.stopping.filter((key) => live.has(key)), pushes: state.pushes + 1 }));
  },
  async stop(action) {
    const key = runningKey(action);
    set((state) => ({ stopping: [...state.stopping, key] }));
    const result = await callHost(() => gatehouse().running.stop(action.pluginId, action.correlationId));
    if (!result.ok) {
      set((state) => ({ stopping: state.stopping.filter((entry) => entry !== key) }));
      useToastStore.getState().push('error', `"${action.summary}" could not be stopped (${result.code}): ${result.error}`);
    } else if (!result.value.stopped) {
      // It ended on its own between the click and the host's answer; the next push removes it.
      set((state) => ({ stopping: state.stopping.filter((entry) => entry !== key) }));
    }
  },
}));
