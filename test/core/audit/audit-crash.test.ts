import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, cp, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { openAuditLog } from '../../../src/core/audit';
import { bundleChild, runToStep, tallyLine, type KillTally } from '../../crash/kill-kit';
import { execRecord, fixtureArgs, tempDir } from './audit-test-kit';

const KILLS = 22;
const MAX_FILE_BYTES = 64 * 1024;

interface Writer {
  child: ChildProcess;
  /** Lets the writer go, kills it a random while after its first acknowledgement, and resolves to what it acknowledged. */
  runAndKill(): Promise<Map<number, string>>;
}

/** Starts a writer process that loads and then waits, so its start-up overlaps the previous run. */
function startWriter(dir: string, run: number): Writer {
  const child = spawn(process.execPath, fixtureArgs('append-loop.ts', [dir, String(run), String(MAX_FILE_BYTES)]), { stdio: ['pipe', 'pipe', 'pipe'] });
  const acked = new Map<number, string>();
  let stderr = '';
  let buffered = '';
  let timer: NodeJS.Timeout | undefined;
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const [kind, seq, correlationId] = buffered.slice(0, nl).split(' ');
      buffered = buffered.slice(nl + 1);
      if (kind !== 'acked') continue;
      acked.set(Number(seq), correlationId!);
      timer ??= setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 60));
    }
  });
  const closed = new Promise<Map<number, string>>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the writer exited on its own (${code}): ${stderr}`));
      else if (acked.size === 0) reject(new Error(`the writer was killed before it appended anything: ${stderr}`));
      else resolve(acked);
    });
  });
  // A spare writer killed at the end never runs; its rejection is expected and handled here.
  closed.catch(() => undefined);
  return {
    child,
    runAndKill() {
      const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.stdin!.write('go\n');
      return closed.finally(() => clearTimeout(guard));
    },
  };
}

test(`a writer SIGKILLed at random moments ${KILLS} times always leaves a log that reopens, verifies and continues`, async (t) => {
  const dir = await tempDir(t);
  const writers: Writer[] = [];
  t.after(() => writers.forEach((w) => w.child.exitCode === null && w.child.signalCode === null && w.child.kill('SIGKILL')));
  let lastSeq = 0;
  let repairs = 0;
  let acknowledged = 0;
  writers.push(startWriter(dir, 0));
  for (let run = 0; run < KILLS; run++) {
    if (run + 1 < KILLS) writers.push(startWriter(dir, run + 1));
    const acked = await writers[run]!.runAndKill();
    const seqs = [...acked.keys()];
    assert.ok(Math.min(...seqs) > lastSeq, `run ${run} continued the numbering after ${lastSeq}`);
    acknowledged += acked.size;

    const log = await openAuditLog({ dir, maxFileBytes: MAX_FILE_BYTES });
    try {
      if (log.startupReport.repaired) repairs++;
      const report = await log.verify();
      assert.equal(report.ok, true, `after kill ${run}: ${report.problem}`);
      for (const [seq, correlationId] of acked) {
        assert.equal((await log.get(seq))?.correlationId, correlationId, `acknowledged record ${seq} survived kill ${run}`);
      }
      const newest = (await log.query({ limit: 1 })).records[0]!;
      assert.ok(newest.seq >= Math.max(...seqs));
      lastSeq = newest.seq;
    } finally {
      await log.close();
    }
  }
  const files = (await readdir(dir)).filter((n) => n.endsWith('.jsonl'));
  t.diagnostic(`${KILLS} kills, ${acknowledged} acknowledged appends, ${lastSeq} records in ${files.length} files, ${repairs} torn tails repaired at reopen`);
  assert.ok(files.length > 1, 'the runs crossed at least one rotation');
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
        const repairs = (await reopened.query({ action: 'audit.repaired', limit: 1000 })).records.map((r) => r.summary as Record<string, unknown>);
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
      assert.deepEqual(names.filter((n) => n.endsWith('.tmp') || n.endsWith('.new') || n.endsWith('.stale')), [], `${where}: no unfinished side file is left`);
      const sides = names.filter((n) => /^audit-torn-.*\.bin$/.test(n));
      const contents = await Promise.all(sides.map((n) => readFile(join(dir, n), 'utf8')));
      assert.ok(contents.every((c) => c.length > 0), `${where}: no side file is empty`);
      assert.ok(contents.includes(torn), `${where}: the torn bytes are kept whole in a side file`);
    }
  }
  t.diagnostic(tallyLine('audit repair, killed at every step', tally));
  assert.deepEqual(problems, []);
  assert.ok(tally.kills >= 16);
});
