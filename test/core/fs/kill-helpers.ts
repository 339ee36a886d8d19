// Kill tests: a child process runs one real fs operation and is SIGKILLed at a moment chosen by watching the
// disk (a temp file appearing or growing, the target changing), never by a timer.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TEMP_NAME } from '../../../src/core/fs/temp-files';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'fs-writer.ts');

/** What the watcher sees at one instant. */
export interface DiskMoment {
  /** Size of our temp file in the folder, or null when there is none. */
  tempSize: number | null;
  targetSize: number;
}

/** Starts the writer child and waits until it has planned its operation; `go` starts the effect. */
export async function startWriter(args: string[]): Promise<{ child: ChildProcess; go: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--conditions=@gatehouse/source', '--import', 'tsx', FIXTURE, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  while (!output.includes('ready')) {
    const [event] = await Promise.race([once(child.stdout!, 'data').then(() => ['data']), once(child, 'exit').then(() => ['exit'])]);
    if (event === 'exit') throw new Error(`writer exited before it was ready: ${output}`);
  }
  const exited = once(child, 'exit').then(() => {
    throw new Error(`writer exited before it was told to go: ${output}`);
  });
  exited.catch(() => undefined);
  const go = () =>
    Promise.race([
      new Promise<void>((resolve, reject) => child.stdin!.write('go\n', (error) => (error ? reject(error) : resolve()))),
      exited,
    ]);
  return { child, go };
}

/**
 * Watches `dir` in a tight synchronous loop (so nothing of this process runs in between) and SIGKILLs the child
 * as soon as `trigger` holds. Gives up after `timeoutMs` or once `finished` holds. Returns whether it killed.
 */
export async function killWhen(
  child: ChildProcess,
  dir: string,
  target: string,
  trigger: (moment: DiskMoment) => boolean,
  finished: (moment: DiskMoment) => boolean,
  options: { timeoutMs?: number; watchTemp?: boolean } = {},
): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  let killed = false;
  for (;;) {
    const moment = look(dir, target, options.watchTemp !== false);
    if (trigger(moment)) {
      child.kill('SIGKILL');
      killed = true;
      break;
    }
    if (finished(moment) || Date.now() > deadline) break;
  }
  if (child.exitCode === null && child.signalCode === null) {
    if (!killed) child.kill('SIGKILL');
    await once(child, 'exit');
  }
  return killed;
}

/** One look; without `watchTemp` only the target is stat'ed, which makes the loop several times tighter. */
function look(dir: string, target: string, watchTemp: boolean): DiskMoment {
  let tempSize: number | null = null;
  for (const name of watchTemp ? readdirSync(dir) : []) {
    if (!TEMP_NAME.test(name)) continue;
    try {
      tempSize = statSync(join(dir, name)).size;
    } catch {
      // Renamed or removed between the listing and the stat.
    }
  }
  let targetSize = -1;
  try {
    targetSize = statSync(target).size;
  } catch {
    // Not there yet.
  }
  return { tempSize, targetSize };
}

/** The temp files in `dir`. */
export function tempFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => TEMP_NAME.test(name));
}
