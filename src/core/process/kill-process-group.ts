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
export function signalDescendants(pid: number, signal: NodeJS.Signals): number[] {
  const descendants = descendantsOf(pid);
  for (const descendant of descendants) {
    try {
      process.kill(descendant, signal);
    } catch {
      // Gone already.
    }
  }
  return descendants;
}

/** Every process below `pid`, found through /proc (empty where there is none). */
export function descendantsOf(pid: number): number[] {
  const seen = new Set<number>();
  const pending = childrenOf(pid);
  while (pending.length > 0) {
    const next = pending.pop() as number;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...childrenOf(next));
  }
  return [...seen];
}

/** True while `pid` exists and is not a zombie (a zombie has ended; only its parent's reaping is left). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Waits until none of `pids` runs any more, up to `limitMs`. A sandbox's own processes die with it, but the
 * kernel ends them after the sandbox's outer process has exited, not before: this closes that gap.
 */
export async function waitUntilGone(pids: readonly number[], limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    if (!pids.some(isRunning)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
