import { readdirSync, readFileSync } from 'node:fs';
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

function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((task) => {
    try {
      return readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(' ')
        .filter((part) => part !== '')
        .map(Number);
    } catch {
      return [];
    }
  });
}

/**
 * Signals every descendant of `pid` (not `pid` itself). A sandboxed tool runs in its own session and PID
 * namespace below bubblewrap, so its process group is not bubblewrap's: this is how it still gets SIGTERM
 * and its grace period before the sandbox as a whole is killed.
 */
export function signalDescendants(pid: number, signal: NodeJS.Signals): void {
  const seen = new Set<number>();
  const pending = childrenOf(pid);
  while (pending.length > 0) {
    const next = pending.pop() as number;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...childrenOf(next));
  }
  for (const descendant of seen) {
    try {
      process.kill(descendant, signal);
    } catch {
      // Gone already.
    }
  }
}
