// Plugin backends as the app sees them: status and logs for the plugin's page, and the messages between a
// backend and its plugin's frame. Without a launcher every plugin's backend reads as not running.
import type { BackendLogLine } from '../backends/backend-log';
import type { BackendPostResult, BackendStatus, BackendSupervisor } from '../backends/backend-supervisor';

export interface BackendsService {
  /** The backend's state, or null for a plugin without one. */
  status(pluginId: string): BackendStatus | null;
  /** What the backend wrote (bounded), with how many older lines were dropped. */
  logs(pluginId: string): { lines: BackendLogLine[]; dropped: number };
  /** A message from the plugin's own frame to its backend; not delivered (with a stable code) when none runs or it is over its rate. */
  fromFrame(pluginId: string, data: unknown): BackendPostResult;
  /** Messages a backend sends to its plugin's frame. */
  onFrameMessage(listener: (pluginId: string, data: unknown) => void): () => void;
  onChange(listener: () => void): () => void;
  /** Starts and stops backends to match the plugins now; resolves when every change has settled. */
  settle(): Promise<void>;
  /** The OS process id of a running backend (diagnostics and tests), or null. */
  processId(pluginId: string): number | null;
}

export function createBackendsView(supervisor: BackendSupervisor | null): BackendsService {
  if (!supervisor) {
    return {
      status: () => null,
      logs: () => ({ lines: [], dropped: 0 }),
      fromFrame: () => ({ delivered: false, code: 'BACKEND_NOT_RUNNING', error: 'The plugin has no running backend.' }),
      onFrameMessage: () => () => undefined,
      onChange: () => () => undefined,
      settle: async () => undefined,
      processId: () => null,
    };
  }
  return {
    status: (id) => supervisor.status(id),
    logs: (id) => supervisor.logs(id),
    fromFrame: (id, data) => supervisor.fromFrame(id, data),
    onFrameMessage: (listener) => supervisor.onFrameMessage(listener),
    onChange: (listener) => supervisor.onChange(listener),
    settle: () => supervisor.reconcile(),
    processId: (id) => supervisor.pid(id),
  };
}
