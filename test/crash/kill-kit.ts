// Shared by the crash tests: child processes bundled for a fast start, killed with SIGKILL either at random
// or exactly between two changes to the disk (the child pauses after each one; see paused-fs-promises.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { build, type Plugin } from 'esbuild';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAUSED_FS = resolve(import.meta.dirname, 'fixtures', 'paused-fs-promises.ts');

/** Sends every import of node:fs/promises except the stand-in's own to the stand-in. */
const pausedFsPlugin: Plugin = {
  name: 'paused-fs',
  setup(b) {
    b.onResolve({ filter: /^(node:)?fs\/promises$/ }, (args) =>
      args.importer === PAUSED_FS ? { path: 'node:fs/promises', external: true } : { path: PAUSED_FS },
    );
  },
};

/**
 * Bundles a child script to one CommonJS file: the same code, started in a fraction of the time tsx needs.
 * `paused` bundles in the fs stand-in that stops after every change to the disk.
 */
export async function bundleChild(t: TestContext, entry: string, options: { paused?: boolean } = {}): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'gatehouse-crash-child-'));
  t.after(() => rm(out, { recursive: true, force: true }));
  const outfile = join(out, 'child.cjs');
  await build({
    entryPoints: [entry],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    conditions: ['@gatehouse/source'],
    outfile,
    logLevel: 'silent',
    plugins: options.paused ? [pausedFsPlugin] : [],
  });
  return outfile;
}

export interface StepRun {
  /** Whether the child reached the step and was killed there (false: it finished first). */
  killed: boolean;
  /** The steps it took, `<call> <path>`, the last one being where it was killed. */
  steps: string[];
  stdout: string;
}

/**
 * Runs a paused-bundle child, letting it through `killAt - 1` changes to the disk and killing it with SIGKILL
 * right after change number `killAt`, while it waits. `atKill` sees the disk at that moment, before the kill.
 */
export function runToStep(t: TestContext, script: string, args: string[], killAt: number, atKill?: () => Promise<void>): Promise<StepRun> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  killOnExit(t, child);
  const steps: string[] = [];
  let stdout = '';
  let stderr = '';
  let buffered = '';
  let killed = false;
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise<StepRun>((resolvePromise, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const match = /^step (\d+) (.*)$/.exec(line);
        if (match === null || killed) continue;
        steps.push(match[2]!);
        if (Number(match[1]) === killAt) {
          killed = true;
          void (atKill ?? (async () => undefined))().then(
            () => child.kill('SIGKILL'),
            (error: unknown) => {
              child.kill('SIGKILL');
              reject(error);
            },
          );
        } else {
          child.stdin!.write('go\n');
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (killed && signal !== 'SIGKILL') reject(new Error(`the child was to be killed at step ${killAt} but exited (${code}): ${stderr}`));
      else if (!killed && code !== 0) reject(new Error(`the child failed (${code ?? signal}): ${stderr}`));
      else resolvePromise({ killed, steps, stdout });
    });
  });
}

/** Kills the child when the test ends, should it still run. */
export function killOnExit(t: TestContext, child: ChildProcess): void {
  t.after(() => (child.exitCode === null && child.signalCode === null ? child.kill('SIGKILL') : undefined));
}

/** Kill counts of one crash test, printed as one line the soak numbers in docs/ARCHITECTURE.md come from. */
export interface KillTally {
  kills: number;
  tornFiles: number;
  lostAcknowledged: number;
  unrecordedRepairs: number;
}

export function tallyLine(what: string, tally: KillTally): string {
  return `${what}: ${tally.kills} kills, ${tally.tornFiles} torn files, ${tally.lostAcknowledged} lost acknowledged records, ${tally.unrecordedRepairs} unrecorded repairs`;
}
