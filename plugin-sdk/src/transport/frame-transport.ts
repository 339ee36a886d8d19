import { createPrivilegedActionErrorResponse } from '../envelope.js';
import { isBackendPortMessage } from './backend-port.js';
import { hostInitMessageSchema } from './protocol.js';
import { protocolMismatchMessage, readProtocolMismatch, type ProtocolMismatch } from './protocol-mismatch.js';
import { readHostThemeMessage, type HostTheme } from './theme.js';
import { createMessagePortTransport, type MessagePortLike, type MessagePortTransport } from './message-port-transport.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, isValidTimeoutMs } from './timeouts.js';
import { createTransportFailure, type PrivilegedActionTransport, type TransportSendOptions } from './transport.js';
import type { PrivilegedActionResponse } from '../envelope.js';
import type { PluginPortMessage } from './protocol.js';

/** The part of a `message` event the frame transport reads. */
export interface FrameMessageEventLike {
  data?: unknown;
  source?: unknown;
  ports?: ArrayLike<MessagePortLike>;
}

type FrameMessageListener = (event: unknown) => void;

/** The part of `window` the frame transport uses. */
export interface FrameWindowLike {
  readonly parent: unknown;
  addEventListener(type: string, listener: FrameMessageListener): void;
  removeEventListener(type: string, listener: FrameMessageListener): void;
}

export interface ConnectFrameTransportOptions {
  /** The frame's window; default `globalThis.window`. */
  window?: FrameWindowLike;
  /** How long a send waits for the host's port when none arrived yet; default 10000 ms. */
  connectTimeoutMs?: number;
  /** Called once when the host offers a frame protocol this SDK does not speak. */
  onProtocolMismatch?: (mismatch: ProtocolMismatch) => void;
}

export interface FrameTransport extends PrivilegedActionTransport {
  /** True once the host handed over its port. */
  readonly connected: boolean;
  /** The plugin id the host named in its init message, once connected. */
  readonly pluginId: string | null;
  /** Resolves true once connected, false after `timeoutMs` (default: the connect timeout) or after `close()`. */
  waitForConnection(timeoutMs?: number): Promise<boolean>;
  /** The app's theme as the host last named it on the port, or null before it did. */
  readonly theme: HostTheme | null;
  /**
   * Calls `listener` with the app's theme now (when known) and whenever it changes; returns the unsubscribe.
   * Only theme messages on the host's own port count.
   */
  onThemeChange(listener: (theme: HostTheme) => void): () => void;
  /** Calls `listener` with each message the plugin's backend sends to this frame; returns the unsubscribe. */
  onBackendMessage(listener: (data: unknown) => void): () => void;
  /** Sends plain data to the plugin's backend; false when the host has not handed over its port yet. */
  postToBackend(data: unknown): boolean;
  /**
   * Set when the host offered a frame protocol this SDK does not speak; every send then fails at once with
   * `PROTOCOL_MISMATCH` (details `hostProtocol`, `sdkProtocol`) instead of waiting for a port that never comes.
   */
  readonly protocolMismatch: ProtocolMismatch | null;
  /** Stops listening and closes the port; waiting requests resolve with TRANSPORT_FAILED. */
  close(): void;
}

/**
 * Listens for the host's init message and sends over the MessagePort it hands over. The init is accepted
 * once, only from `window.parent`, only with protocol 1 and exactly one port; anything else is ignored,
 * except an init from the parent that names another protocol: its port is closed unused and every send
 * fails with `PROTOCOL_MISMATCH`. Sends made before the port arrives wait for it, up to the connect timeout.
 * @example
 * const transport = connectFrameTransport({ connectTimeoutMs: 5000 });
 * setDefaultPrivilegedActionTransport(transport);
 * if (await transport.waitForConnection()) console.log('connected as', transport.pluginId);
 */
export function connectFrameTransport(options: ConnectFrameTransportOptions = {}): FrameTransport {
  const win = options.window ?? (globalThis as { window?: FrameWindowLike }).window;
  if (!win || typeof win.addEventListener !== 'function') throw new TypeError('connectFrameTransport needs a window');
  const connectTimeoutMs = isValidTimeoutMs(options.connectTimeoutMs) ? options.connectTimeoutMs : DEFAULT_CONNECT_TIMEOUT_MS;
  let portTransport: MessagePortTransport | null = null;
  let pluginId: string | null = null;
  let closed = false;
  let theme: HostTheme | null = null;
  let themePort: MessagePortLike | null = null;
  const waiters = new Set<() => void>();
  const themeListeners = new Set<(theme: HostTheme) => void>();
  const backendListeners = new Set<(data: unknown) => void>();
  let mismatch: ProtocolMismatch | null = null;

  const notify = <T>(listeners: Set<(value: T) => void>, value: T) => {
    for (const listener of [...listeners]) {
      try {
        listener(value);
      } catch {
        // One failing listener must not keep the message from the others.
      }
    }
  };
  const onPortMessage = (event: unknown) => {
    const data = (event as { data?: unknown } | null)?.data;
    if (closed) return;
    if (isBackendPortMessage(data, 'backend')) return notify(backendListeners, data.backend);
    const next = readHostThemeMessage(data);
    if (next === null) return;
    theme = next;
    notify(themeListeners, next);
  };

  const onMessage: FrameMessageListener = (raw) => {
    if (portTransport || closed || typeof raw !== 'object' || raw === null) return;
    const event = raw as FrameMessageEventLike;
    // Only the host page that embeds this frame may connect it; a top-level page has no host.
    if (win.parent === win || event.source == null || event.source !== win.parent) return;
    const ports = event.ports;
    if (!ports || ports.length !== 1 || !ports[0]) return;
    const offered = readProtocolMismatch(event.data);
    if (offered) {
      // The host and this SDK would misread each other: refuse the port rather than guess.
      mismatch = offered;
      ports[0].close?.();
      win.removeEventListener('message', onMessage);
      for (const wake of [...waiters]) wake();
      options.onProtocolMismatch?.(offered);
      return;
    }
    const init = hostInitMessageSchema.safeParse(event.data);
    if (!init.success) return;
    themePort = ports[0];
    themePort.addEventListener('message', onPortMessage);
    portTransport = createMessagePortTransport(ports[0]);
    pluginId = init.data.pluginId;
    win.removeEventListener('message', onMessage);
    for (const wake of [...waiters]) wake();
  };
  win.addEventListener('message', onMessage);

  function waitForPort(timeoutMs: number, signal?: AbortSignal): Promise<MessagePortTransport | null> {
    if (portTransport || closed || mismatch || signal?.aborted) return Promise.resolve(portTransport);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve(portTransport);
      };
      const timer = setTimeout(done, timeoutMs);
      waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  return {
    get connected() {
      return portTransport !== null && !portTransport.closed;
    },
    get pluginId() {
      return pluginId;
    },
    get theme() {
      return theme;
    },
    get protocolMismatch() {
      return mismatch;
    },
    onThemeChange(listener) {
      themeListeners.add(listener);
      if (theme !== null) listener(theme);
      return () => void themeListeners.delete(listener);
    },
    onBackendMessage(listener) {
      backendListeners.add(listener);
      return () => void backendListeners.delete(listener);
    },
    postToBackend(data) {
      if (!themePort || closed) return false;
      themePort.postMessage({ toBackend: data });
      return true;
    },
    async waitForConnection(timeoutMs?: number): Promise<boolean> {
      const port = await waitForPort(isValidTimeoutMs(timeoutMs) ? timeoutMs : connectTimeoutMs);
      return port !== null && !port.closed;
    },
    async send(message: PluginPortMessage, sendOptions: TransportSendOptions = {}): Promise<PrivilegedActionResponse<unknown>> {
      const wait = isValidTimeoutMs(sendOptions.connectTimeoutMs) ? sendOptions.connectTimeoutMs : connectTimeoutMs;
      const port = await waitForPort(wait, sendOptions.signal);
      if (port) return port.send(message, sendOptions);
      if (mismatch) {
        return createPrivilegedActionErrorResponse(message.correlationId, 'PROTOCOL_MISMATCH', protocolMismatchMessage(mismatch), {
          ...mismatch,
        });
      }
      if (closed) return createTransportFailure(message.correlationId, 'closed', 'The frame transport is closed.');
      if (sendOptions.signal?.aborted) return createTransportFailure(message.correlationId, 'aborted', 'The request was abandoned.');
      return createTransportFailure(
        message.correlationId,
        'not-connected',
        `The host did not hand over its message port within ${wait} ms; is this page running inside Gatehouse?`,
      );
    },
    close() {
      if (closed) return;
      closed = true;
      win.removeEventListener('message', onMessage);
      themePort?.removeEventListener('message', onPortMessage);
      themeListeners.clear();
      backendListeners.clear();
      portTransport?.close();
      for (const wake of [...waiters]) wake();
    },
  };
}
