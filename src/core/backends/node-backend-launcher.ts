// The Node launcher: a backend as a child process of the host, inside the same bubblewrap sandbox as scoped
// tools, under Node's permission model, with kernel resource limits. Used by Node tests and the development
// host; the app uses the utility-process launcher in src/main.
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { defaultSandboxRuntime, type SandboxRuntime } from '../sandbox/sandbox-runtime';
import { untrustedBinaryProblem } from '../sandbox/trusted-binary';
import { descendantsOf, signalDescendants, waitUntilGone } from '../process/kill-process-group';
import type { BackendExit, BackendLauncher, BackendLaunchSpec, LaunchedBackend } from './backend-launcher';
import { backendEnvironment } from './backend-environment';
import { nodePermissionArgs } from './node-permission-args';
import { closeInheritedFdsArg, inheritableFds } from './inherited-fds';
import type { BackendChannelViolation } from './backend-channel-bounds';
import { BACKEND_CHANNEL_ENV, pipeChannel } from './pipe-channel';

/** Where prlimit (util-linux) is looked for: system locations only, vetted like bubblewrap. */
const PRLIMIT_PATHS = ['/usr/bin/prlimit', '/bin/prlimit'] as const;
/** How long "exited" waits for the sandbox's own processes after its outer process has gone. */
const EXIT_WAIT_MS = 2000;

export interface NodeBackendLauncherOptions {
  sandbox?: SandboxRuntime;
  /** The Node binary the backend runs on; this process's own when omitted. */
  nodePath?: string;
  prlimitPaths?: readonly string[];
}

/** The kernel limits prlimit sets: a data segment of twice the heap plus room for Node itself, and CPU seconds. */
function prlimitArgs(spec: BackendLaunchSpec): string[] {
  const dataBytes = (spec.limits.memoryMb * 2 + 256) * 1024 * 1024;
  return [`--data=${dataBytes}`, `--cpu=${spec.limits.cpuSeconds}`, '--core=0', '--'];
}

export function createNodeBackendLauncher(options: NodeBackendLauncherOptions = {}): BackendLauncher {
  const sandbox = options.sandbox ?? defaultSandboxRuntime;
  const nodePath = realpathSync(options.nodePath ?? process.execPath);
  const prlimitPaths = options.prlimitPaths ?? PRLIMIT_PATHS;
  return {
    async launch(spec) {
      const bundleDir = realpathSync(spec.bundleDir);
      // Descriptors the host inherited and bubblewrap would pass on are closed before the plugin's code runs.
      const inherited = inheritableFds();
      const nodeArgs = [
        ...(inherited.length ? [closeInheritedFdsArg(inherited)] : []),
        ...nodePermissionArgs(bundleDir, spec.entry, spec.limits),
      ];
      // Fails closed: with no usable bubblewrap the launch throws SANDBOX_UNAVAILABLE and nothing runs.
      const launch = await sandbox.launch({
        resolved: nodePath,
        executable: nodePath,
        args: nodeArgs,
        cwd: bundleDir,
        roots: [],
        sandbox: { network: false, readPaths: [bundleDir], writePaths: [], allowUnsandboxed: false },
      });
      const gaps: string[] = [];
      const prlimit = prlimitPaths.find((path) => untrustedBinaryProblem(path) === null);
      if (!prlimit) gaps.push('no kernel memory or CPU limit (prlimit is not installed in a system folder); the heap cap still applies');
      const file = prlimit ?? launch.file;
      const args = prlimit ? [...prlimitArgs(spec), launch.file, ...launch.args] : launch.args;
      const child = spawn(file, args, {
        // fd 3 is a plain pipe carrying the JSON-RPC channel (a socket pair, so both ways); no 'ipc' fd.
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
        env: { ...backendEnvironment(), ...launch.env, ...BACKEND_CHANNEL_ENV },
        // Its own process group, so a signal to the host's group (a terminal's Ctrl-C) is the host's to forward.
        detached: true,
      });
      // The processes inside the sandbox, as last seen before a stop: "exited" means they are gone too.
      let inside: number[] = [];
      const childExited = new Promise<BackendExit>((resolve) => {
        child.once('exit', (code, signal) => resolve({ code, signal }));
        child.once('error', () => resolve({ code: null, signal: null }));
      });
      let violation: BackendChannelViolation | null = null;
      const exited = childExited.then(async (exit): Promise<BackendExit> => {
        await waitUntilGone(inside, EXIT_WAIT_MS);
        return violation ? { ...exit, violation } : exit;
      });
      const signal = (name: NodeJS.Signals) => {
        if (child.exitCode === null && child.signalCode === null) child.kill(name);
      };
      const launched: LaunchedBackend = {
        pid: child.pid ?? null,
        // A channel that breaks its bounds ends the process: nothing more of it is read or kept.
        channel: pipeChannel(child.stdio[3] as Duplex, (broken) => {
          violation ??= broken;
          launched.kill();
        }),
        onOutput(listener) {
          child.stdout?.setEncoding('utf8').on('data', (text: string) => listener('stdout', text));
          child.stderr?.setEncoding('utf8').on('data', (text: string) => listener('stderr', text));
        },
        exited,
        // The script runs in its own session and PID namespace below bubblewrap: SIGTERM goes to it, so it
        // can finish; SIGTERM to bubblewrap would end it at once.
        terminate: () => {
          if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
            inside = signalDescendants(child.pid, 'SIGTERM');
          }
        },
        kill: () => {
          if (child.pid !== undefined) inside = [...new Set([...inside, ...descendantsOf(child.pid)])];
          signal('SIGKILL');
        },
        isolation: { osSandbox: launch.sandbox === 'none' ? null : launch.sandbox, nodePermissions: true, gaps },
      };
      return launched;
    },
  };
}
