// The app's backend launcher: an Electron utility process per plugin backend (the RunAsNode fuse stays
// off, so the Electron binary cannot be started as plain Node under bubblewrap). Thin on purpose: the
// core's supervisor does the lifecycle. Not run in CI: there is no Electron binary there; the Node
// launcher (src/core/backends/node-backend-launcher.ts) is the one the escape suite runs.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { utilityProcess } from 'electron';
import { IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node.js';
import type { BackendExit, BackendLauncher } from '../../core/backends/backend-launcher';
import { backendEnvironment } from '../../core/backends/backend-environment';
import { nodePermissionArgs } from '../../core/backends/node-permission-args';

/** What the utility process model prevents, shown on the plugin's page. */
const UTILITY_GAPS = [
  'no OS sandbox: Electron starts utility processes itself, so bubblewrap cannot be put around one',
  'no kernel memory or CPU limit (the heap cap still applies)',
];

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
      const exited = new Promise<BackendExit>((resolve) => child.once('exit', (code) => resolve({ code, signal: null })));
      // vscode-jsonrpc's IPC reader and writer speak to a process with on('message') and send().
      const channel = {
        on(event: string, listener: (...args: unknown[]) => void) {
          if (event === 'message') child.on('message', listener);
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
        channel: { reader: new IPCMessageReader(channel), writer: new IPCMessageWriter(channel) },
        onOutput(listener) {
          child.stdout?.setEncoding('utf8').on('data', (text: string) => listener('stdout', text));
          child.stderr?.setEncoding('utf8').on('data', (text: string) => listener('stderr', text));
        },
        exited,
        terminate: () => void child.kill(),
        kill: () => {
          try {
            if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        },
        isolation: { osSandbox: null, nodePermissions: true, gaps: UTILITY_GAPS },
      };
    },
  };
}
