import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { openAuditLog } from '../../../src/core/audit';
import { fixtureArgs, tempDir } from './audit-test-kit';

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
