import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, cp, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { openAuditLog } from '../../../src/core/audit';
import { bundleChild, runToStep, tallyLine, type KillTally } from '../../crash/kill-kit';
import { execRecord, tempDir } from './audit-test-kit';

const KILLS = 100;
const MAX_FILE_BYTES = 64 * 1024;
/** A third of the kills are timed from the moment the writer is told to go, to land in its open (and repair); the rest from its open, mid-append. */
const KILLS_TIMED_FROM_GO = 1 / 3;
const MAX_KILL_DELAY_MS = 40;

interface Writer {
  child: ChildProcess;
  /** Lets the writer go, kills it a random while later, and resolves to what it acknowledged. */
  runAndKill(): Promise<{ acked: Map<number, string>; opened: boolean }>;
}

/** Starts a writer process that loads and then waits, so its start-up overlaps the previous run. */
function startWriter(script: string, dir: string, run: number): Writer {
  const child = spawn(process.execPath, [script, dir, String(run), String(MAX_FILE_BYTES)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const acked = new Map<number, string>();
  let opened = false;
  let onOpened = (): void => undefined;
  let stderr = '';
  let buffered = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const [kind, seq, correlationId] = buffered.slice(0, nl).split(' ');
      buffered = buffered.slice(nl + 1);
      if (kind === 'opened') {
        opened = true;
        onOpened();
      }
      if (kind === 'acked') acked.set(Number(seq), correlationId!);
    }
  });
  const closed = new Promise<{ acked: Map<number, string>; opened: boolean }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the writer exited on its own (${code}): ${stderr}`));
      else resolve({ acked, opened });
    });
  });
  // A spare writer killed at the end never runs; its rejection is expected and handled here.
  closed.catch(() => undefined);
  return {
    child,
    runAndKill() {
      const kill = () => setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * MAX_KILL_DELAY_MS));
      if (Math.random() < KILLS_TIMED_FROM_GO) kill();
      else onOpened = kill;
      child.stdin!.write('go\n');
      return closed;
    },
  };
}

/** Opens a copy of the log (the real one is left as the kill left it, for the next writer); resolves to its repair records. */
async function inspectCopy(
  t: Parameters<typeof tempDir>[0],
  dir: string,
  check: (log: Awaited<ReturnType<typeof openAuditLog>>) => Promise<void>,
) {
  const copy = await tempDir(t, 'gatehouse-audit-copy-');
  await cp(dir, copy, { recursive: true });
  const log = await openAuditLog({ dir: copy, maxFileBytes: MAX_FILE_BYTES });
  try {
    await check(log);
    return (await log.query({ action: 'audit.repaired', limit: 1000 })).records.map(
      (r) => r.summary as { kind: string; file?: string; offset?: number; tornFile?: string },
    );
  } finally {
    await log.close();
  }
}

test(`a writer SIGKILLed at random moments ${KILLS} times, the next one repairing what it left, never loses a record or a repair`, async (t) => {
  const dir = await tempDir(t);
  const script = await bundleChild(t, join(import.meta.dirname, 'fixtures', 'append-loop.ts'));
  const writers: Writer[] = [];
  t.after(() => writers.forEach((w) => w.child.exitCode === null && w.child.signalCode === null && w.child.kill('SIGKILL')));
  const tally: KillTally = { kills: 0, tornFiles: 0, lostAcknowledged: 0, unrecordedRepairs: 0 };
  const problems: string[] = [];
  const allAcked = new Map<number, string>();
  let killedInOpen = 0;
  let tornLeft = 0;
  /** The torn tail the last kill left (found through a copy), which the next writer must repair and record. */
  let pendingTorn: { file: string; offset: number } | null = null;
  let seeded = 0;
  writers.push(startWriter(script, dir, 0));
  for (let run = 0; run < KILLS; run++) {
    if (run + 1 < KILLS) writers.push(startWriter(script, dir, run + 1));
    // A SIGKILL rarely tears a single write, so every third run starts on a torn tail (as a power loss leaves one):
    // the writer must repair it, and is sometimes killed while it does.
    const last = (await readdir(dir))
      .filter((n) => /^audit-\d{6,}\.jsonl$/.test(n))
      .sort()
      .at(-1);
    // Seeded only once a writer has made a file: one killed before its first write leaves none to tear.
    if (run % 3 === 2 && last !== undefined) {
      const size = (await stat(join(dir, last))).size;
      await appendFile(join(dir, last), `{"seq":${run},"prevHash":"${'0'.repeat(Math.floor(Math.random() * 2000))}`);
      pendingTorn ??= { file: last, offset: size };
      seeded++;
    }
    const { acked, opened } = await writers[run]!.runAndKill();
    tally.kills++;
    if (!opened) killedInOpen++;
    for (const [seq, id] of acked) allAcked.set(seq, id);
    const before = pendingTorn;
    const repairs = await inspectCopy(t, dir, async (log) => {
      const report = await log.verify();
      if (!report.ok) {
        tally.tornFiles++;
        problems.push(`after kill ${run}: ${report.problem}`);
      }
      for (const [seq, id] of acked) {
        if ((await log.get(seq))?.correlationId !== id) {
          tally.lostAcknowledged++;
          problems.push(`after kill ${run}: acknowledged record ${seq} is gone`);
        }
      }
    });
    const tornRepairs = repairs.filter((r) => r.kind === 'torn-tail');
    if (before !== null && !tornRepairs.some((r) => r.file === before.file && r.offset === before.offset)) {
      tally.unrecordedRepairs++;
      problems.push(`after kill ${run}: the torn tail at ${before.file}:${before.offset} was cut without a record`);
    }
    // A repair whose side file exists only in the copy was made by the copy's open: the kill left that torn tail.
    const inDir = new Set(await readdir(dir));
    const leftByKill = tornRepairs.find((r) => r.tornFile !== undefined && !inDir.has(r.tornFile));
    pendingTorn =
      leftByKill?.file !== undefined && leftByKill.offset !== undefined ? { file: leftByKill.file, offset: leftByKill.offset } : null;
    if (pendingTorn !== null) tornLeft++;
  }

  const log = await openAuditLog({ dir, maxFileBytes: MAX_FILE_BYTES });
  try {
    const report = await log.verify();
    assert.equal(report.ok, true, report.problem ?? '');
    for (const [seq, id] of allAcked)
      assert.equal((await log.get(seq))?.correlationId, id, `acknowledged record ${seq} survived every kill`);
  } finally {
    await log.close();
  }
  const files = (await readdir(dir)).filter((n) => n.endsWith('.jsonl'));
  t.diagnostic(tallyLine('audit appends, random kills', tally));
  t.diagnostic(
    `${allAcked.size} acknowledged appends in ${files.length} files; ${killedInOpen} kills before the open finished; ${seeded} runs started on a seeded torn tail, ${tornLeft} kills left one`,
  );
  assert.deepEqual(problems, []);
  assert.ok(files.length > 1, 'the runs crossed at least one rotation');
  assert.ok(seeded >= KILLS / 6, `torn tails were repaired often enough to count: ${seeded}`);
});

/** Acknowledged `seq → correlationId` pairs a child printed. */
function ackedIn(stdout: string): Map<number, string> {
  const acked = new Map<number, string>();
  for (const match of stdout.matchAll(/^acked (\d+) (\S+)$/gm)) acked.set(Number(match[1]), match[2]!);
  return acked;
}

test('a process killed between any two disk changes of its repair at open never leaves the repair unrecorded', async (t) => {
  const FILE = 'audit-000001.jsonl';
  const script = await bundleChild(t, join(import.meta.dirname, 'fixtures', 'open-and-append.ts'), { paused: true });
  const tally: KillTally = { kills: 0, tornFiles: 0, lostAcknowledged: 0, unrecordedRepairs: 0 };
  const problems: string[] = [];
  for (const variant of ['torn tail', 'torn tail and no checkpoint file'] as const) {
    const template = await tempDir(t);
    const log = await openAuditLog({ dir: template });
    for (let i = 1; i <= 5; i++) await log.append(execRecord(i));
    await log.close();
    const tornOffset = (await stat(join(template, FILE))).size;
    // A record cut off in the middle, longer than the repair record that will take its place.
    const torn = `{"seq":6,"prevHash":"${'ab'.repeat(32)}","time":"2025-01-01T00:00:00.000Z","summary":"${'x'.repeat(900)}`;
    await appendFile(join(template, FILE), torn);
    if (variant !== 'torn tail') await unlink(join(template, 'audit-head.bin'));

    for (let killAt = 1; ; killAt++) {
      const dir = await tempDir(t);
      await cp(template, dir, { recursive: true });
      const run = await runToStep(t, script, [dir, '2'], killAt);
      if (!run.killed) {
        assert.ok(killAt > 8, `the open and appends took only ${killAt - 1} steps`);
        break;
      }
      tally.kills++;
      const where = `${variant}, killed after step ${killAt} (${run.steps.at(-1)})`;
      const reopened = await openAuditLog({ dir });
      try {
        const report = await reopened.verify();
        // verify() reports a missing checkpoint file as a problem by design: the chain alone cannot show what was lost.
        const expected = variant !== 'torn tail' && /the checkpoint file was missing/.test(report.problem ?? '');
        if (!report.ok && !expected) {
          tally.tornFiles++;
          problems.push(`${where}: ${report.problem}`);
        }
        for (const [seq, correlationId] of ackedIn(run.stdout)) {
          if ((await reopened.get(seq))?.correlationId !== correlationId) {
            tally.lostAcknowledged++;
            problems.push(`${where}: acknowledged record ${seq} is gone`);
          }
        }
        const repairs = (await reopened.query({ action: 'audit.repaired', limit: 1000 })).records.map(
          (r) => r.summary as Record<string, unknown>,
        );
        if (!repairs.some((r) => r.kind === 'torn-tail' && r.file === FILE && r.offset === tornOffset)) {
          tally.unrecordedRepairs++;
          problems.push(`${where}: no record of the cut at ${FILE}:${tornOffset}`);
        }
        if (variant !== 'torn tail' && !repairs.some((r) => r.kind === 'checkpoint-missing')) {
          tally.unrecordedRepairs++;
          problems.push(`${where}: the missing checkpoint file is not recorded`);
        }
      } finally {
        await reopened.close();
      }
      const names = await readdir(dir);
      const unfinished = names.filter((n) => n.endsWith('.tmp') || n.endsWith('.new') || n.endsWith('.stale'));
      if (unfinished.length > 0) problems.push(`${where}: unfinished side files are left: ${unfinished.join(', ')}`);
      const sides = names.filter((n) => /^audit-torn-.*\.bin$/.test(n));
      const contents = await Promise.all(sides.map((n) => readFile(join(dir, n), 'utf8')));
      if (contents.some((c) => c.length === 0)) problems.push(`${where}: a side file is empty`);
      if (!contents.includes(torn)) problems.push(`${where}: the torn bytes are not kept whole in a side file`);
    }
  }
  t.diagnostic(tallyLine('audit repair, killed at every step', tally));
  assert.deepEqual(problems, []);
  assert.ok(tally.kills >= 16);
});
