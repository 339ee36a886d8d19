// A backend's channel over a plain pipe (fd 3 of the process): vscode-jsonrpc's Content-Length framing,
// read through the host's bounded guard. Node's own 'ipc' channel is not used: it buffers a message until
// its newline without any limit, so a backend could grow the host's memory with one endless line.
import type { Duplex } from 'node:stream';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { DEFAULT_BACKEND_CHANNEL_BOUNDS, type BackendChannelBounds, type BackendChannelViolation } from './backend-channel-bounds';
import type { BackendChannel } from './backend-launcher';
import { guardFrames } from './bounded-frame-guard';

/** The fd a backend finds its host channel on; the SDK reads `GATEHOUSE_BACKEND_CHANNEL` to know it was given one. */
export const BACKEND_CHANNEL_FD = 3;
export const BACKEND_CHANNEL_ENV = { GATEHOUSE_BACKEND_CHANNEL: `fd:${BACKEND_CHANNEL_FD}` } as const;

export function pipeChannel(
  pipe: Duplex,
  onViolation: (violation: BackendChannelViolation) => void,
  bounds: BackendChannelBounds = DEFAULT_BACKEND_CHANNEL_BOUNDS,
): BackendChannel {
  // A write to a pipe the backend closed must not throw in the host; the exit handler reports the end.
  pipe.on('error', () => undefined);
  const guarded = guardFrames(pipe, bounds, onViolation);
  const reader = new StreamMessageReader(guarded.readable);
  // An unparsable body was framed but never reaches the session's queue: count it as taken.
  reader.onError(() => guarded.taken());
  return {
    reader,
    writer: new StreamMessageWriter(pipe),
    taken: guarded.taken,
    pendingWriteBytes: () => pipe.writableLength,
  };
}
