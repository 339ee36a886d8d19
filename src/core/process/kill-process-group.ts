import type { ChildProcess } from 'node:child_process';

/**
 * Signals the child's whole process group (the child leads one, being spawned detached), so grandchildren
 * go too. Falls back to the child alone where groups do not exist. A group that is already gone is fine.
 */
export function killProcessGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform !== 'win32') {
    try {
      process.kill(-pid, signal);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return;
    }
  }
  try {
    child.kill(signal);
  } catch {
    // Already gone.
  }
}
