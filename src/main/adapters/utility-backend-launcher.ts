// The app's backend launcher: an Electron utility process per plugin backend (the RunAsNode fuse stays
// off, so the Electron binary cannot be started as plain Node under bubblewrap). Thin on purpose: the
// core's supervisor does the lifecycle. Not run in CI: there is no Electron binary there; the Node
// launcher (src/core/backends/node-backend-launcher.ts) is the one the escape suite runs.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { utilityProcess } from 'electron';
import { IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node.js';
import { DEFAULT_BACKEND_CHANNEL_BOUNDS, type BackendChannelViolation } from '../../core/backends/backend-channel-bounds';
import type { BackendExit, BackendLauncher } from '../../core/backends/backend-launcher';
import { backendEnvironment } from '../../core/backends/backend-environment';
import { nodePermissionArgs } from '../../core/backends/node-permission-args';
import { structuredMessageSize } from '../../core/backends/structured-message-size';

/** What the utility process model prevents, shown on the plugin's page. */
const UTILITY_GAPS = [
  'no OS sandbox: Electron starts utility processes itself, so bubblewrap cannot be put around one',
  'no kernel memory or CPU limit (the heap cap still applies)',
];

/**
 * parentPort cannot be paused: Mojo hands over each message whole, already cloned. What the host can do is
 * refuse any message over the cap the moment it arrives and end a backend that keeps more waiting than any
 * honest one would (the session takes one message per turn of the event loop).
 */
const MAX_WAITING_MESSAGES = DEFAULT_BACKEND_CHANNEL_BOUNDS.maxQueuedMessages * 16;
const MAX_WAITING_BYTES = DEFAULT_BACKEND_CHANNEL_BOUNDS.maxQueuedBytes * 2;

export function createUtilityBackendLauncher(): BackendLauncher {
  return {
    async launch(spec) {
      const bundleDir = realpathSync(spec.bundleDir);
      const nodeArgs = nodePermissionArgs(bundleDir, spec.entry, spec.limits);
      const child = utilityProcess.fork(join(bundleDir, spec.entry), [], {
        serviceName: `Gatehouse backend: ${spec.pluginId}`,
        stdio: 'pipe',
        env: backendEnvironment(),
        execArgv: nodeArgs.slice(0, -1),
        cwd: bundleDir,
      });
      let violation: BackendChannelViolation | null = null;
      const kill = () => {
        try {
          if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      };
      const exited = new Promise<BackendExit>((resolve) =>
        child.once('exit', (code) => resolve(violation ? { code, signal: null, violation } : { code, signal: null })),
      );
      const waiting: number[] = [];
      let waitingBytes = 0;
      const refuse = (broken: BackendChannelViolation) => {
        violation ??= broken;
        kill();
      };
      // vscode-jsonrpc's IPC reader and writer speak to a process with on('message') and send().
      const channel = {
        on(event: string, listener: (...args: unknown[]) => void) {
          if (event === 'message')
            child.on('message', (message: unknown) => {
              if (violation) return;
              const size = structuredMessageSize(message, DEFAULT_BACKEND_CHANNEL_BOUNDS.maxMessageBytes);
              if (size === null)
                return refuse({
                  code: 'BACKEND_MESSAGE_TOO_LARGE',
                  reason: `a message over ${DEFAULT_BACKEND_CHANNEL_BOUNDS.maxMessageBytes} bytes or not plain data`,
                });
              waiting.push(size);
              waitingBytes += size;
              if (waiting.length > MAX_WAITING_MESSAGES || waitingBytes > MAX_WAITING_BYTES)
                return refuse({
                  code: 'BACKEND_MESSAGE_TOO_LARGE',
                  reason: `more than ${MAX_WAITING_MESSAGES} messages or ${MAX_WAITING_BYTES} bytes waiting`,
                });
              listener(message);
            });
          if (event === 'close' || event === 'exit') child.once('exit', () => listener());
          return channel;
        },
        send(message: unknown, callback?: (error: Error | null) => void) {
          child.postMessage(message);
          callback?.(null);
          return true;
        },
      } as unknown as NodeJS.Process;
      return {
        pid: child.pid ?? null,
        channel: {
          reader: new IPCMessageReader(channel),
          writer: new IPCMessageWriter(channel),
          taken: () => {
            waitingBytes -= waiting.shift() ?? 0;
          },
          // Mojo does not say what the child has not read yet; the frame traffic rate is the bound here.
          writeBacklog: () => ({ messages: 0, bytes: 0 }),
        },
        onOutput(listener) {
          child.stdout?.setEncoding('utf8').on('data', (text: string) => listener('stdout', text));
          child.stderr?.setEncoding('utf8').on('data', (text: string) => listener('stderr', text));
        },
        exited,
        terminate: () => void child.kill(),
        kill,
        isolation: { osSandbox: null, nodePermissions: true, gaps: UTILITY_GAPS },
      };
    },
  };
}
