// The launcher port: how the core starts one plugin backend process. Under Node (tests, the development
// host) a child process inside bubblewrap; in the app an Electron utility process (src/main). The core only
// sees a channel, its output, its exit and a kill.
import type { MessageReader, MessageWriter } from 'vscode-jsonrpc';
import type { BackendChannelViolation } from './backend-channel-bounds';

/** Resource limits of one backend process. */
export interface BackendLimits {
  /** V8's old-space cap, and the base of the process's data-segment limit. */
  memoryMb: number;
  /** CPU seconds the process may use in its lifetime before the kernel stops it (SIGXCPU, then SIGKILL). */
  cpuSeconds: number;
}

export const DEFAULT_BACKEND_LIMITS: BackendLimits = { memoryMb: 128, cpuSeconds: 3600 };

export interface BackendLaunchSpec {
  pluginId: string;
  /** The real path of the verified bundle folder: the only folder the process may read. */
  bundleDir: string;
  /** The backend script, relative to the bundle (already checked to be a file of it). */
  entry: string;
  limits: BackendLimits;
}

/** Which isolation layers a launched backend actually has, shown on the plugin's page. */
export interface BackendIsolation {
  /** The OS sandbox around the process (`bwrap`), or null where the process model prevents one. */
  osSandbox: 'bwrap' | 'sandbox-exec' | null;
  /** Node's permission model: no fs outside the bundle, no child processes, no workers, no addons. */
  nodePermissions: boolean;
  /** What this launch could not apply, in words for the plugin's page; empty when nothing is missing. */
  gaps: string[];
}

export interface BackendExit {
  code: number | null;
  signal: string | null;
  /** Set when the launcher killed the process for breaking its channel's bounds. */
  violation?: BackendChannelViolation;
}

/** The JSON-RPC channel of one backend, with the flow control the host needs to bound what it holds. */
export interface BackendChannel {
  reader: MessageReader;
  writer: MessageWriter;
  /** The session took one message off its queue: the launcher may read more from the process. */
  taken(): void;
  /** Messages the host wrote or queued for the process that it has not read yet, and their bytes in the pipe. */
  writeBacklog(): { messages: number; bytes: number };
}

/** One started backend process. */
export interface LaunchedBackend {
  /** The OS process id of what was started (bubblewrap's, under the Node launcher). */
  pid: number | null;
  channel: BackendChannel;
  /** Every chunk the process writes to stdout or stderr. */
  onOutput(listener: (stream: 'stdout' | 'stderr', text: string) => void): void;
  /** Resolves once, when the process is gone. */
  exited: Promise<BackendExit>;
  /** Asks the process to end (SIGTERM). */
  terminate(): void;
  /** Ends the process and everything in its sandbox now (SIGKILL). */
  kill(): void;
  isolation: BackendIsolation;
}

export interface BackendLauncher {
  /** Starts one backend; rejects with the reason when it cannot start it with the isolation it promises. */
  launch(spec: BackendLaunchSpec): Promise<LaunchedBackend>;
}
