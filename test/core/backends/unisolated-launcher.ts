// A launcher with no isolation at all, for the escape suite's control run only: the same hostile backend,
// started as a plain Node child with the host's environment, must succeed at every probe, which proves the
// probes can see an escape. Never used outside tests.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { BackendExit, BackendLauncher } from '../../../src/core/backends/backend-launcher';
import { BACKEND_CHANNEL_ENV, pipeChannel } from '../../../src/core/backends/pipe-channel';

export const unisolatedControlLauncher: BackendLauncher = {
  async launch(spec) {
    const child = spawn(process.execPath, [join(spec.bundleDir, spec.entry)], {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...BACKEND_CHANNEL_ENV },
    });
    const exited = new Promise<BackendExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    return {
      pid: child.pid ?? null,
      channel: pipeChannel(child.stdio[3] as Duplex, () => child.kill('SIGKILL')),
      onOutput: () => undefined,
      exited,
      terminate: () => child.kill('SIGTERM'),
      kill: () => child.kill('SIGKILL'),
      isolation: { osSandbox: null, nodePermissions: false, gaps: ['control run: no isolation'] },
    };
  },
};
