// How much of a backend's traffic the host holds at once. The backend's own memory limit bounds only what
// the backend holds; these bound what it can make the host hold, however it writes to its channel.
import { PLUGIN_MESSAGE_BOUNDS } from '../../shared/plugin-message-bounds';

/** Why the host cut a backend's channel; the stable code is on the crash record and the plugin's page. */
export interface BackendChannelViolation {
  code: 'BACKEND_MESSAGE_TOO_LARGE' | 'BACKEND_FRAMING_INVALID';
  reason: string;
}

export interface BackendChannelBounds {
  /** Bytes of one message body. */
  maxMessageBytes: number;
  /** Bytes of one message's header block (`Content-Length: n\r\n\r\n` is about 25). */
  maxHeaderBytes: number;
  /** Messages read but not yet taken by the session; past this the host stops reading the pipe. */
  maxQueuedMessages: number;
  /** Bytes of those messages together. */
  maxQueuedBytes: number;
  /**
   * Messages the host has written or queued for the backend that it has not read yet, and their bytes in the
   * pipe. Past either the host stops reading the backend's requests (a backend that does not read its answers
   * gets no more) and refuses its frame's messages.
   */
  maxPendingWrites: number;
  maxPendingWriteBytes: number;
  /** Characters of frame messages on their way to the backend. */
  maxPendingFrameChars: number;
}

/**
 * The largest legitimate message is a request or frame message carrying a whole file (the plugin message
 * bounds: `maxChars`, 9 MiB of characters). JSON may spend up to 6 bytes on one character (`\u0001`), so
 * 54 MiB; 64 MiB leaves room for the envelope and matches the broker door's own character bound.
 */
export const BACKEND_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const worstCaseJsonBytes = PLUGIN_MESSAGE_BOUNDS.maxChars * 6;
if (worstCaseJsonBytes > BACKEND_MAX_MESSAGE_BYTES) throw new Error('the backend message cap is below the plugin message bounds');

export const DEFAULT_BACKEND_CHANNEL_BOUNDS: BackendChannelBounds = {
  maxMessageBytes: BACKEND_MAX_MESSAGE_BYTES,
  maxHeaderBytes: 1024,
  maxQueuedMessages: 64,
  maxQueuedBytes: BACKEND_MAX_MESSAGE_BYTES,
  maxPendingWrites: 64,
  maxPendingWriteBytes: BACKEND_MAX_MESSAGE_BYTES,
  maxPendingFrameChars: PLUGIN_MESSAGE_BOUNDS.maxChars * 2,
};
