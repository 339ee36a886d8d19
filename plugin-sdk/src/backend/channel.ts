// Which channel a backend process talks to its host on: Node's IPC channel when the host started it as a
// Node child process, or Electron's parentPort when the app started it as a utility process.
import { IPCMessageReader, IPCMessageWriter, type MessageReader, type MessageWriter } from 'vscode-jsonrpc/node.js';

interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

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
  const target = typeof process.send === 'function' ? process : parentPort ? parentPortAsProcess(parentPort) : null;
  if (!target) throw new Error('This script is a Gatehouse plugin backend: the host starts it, with a channel to talk on.');
  return { reader: new IPCMessageReader(target), writer: new IPCMessageWriter(target) };
}
