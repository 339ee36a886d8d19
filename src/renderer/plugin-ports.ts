// The port-to-plugin map: one MessageChannel per plugin frame; a message's plugin is the port it came on.
import {
  correlationIdSchema,
  createHostInitMessage,
  createPrivilegedActionErrorResponse,
  getPluginPortMessageKind,
  type PrivilegedActionResponse,
} from '@gatehouse/plugin-sdk';
import type { IpcResult } from '../shared/ipc-result';

/** The part of an iframe's `contentWindow` the host uses. */
export interface FrameWindow {
  postMessage(message: unknown, targetOrigin: string, transfer: never[]): void;
}

/** The host's end of a frame's channel (a MessagePort). */
export interface HostPort {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

interface Channel {
  port1: HostPort;
  port2: never;
}

/** Where plugin messages go: the host verbs, tagged with the plugin id of the port. */
export interface PortHost {
  action(pluginId: string, message: unknown): Promise<IpcResult<PrivilegedActionResponse>>;
  storage(pluginId: string, message: unknown): Promise<IpcResult<PrivilegedActionResponse>>;
}

export interface PluginPortsOptions {
  /** Requests one frame may have waiting at once; more are refused with RATE_LIMITED. */
  maxInFlight?: number;
}

const newChannel = () => new MessageChannel() as unknown as Channel;

export interface PluginPorts {
  /** Gives the frame a fresh channel; any earlier port of this plugin is closed and forgotten. */
  connect(pluginId: string, frame: FrameWindow): HostPort;
  /** Closes and forgets the plugin's port. */
  disconnect(pluginId: string): void;
  /** The plugin a live host-side port belongs to, or null for a closed or unknown one. */
  pluginIdOf(port: HostPort): string | null;
  /** Plugins that currently hold a port. */
  connected(): string[];
}

interface Connection {
  pluginId: string;
  port: HostPort;
  inFlight: number;
}

/** The message's correlation id when it is a valid one, else null. */
export function readCorrelationId(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const id = (message as { correlationId?: unknown }).correlationId;
  return typeof id === 'string' && correlationIdSchema.safeParse(id).success ? id : null;
}

/**
 * Creates the host side of the frame protocol.
 * @example const ports = createPluginPorts({ action: api.actions.request, storage: api.storage.request });
 */
export function createPluginPorts(host: PortHost, options: PluginPortsOptions = {}): PluginPorts {
  const maxInFlight = options.maxInFlight ?? 32;
  const byPlugin = new Map<string, Connection>();
  const byPort = new Map<HostPort, Connection>();

  const isCurrent = (connection: Connection) => byPlugin.get(connection.pluginId) === connection;

  async function handle(connection: Connection, message: unknown): Promise<void> {
    if (!isCurrent(connection)) return;
    const correlationId = readCorrelationId(message);
    if (connection.inFlight >= maxInFlight) {
      connection.port.postMessage(
        createPrivilegedActionErrorResponse(correlationId ?? 'unknown', 'RATE_LIMITED', `More than ${maxInFlight} requests are waiting; try again later.`),
      );
      return;
    }
    connection.inFlight += 1;
    let result: IpcResult<PrivilegedActionResponse>;
    try {
      const send = getPluginPortMessageKind(message) === 'storage' ? host.storage : host.action;
      result = await send(connection.pluginId, message);
    } catch (error) {
      result = { ok: false, code: 'INTERNAL_ERROR', error: error instanceof Error ? error.message : 'The host did not answer.' };
    } finally {
      connection.inFlight -= 1;
    }
    // A reloaded or closed frame is a different document: its answers are dropped with its port.
    if (!isCurrent(connection)) return;
    const envelope = result.ok
      ? result.value
      : createPrivilegedActionErrorResponse(correlationId ?? 'unknown', 'TRANSPORT_FAILED', `The host could not take the request: ${result.error}`, {
          hostCode: result.code,
        });
    connection.port.postMessage(envelope);
  }

  function disconnect(pluginId: string): void {
    const connection = byPlugin.get(pluginId);
    if (!connection) return;
    byPlugin.delete(pluginId);
    byPort.delete(connection.port);
    connection.port.onmessage = null;
    connection.port.close();
  }

  function connect(pluginId: string, frame: FrameWindow): HostPort {
    disconnect(pluginId);
    const channel = newChannel();
    const connection: Connection = { pluginId, port: channel.port1, inFlight: 0 };
    byPlugin.set(pluginId, connection);
    byPort.set(channel.port1, connection);
    channel.port1.onmessage = (event) => void handle(connection, event.data);
    // A sandboxed frame without allow-same-origin has an opaque origin, which no targetOrigin but '*'
    // matches; the port, not the origin, is what ties the frame to its plugin.
    frame.postMessage(createHostInitMessage(pluginId), '*', [channel.port2]);
    return channel.port1;
  }

  return {
    connect,
    disconnect,
    pluginIdOf: (port) => byPort.get(port)?.pluginId ?? null,
    connected: () => [...byPlugin.keys()],
  };
}
