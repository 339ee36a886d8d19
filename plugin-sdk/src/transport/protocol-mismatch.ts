import { HOST_INIT_MESSAGE_TYPE, HOST_PROTOCOL_VERSION } from './protocol.js';

/** The host offered a frame protocol this SDK does not speak: the two must be updated to agree. */
export interface ProtocolMismatch {
  /** The protocol the host's init message named. */
  hostProtocol: number;
  /** The protocol this SDK speaks (`HOST_PROTOCOL_VERSION`). */
  sdkProtocol: number;
}

/**
 * The protocol a host init message offers when it differs from this SDK's, else null. Only a message that
 * is otherwise an init (its `type`, a whole-number `protocol`) counts, so random page messages never do.
 * @example readProtocolMismatch({ type: 'gatehouse:init', protocol: 2, pluginId: 'x' }) // { hostProtocol: 2, sdkProtocol: 1 }
 */
export function readProtocolMismatch(data: unknown): ProtocolMismatch | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const { type, protocol } = data as { type?: unknown; protocol?: unknown };
  if (type !== HOST_INIT_MESSAGE_TYPE || typeof protocol !== 'number' || !Number.isSafeInteger(protocol)) return null;
  return protocol === HOST_PROTOCOL_VERSION ? null : { hostProtocol: protocol, sdkProtocol: HOST_PROTOCOL_VERSION };
}

/**
 * One sentence for authors and users: which side is older and what to update.
 * @example protocolMismatchMessage({ hostProtocol: 2, sdkProtocol: 1 })
 */
export function protocolMismatchMessage(mismatch: ProtocolMismatch): string {
  const { hostProtocol: host, sdkProtocol: sdk } = mismatch;
  // Short on purpose: every byte here is in every plugin's bundle.
  return `Gatehouse speaks plugin protocol ${host}, this plugin's SDK ${sdk}: update ${host > sdk ? "the plugin's SDK" : 'Gatehouse'}.`;
}

interface NoticeDocument {
  readonly body: { prepend(node: unknown): void } | null;
  createElement(tag: 'div'): { setAttribute(name: string, value: string): void; textContent: string | null };
}

/**
 * Puts the mismatch in front of the user inside the frame: a plain-text alert at the top of the page, so a
 * plugin that cannot connect says why instead of waiting. The host offers its port after the frame loaded,
 * so the page's body is there by then.
 */
export function showProtocolMismatchNotice(doc: NoticeDocument, mismatch: ProtocolMismatch): void {
  if (!doc.body) return;
  const notice = doc.createElement('div');
  notice.setAttribute('role', 'alert');
  notice.textContent = protocolMismatchMessage(mismatch);
  doc.body.prepend(notice);
}
