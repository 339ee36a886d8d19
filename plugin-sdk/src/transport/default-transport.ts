import { connectFrameTransport, type FrameTransport, type FrameWindowLike } from './frame-transport.js';
import { showProtocolMismatchNotice } from './protocol-mismatch.js';
import type { HostTheme } from './theme.js';
import type { PrivilegedActionTransport } from './transport.js';

let custom: PrivilegedActionTransport | null = null;
let frame: FrameTransport | null = null;

/**
 * True inside an embedded frame (a window whose parent is another window), where the host hands over a port.
 * @example if (!isInsidePluginFrame()) console.warn('Open this page from Gatehouse.');
 */
export function isInsidePluginFrame(): boolean {
  const win = (globalThis as { window?: FrameWindowLike }).window;
  return typeof win === 'object' && win !== null && typeof win.addEventListener === 'function' && win.parent != null && win.parent !== win;
}

/**
 * Replaces the transport that `requestPrivilegedAction`, the `request*` helpers and `storage` use when
 * none is passed; `null` goes back to the frame transport (inside a frame) or none.
 * @example
 * setDefaultPrivilegedActionTransport({
 *   send: async (message) => JSON.parse(await backendChannel.call(JSON.stringify(message))),
 * });
 */
export function setDefaultPrivilegedActionTransport(transport: PrivilegedActionTransport | null): void {
  custom = transport;
}

/**
 * The transport used when none is passed: the one set with `setDefaultPrivilegedActionTransport`, else
 * the frame transport inside a plugin frame, else null.
 * @example const transport = getDefaultPrivilegedActionTransport();
 */
export function getDefaultPrivilegedActionTransport(): PrivilegedActionTransport | null {
  if (custom) return custom;
  if (!frame && isInsidePluginFrame()) frame = connectDefaultFrame();
  return frame;
}

/** The frame transport the SDK opens by itself; a host speaking another protocol is explained on the page. */
function connectDefaultFrame(): FrameTransport {
  const doc = (globalThis as { document?: Parameters<typeof showProtocolMismatchNotice>[0] }).document;
  return connectFrameTransport(doc ? { onProtocolMismatch: (mismatch) => showProtocolMismatchNotice(doc, mismatch) } : {});
}

/**
 * Follows the app's theme inside a plugin frame: calls `listener` with `'light'` or `'dark'` as soon as the
 * host names it and whenever the user changes it; returns the unsubscribe. Outside a frame it never calls.
 * @example
 * onThemeChange((theme) => applyThemeToDocument(theme));
 */
export function onThemeChange(listener: (theme: HostTheme) => void): () => void {
  if (!frame && isInsidePluginFrame()) frame = connectDefaultFrame();
  return frame ? frame.onThemeChange(listener) : () => undefined;
}

/**
 * Calls `listener` with each message the plugin's own backend sends to this frame; returns the unsubscribe.
 * Outside a frame it never calls.
 * @example onBackendMessage((data) => render(data));
 */
export function onBackendMessage(listener: (data: unknown) => void): () => void {
  if (!frame && isInsidePluginFrame()) frame = connectDefaultFrame();
  return frame ? frame.onBackendMessage(listener) : () => undefined;
}

/**
 * Sends plain data to the plugin's own backend (the host bounds its size); false before the host's port came
 * or outside a frame.
 * @example postToBackend({ refresh: true });
 */
export function postToBackend(data: unknown): boolean {
  if (!frame && isInsidePluginFrame()) frame = connectDefaultFrame();
  return frame ? frame.postToBackend(data) : false;
}

// The host may post its init as soon as the frame loads, before the first request: listen from the start.
// The package says `"sideEffects": false`: a bundler may drop this module only when nothing of it is used,
// and then nothing can send a request or follow the theme, so there is nothing to listen for.
if (isInsidePluginFrame()) getDefaultPrivilegedActionTransport();
