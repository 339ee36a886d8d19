// A backend's channel over a plain pipe (fd 3 of the process): vscode-jsonrpc's Content-Length framing,
// read through the host's bounded guard. Node's own 'ipc' channel is not used: it buffers a message until
// its newline without any limit, so a backend could grow the host's memory with one endless line.
import type { Duplex } from 'node:stream';
import { StreamMessageReader, type MessageWriter } from 'vscode-jsonrpc/node.js';
import { DEFAULT_BACKEND_CHANNEL_BOUNDS, type BackendChannelBounds, type BackendChannelViolation } from './backend-channel-bounds';
import type { BackendChannel } from './backend-launcher';
import { guardFrames } from './bounded-frame-guard';
import { FramedMessageWriter } from '@gatehouse/plugin-sdk/backend';

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
  // A write is unfinished until the backend reads it: a backend that never reads would make the host keep
  // every answer. Counted here, and while too many wait the guard reads no more requests from it.
  let outstanding = 0;
  const congested = () => outstanding > bounds.maxPendingWrites || pipe.writableLength > bounds.maxPendingWriteBytes;
  const guarded = guardFrames(pipe, bounds, onViolation, congested);
  const reader = new StreamMessageReader(guarded.readable);
  // An unparsable body was framed but never reaches the session's queue: count it as taken.
  reader.onError(() => guarded.taken());
  const inner = new FramedMessageWriter(pipe);
  const writer: MessageWriter = {
    onError: inner.onError,
    onClose: inner.onClose,
    write(message) {
      outstanding += 1;
      return inner.write(message).finally(() => {
        outstanding -= 1;
        guarded.recheck();
      });
    },
    end: () => inner.end(),
    dispose: () => inner.dispose(),
  };
  return {
    reader,
    writer,
    taken: guarded.taken,
    writeBacklog: () => ({ messages: outstanding, bytes: pipe.writableLength }),
  };
}
