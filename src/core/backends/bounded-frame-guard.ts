// The host's guard in front of vscode-jsonrpc's StreamMessageReader on a backend's pipe. The reader keeps
// any message until its last byte arrives, however long it says it is, and queues every parsed message
// without limit; this guard follows the same Content-Length framing byte by byte and (1) ends the channel
// at the first header that is too long or malformed or that declares a body over the cap, so no more than
// one capped message is ever buffered, and (2) stops reading the pipe while too many messages wait for the
// session, so a backend that writes faster than the host handles fills its own pipe instead of the host.
import { Readable } from 'node:stream';
import type { BackendChannelBounds, BackendChannelViolation } from './backend-channel-bounds';

export interface GuardedReadable {
  /** The source's bytes, passed on only once they are known to be within bounds. */
  readable: Readable;
  /** The session took one message off its queue (or the reader dropped one it could not parse). */
  taken(): void;
  /** Asks again whether to read: call when what `hold` looks at changed. */
  recheck(): void;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
const HEADER_LINE = /^([A-Za-z][A-Za-z-]*):[ \t]*(.*?)[ \t]*$/;

/** The body length a header block declares, or why the block is refused. Stricter than the reader on purpose. */
function declaredLength(block: string): number | string {
  let length: number | null = null;
  for (const line of block.split('\r\n')) {
    const match = HEADER_LINE.exec(line);
    if (!match) return 'a malformed message header';
    const key = (match[1] as string).toLowerCase();
    const value = match[2] as string;
    if (key === 'content-type') continue;
    if (key !== 'content-length') return `an unknown message header "${key.slice(0, 40)}"`;
    if (length !== null || !/^\d{1,16}$/.test(value)) return 'an invalid or repeated Content-Length';
    length = Number(value);
  }
  return length ?? 'a message header without Content-Length';
}

export function guardFrames(
  source: Readable,
  bounds: BackendChannelBounds,
  onViolation: (violation: BackendChannelViolation) => void,
  /** True while the host should read nothing more from the backend whatever its queue (its answers pile up). */
  hold: () => boolean = () => false,
): GuardedReadable {
  // A bare readable fed by hand: a chunk goes to the reader in the same tick it arrived (a Transform would
  // take a write and a push), and the source's own pause is the only flow control.
  const out = new Readable({ read: () => undefined });
  const header = Buffer.alloc(bounds.maxHeaderBytes);
  let headerLength = 0;
  /** Bytes of the current body still to come; -1 while reading a header. */
  let bodyLeft = -1;
  let bodySize = 0;
  const queued: number[] = [];
  let queuedHead = 0;
  let queuedBytes = 0;
  let paused = false;
  let violated = false;

  const violate = (violation: BackendChannelViolation) => {
    violated = true;
    source.pause();
    source.destroy();
    out.destroy();
    onViolation(violation);
  };

  const full = () => queued.length - queuedHead > bounds.maxQueuedMessages || queuedBytes > bounds.maxQueuedBytes || hold();
  const halfEmpty = () => queued.length - queuedHead <= bounds.maxQueuedMessages / 2 && queuedBytes <= bounds.maxQueuedBytes / 2 && !hold();
  const recheck = () => {
    if (violated) return;
    if (!paused && full()) {
      paused = true;
      source.pause();
    } else if (paused && halfEmpty()) {
      paused = false;
      source.resume();
    }
  };

  const complete = (size: number) => {
    queued.push(size);
    queuedBytes += size;
    recheck();
  };

  /** Walks one chunk; false when it broke a bound (the channel is then gone). */
  const walk = (chunk: Buffer): boolean => {
    let offset = 0;
    while (offset < chunk.length) {
      if (bodyLeft >= 0) {
        const take = Math.min(bodyLeft, chunk.length - offset);
        offset += take;
        bodyLeft -= take;
        if (bodyLeft === 0) {
          bodyLeft = -1;
          complete(bodySize);
        }
        continue;
      }
      if (headerLength >= bounds.maxHeaderBytes) {
        violate({ code: 'BACKEND_FRAMING_INVALID', reason: `a message header longer than ${bounds.maxHeaderBytes} bytes` });
        return false;
      }
      header[headerLength++] = chunk[offset++] as number;
      if (headerLength < 4 || header.compare(CRLFCRLF, 0, 4, headerLength - 4, headerLength) !== 0) continue;
      const length = declaredLength(header.toString('latin1', 0, headerLength - 4));
      headerLength = 0;
      if (typeof length === 'string') {
        violate({ code: 'BACKEND_FRAMING_INVALID', reason: length });
        return false;
      }
      if (length > bounds.maxMessageBytes) {
        violate({
          code: 'BACKEND_MESSAGE_TOO_LARGE',
          reason: `a message of ${length} bytes (the limit is ${bounds.maxMessageBytes})`,
        });
        return false;
      }
      bodySize = length;
      bodyLeft = length;
      if (length === 0) {
        bodyLeft = -1;
        complete(0);
      }
    }
    return true;
  };

  source.on('data', (chunk: Buffer) => {
    if (!violated && walk(chunk)) out.push(chunk);
  });
  source.once('end', () => out.push(null));
  source.once('error', () => out.destroy());
  source.once('close', () => {
    if (!out.readableEnded && !out.destroyed) out.push(null);
  });

  return {
    readable: out,
    taken() {
      if (queuedHead >= queued.length) return;
      queuedBytes -= queued[queuedHead++] as number;
      if (queuedHead > 1024) {
        queued.splice(0, queuedHead);
        queuedHead = 0;
      }
      recheck();
    },
    recheck,
  };
}
