// Each plugin's backend as the host reports it: its state and its last log lines, reloaded when it changes.
import { create } from 'zustand';
import type { BackendLogsView, BackendStatusView } from '../../shared/backend-views';
import { callHost, gatehouse } from '../gatehouse';

/** Log lines the plugin's page keeps; the host keeps more, bounded too. */
export const SHOWN_LOG_LINES = 20;

interface BackendsState {
  /** null: the plugin has no backend; absent: not asked yet. */
  status: Record<string, BackendStatusView | null>;
  logs: Record<string, BackendLogsView>;
  load(pluginId: string): Promise<void>;
  /** Something about some backend changed: the plugins already asked about are asked again. */
  refresh(): Promise<void>;
}

export const useBackendsStore = create<BackendsState>()((set, get) => ({
  status: {},
  logs: {},
  async load(pluginId) {
    const [status, logs] = await Promise.all([
      callHost(() => gatehouse().backends.status(pluginId)),
      callHost(() => gatehouse().backends.logs(pluginId)),
    ]);
    set((state) => ({
      status: status.ok ? { ...state.status, [pluginId]: status.value } : state.status,
      logs: logs.ok ? { ...state.logs, [pluginId]: { ...logs.value, lines: logs.value.lines.slice(-SHOWN_LOG_LINES) } } : state.logs,
    }));
  },
  async refresh() {
    await Promise.all(Object.keys(get().status).map((pluginId) => get().load(pluginId)));
  },
}));
