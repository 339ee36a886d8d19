// Which TCP ports a process tree listens on, read from /proc: the socket inodes each process holds,
// matched against the kernel's LISTEN entries. Linux only.
import { readdir, readFile, readlink } from 'node:fs/promises';

export interface ListeningSocket {
  /** The local address as the kernel shows it: 0100007F is 127.0.0.1, 00000000 is every interface. */
  address: string;
  port: number;
}

async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const children: number[] = [];
  for (const task of tasks) {
    const text = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
    children.push(...text.split(/\s+/).filter(Boolean).map(Number));
  }
  return children;
}

/** `pid` and every process below it. */
export async function processTree(pid: number): Promise<number[]> {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...(await childrenOf(all[i] as number)));
  return all;
}

async function socketInodes(pid: number): Promise<Set<string>> {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`).catch(() => [] as string[])) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match?.[1]) inodes.add(match[1]);
  }
  return inodes;
}

/** Every TCP (v4 and v6) socket in LISTEN state held by `pids`. */
export async function listeningSockets(pids: number[]): Promise<ListeningSocket[]> {
  const held = new Set<string>();
  for (const pid of pids) for (const inode of await socketInodes(pid)) held.add(inode);
  const found: ListeningSocket[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = (await readFile(table, 'utf8').catch(() => '')).split('\n').slice(1);
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      // sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode
      if (fields.length < 10 || fields[3] !== '0A' || !held.has(fields[9] as string)) continue;
      const [address, port] = (fields[1] as string).split(':');
      found.push({ address: address as string, port: parseInt(port as string, 16) });
    }
  }
  return found;
}
