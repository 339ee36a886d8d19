// The process table around a backend, read from /proc: what the launcher started, everything below it, and
// the Node process that runs the plugin's script.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: string): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null; // gone meanwhile
  }
}

/** `rootPid` and every process below it, parents first. */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentOf(name);
    if (ppid !== null) children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const tree: number[] = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** The Node process inside the backend's sandbox: the descendant of what the launcher started that runs the script. */
export function backendNodePid(rootPid: number): number {
  for (const pid of processTree(rootPid)) {
    const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
    if (pid !== rootPid && cmdline.includes('backend.mjs') && !cmdline.includes('bwrap')) return pid;
  }
  throw new Error(`no backend process below ${rootPid}`);
}

/** True while the process exists and is not a zombie. */
export const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
