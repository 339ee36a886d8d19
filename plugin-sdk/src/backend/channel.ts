// Which channel a backend process talks to its host on: a plain pipe on fd 3 (Content-Length framed
// JSON-RPC) when the host started it as a Node child process, or Electron's parentPort when the app
// started it as a utility process. The Electron check comes first: fd 3 of a utility process is Chromium's.
import { Socket } from 'node:net';
import { IPCMessageReader, IPCMessageWriter, StreamMessageReader, type MessageReader, type MessageWriter } from 'vscode-jsonrpc/node.js';
import { FramedMessageWriter } from './framed-writer.js';

interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/** What the Node host sets in the backend's (otherwise empty) environment when fd 3 is its channel. */
const PIPE_CHANNEL = 'fd:3';

/**
 * Electron's utility process has `process.parentPort` instead of `process.send`; this makes it look like the
 * process IPCMessageReader and IPCMessageWriter expect (on('message'), send), nothing more.
 */
function parentPortAsProcess(port: ParentPortLike): NodeJS.Process {
  const like = {
    on(event: string, listener: (...args: unknown[]) => void) {
      if (event === 'message') port.on('message', (message) => listener(message.data));
      return like;
    },
    send(message: unknown, callback?: (error: Error | null) => void) {
      port.postMessage(message);
      callback?.(null);
      return true;
    },
  };
  return like as unknown as NodeJS.Process;
}

/** The reader and writer of this process's host channel; throws when the process was not started by a host. */
export function hostChannel(): { reader: MessageReader; writer: MessageWriter } {
  const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) {
    const target = parentPortAsProcess(parentPort);
    return { reader: new IPCMessageReader(target), writer: new IPCMessageWriter(target) };
  }
  if (process.env.GATEHOUSE_BACKEND_CHANNEL === PIPE_CHANNEL) {
    // An inherited pipe, not a path: Node's permission model checks paths and connects, never an open fd.
    const pipe = new Socket({ fd: 3, readable: true, writable: true });
    return { reader: new StreamMessageReader(pipe), writer: new FramedMessageWriter(pipe) };
  }
  throw new Error('This script is a Gatehouse plugin backend: the host starts it, with a channel to talk on.');
}
