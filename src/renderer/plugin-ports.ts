// The port-to-plugin map: one MessageChannel per plugin frame; a message's plugin is the port it came on.
import {
  actionAckMessageSchema,
  actionCancelMessageSchema,
  actionEventSchema,
  correlationIdSchema,
  createHostInitMessage,
  createHostThemeMessage,
  createPrivilegedActionErrorResponse,
  isBackendPortMessage,
  getPluginPortMessageKind,
  type HostTheme,
  type PrivilegedActionResponse,
} from '@gatehouse/plugin-sdk';
import { isOwnPluginFrameUrl } from '../shared/frame-navigation';
import type { IpcResponse } from '../shared/ipc-contract';
import type { IpcResult } from '../shared/ipc-result';
import { checkPluginMessageBounds } from '../shared/plugin-message-bounds';
import type { ActionEventEnvelope } from '../shared/running-actions';
import { requestsStream } from '../shared/stream-request';

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
  /** The plugin's document is gone: the host withdraws its prompts and cancels its running requests. */
  frameClosed(pluginId: string): void;
  /** The plugin asked on its port to stop one of its running requests. */
  cancel?(pluginId: string, correlationId: string): void;
  /** The plugin took every event of one request up to `seq`. */
  ack?(pluginId: string, correlationId: string, seq: number): void;
  /** The plugin's frame sent `data` to its own backend; the answer says whether the host took it. */
  toBackend?(pluginId: string, data: unknown): Promise<IpcResult<IpcResponse<'backend:post'>>>;
}

export interface PluginPortsOptions {
  /**
   * Requests one plugin may have waiting at once, over all its documents, and, counted apart, messages to its
   * backend the host has not answered yet; more are refused with RATE_LIMITED.
   */
  maxInFlight?: number;
  /** How long a streamed request's final envelope waits for the stream's `end` event before it is posted anyway. */
  endWaitMs?: number;
}

/** Where the host said a plugin's frame loads from (the frame store's entry). */
export interface FrameLocation {
  url: string;
  origin: string;
}

const newChannel = () => new MessageChannel() as unknown as Channel;

export interface PluginPorts {
  /**
   * Gives the frame a fresh channel when `location` is the plugin's own; any earlier port of this plugin is
   * closed and its document's requests withdrawn. Returns null, and posts nothing, for a foreign location.
   */
  connect(pluginId: string, frame: FrameWindow, location: FrameLocation): HostPort | null;
  /** Closes and forgets the plugin's port; its waiting prompts are withdrawn. */
  disconnect(pluginId: string): void;
  /** The plugin a live host-side port belongs to, or null for a closed or unknown one. */
  pluginIdOf(port: HostPort): string | null;
  /** Plugins that currently hold a port. */
  connected(): string[];
  /**
   * The app's theme: posted on every port now and on each new port right after its init. Only the theme's
   * name crosses, as a validated message on the plugin's own port.
   */
  setTheme(theme: HostTheme): void;
  /**
   * One event of a streamed request from the host: posted on that plugin's current port only, as
   * `{ correlationId, event }`; the stream's `end` releases the final envelope instead of being posted.
   */
  deliverEvent(envelope: ActionEventEnvelope): void;
  /** A message from the plugin's backend: posted as `{ backend: data }` on that plugin's current port only. */
  deliverBackendMessage(pluginId: string, data: unknown): void;
}

/** A streamed request of one document: whether its `end` came, and who waits for it. */
interface OpenStream {
  ended: boolean;
  wake: (() => void) | null;
}

interface Connection {
  pluginId: string;
  port: HostPort;
  streams: Map<string, OpenStream>;
}

/** The message's correlation id when it is a valid one, else null. */
export function readCorrelationId(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const id = (message as { correlationId?: unknown }).correlationId;
  return typeof id === 'string' && correlationIdSchema.safeParse(id).success ? id : null;
}

/**
 * Creates the host side of the frame protocol.
 * @example const ports = createPluginPorts({ action: api.actions.request, storage: api.storage.request, frameClosed });
 */
export function createPluginPorts(host: PortHost, options: PluginPortsOptions = {}): PluginPorts {
  const maxInFlight = options.maxInFlight ?? 32;
  const endWaitMs = options.endWaitMs ?? 5000;
  const byPlugin = new Map<string, Connection>();
  const byPort = new Map<HostPort, Connection>();
  // Counted per plugin, not per port: a reload is a new port but the same plugin, and its old requests
  // still count until the host has withdrawn them.
  const inFlight = new Map<string, number>();
  // Messages to a backend have no answer for the frame, so without this count a frame could queue any number
  // of them on the way to the host.
  const backendInFlight = new Map<string, number>();
  let theme: HostTheme | null = null;
  const postTheme = (connection: Connection) => {
    if (theme) connection.port.postMessage(createHostThemeMessage(theme));
  };

  const isCurrent = (connection: Connection) => byPlugin.get(connection.pluginId) === connection;
  const refuse = (connection: Connection, correlationId: string | null, code: 'RATE_LIMITED' | 'VALIDATION_FAILED', error: string) =>
    connection.port.postMessage(createPrivilegedActionErrorResponse(correlationId ?? 'unknown', code, error));

  /** A cancel or an ack: forwarded when valid, else dropped (an answer would settle the request it names). */
  function control(connection: Connection, kind: 'cancel' | 'ack', message: unknown): void {
    if (kind === 'cancel') {
      const cancel = actionCancelMessageSchema.safeParse(message);
      if (cancel.success) host.cancel?.(connection.pluginId, cancel.data.correlationId);
      return;
    }
    const ack = actionAckMessageSchema.safeParse(message);
    if (ack.success && connection.streams.has(ack.data.correlationId))
      host.ack?.(connection.pluginId, ack.data.correlationId, ack.data.ack);
  }

  /** Resolves once the stream's `end` came (or after `endWaitMs`): every event is on the port before the envelope. */
  function streamEnded(connection: Connection, correlationId: string): Promise<void> {
    const stream = connection.streams.get(correlationId);
    if (!stream || stream.ended) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => stream.wake?.(), endWaitMs);
      stream.wake = () => {
        clearTimeout(timer);
        stream.wake = null;
        resolve();
      };
    });
  }

  async function handle(connection: Connection, message: unknown): Promise<void> {
    if (!isCurrent(connection)) return;
    const correlationId = readCorrelationId(message);
    // Bounded here, before the message is cloned again for IPC or parsed: a huge one costs one short walk.
    const bounded = checkPluginMessageBounds(message);
    if (!bounded.ok)
      return refuse(connection, correlationId, 'VALIDATION_FAILED', `The message is too large or not plain data: ${bounded.reason}.`);
    // To the plugin's own backend: the plugin is the port's, never a field of the message.
    if (isBackendPortMessage(message, 'toBackend')) return toBackend(connection, message.toBackend);
    const kind = getPluginPortMessageKind(message);
    if (kind === 'cancel' || kind === 'ack') return control(connection, kind, message);
    const { pluginId } = connection;
    const streamed = correlationId !== null && requestsStream(message) && !connection.streams.has(correlationId);
    if (streamed) connection.streams.set(correlationId, { ended: false, wake: null });
    const waiting = inFlight.get(pluginId) ?? 0;
    if (waiting >= maxInFlight)
      return refuse(connection, correlationId, 'RATE_LIMITED', `More than ${maxInFlight} requests are waiting; try again later.`);
    inFlight.set(pluginId, waiting + 1);
    let result: IpcResult<PrivilegedActionResponse>;
    try {
      const send = kind === 'storage' ? host.storage : host.action;
      result = await send(pluginId, message);
      if (streamed) await streamEnded(connection, correlationId);
    } catch (error) {
      result = { ok: false, code: 'INTERNAL_ERROR', error: error instanceof Error ? error.message : 'The host did not answer.' };
    } finally {
      const left = (inFlight.get(pluginId) ?? 1) - 1;
      if (left > 0) inFlight.set(pluginId, left);
      else inFlight.delete(pluginId);
      if (streamed) connection.streams.delete(correlationId);
    }
    // A reloaded or closed frame is a different document: its answers are dropped with its port.
    if (!isCurrent(connection)) return;
    const envelope = result.ok
      ? result.value
      : createPrivilegedActionErrorResponse(
          correlationId ?? 'unknown',
          'TRANSPORT_FAILED',
          `The host could not take the request: ${result.error}`,
          {
            hostCode: result.code,
          },
        );
    connection.port.postMessage(envelope);
  }

  /** Forwards a frame's message to its backend; answers on the port only when it was refused for its rate or form. */
  async function toBackend(connection: Connection, data: unknown): Promise<void> {
    if (!host.toBackend) return;
    const { pluginId } = connection;
    const waiting = backendInFlight.get(pluginId) ?? 0;
    if (waiting >= maxInFlight)
      return refuse(connection, null, 'RATE_LIMITED', `More than ${maxInFlight} messages to the backend are waiting; try again later.`);
    backendInFlight.set(pluginId, waiting + 1);
    let answer: IpcResult<IpcResponse<'backend:post'>>;
    try {
      answer = await host.toBackend(pluginId, data);
    } catch {
      return;
    } finally {
      const left = (backendInFlight.get(pluginId) ?? 1) - 1;
      if (left > 0) backendInFlight.set(pluginId, left);
      else backendInFlight.delete(pluginId);
    }
    if (!isCurrent(connection) || !answer.ok || answer.value.delivered) return;
    const { code, error } = answer.value;
    if (code === 'RATE_LIMITED' || code === 'VALIDATION_FAILED') refuse(connection, null, code, error);
  }

  function disconnect(pluginId: string): void {
    const connection = byPlugin.get(pluginId);
    if (!connection) return;
    byPlugin.delete(pluginId);
    byPort.delete(connection.port);
    for (const stream of connection.streams.values()) stream.wake?.();
    connection.port.onmessage = null;
    connection.port.close();
    // The document that asked is gone: nothing it asked for may still be approved or run.
    host.frameClosed(pluginId);
  }

  function connect(pluginId: string, frame: FrameWindow, location: FrameLocation): HostPort | null {
    disconnect(pluginId);
    if (!isOwnPluginFrameUrl(pluginId, location)) return null;
    const channel = newChannel();
    const connection: Connection = { pluginId, port: channel.port1, streams: new Map() };
    byPlugin.set(pluginId, connection);
    byPort.set(channel.port1, connection);
    channel.port1.onmessage = (event) => void handle(connection, event.data);
    // A sandboxed frame without allow-same-origin has an opaque origin, which no targetOrigin but '*'
    // matches; the port, not the origin, is what ties the frame to its plugin.
    frame.postMessage(createHostInitMessage(pluginId), '*', [channel.port2]);
    postTheme(connection);
    return channel.port1;
  }

  return {
    connect,
    disconnect,
    pluginIdOf: (port) => byPort.get(port)?.pluginId ?? null,
    connected: () => [...byPlugin.keys()],
    setTheme(next) {
      // Validated here too: a bad value throws before anything is posted.
      createHostThemeMessage(next);
      theme = next;
      for (const connection of byPlugin.values()) postTheme(connection);
    },
    deliverBackendMessage(pluginId, data) {
      const connection = byPlugin.get(pluginId);
      if (!connection || !checkPluginMessageBounds(data).ok) return;
      connection.port.postMessage({ backend: data });
    },
    deliverEvent(envelope) {
      const connection = byPlugin.get(envelope?.pluginId);
      const stream = connection?.streams.get(envelope.correlationId);
      // Only a request this very document has waiting gets events; a reloaded frame gets none of the old ones.
      if (!connection || !stream || stream.ended || !actionEventSchema.safeParse(envelope.event).success) return;
      if (envelope.event.type === 'end') {
        stream.ended = true;
        stream.wake?.();
        return;
      }
      connection.port.postMessage({ correlationId: envelope.correlationId, event: envelope.event });
    },
  };
}
