// The anchored write (held directories, temp file, fsync, rename, journal) against a plain fs.writeFile, measured in one run.
import { open, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { executeFsPlan } from '../src/core/fs/fs-execute';
import { planFsBatch } from '../src/core/fs/fs-plan';
import { openTempJournal } from '../src/core/fs/temp-journal';
import { fsScopeSchema } from '../src/shared/fs-scope-schema';
import { percentiles, type BenchRow } from './bench-row';

const ITERATIONS = 300;
const DATA = Buffer.alloc(4096, 'x');

async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function runFsBench({ tmpDir }: { tmpDir: string }): Promise<BenchRow[]> {
  const root = join(tmpDir, 'root');
  const dir = join(root, 'a', 'b');
  await mkdir(dir, { recursive: true });
  const scope = fsScopeSchema.parse({
    id: 'bench',
    title: 'Bench',
    roots: [root],
    allowedOperations: ['writeFile', 'appendFile'],
    maxWriteBytes: 1024 * 1024,
  });
  const { journal } = await openTempJournal(join(tmpDir, 'journal'));
  const content = DATA.toString('utf8');
  const writePlan = await planFsBatch(scope, [{ type: 'writeFile', path: join(dir, 'anchored'), content }]);
  const plain = () => writeFile(join(dir, 'plain'), DATA);
  const plainSynced = async () => {
    const handle = await open(join(dir, 'synced'), 'w');
    try {
      await handle.writeFile(DATA);
      await handle.sync();
    } finally {
      await handle.close();
    }
  };
  const anchored = () => executeFsPlan(writePlan, { journal });

  for (let i = 0; i < 30; i++) {
    await plain();
    await plainSynced();
    await anchored();
  }
  const samples = { plain: [] as number[], synced: [] as number[], anchored: [] as number[] };
  // Interleaved so machine noise hits every variant alike.
  for (let i = 0; i < ITERATIONS; i++) {
    samples.plain.push(await timeOnce(plain));
    samples.synced.push(await timeOnce(plainSynced));
    samples.anchored.push(await timeOnce(anchored));
  }
  await journal.close();
  const plainP = percentiles(samples.plain);
  const syncedP = percentiles(samples.synced);
  const anchoredP = percentiles(samples.anchored);
  return [
    { name: 'plain fs.writeFile, 4 KiB (baseline)', unit: 'ms', ...plainP },
    { name: 'fs.writeFile + fsync, 4 KiB', unit: 'ms', ...syncedP, ratio: syncedP.p50 / plainP.p50 },
    {
      name: 'anchored atomic write, 4 KiB (walk from root; journal, temp file and folder fsynced; rename)',
      unit: 'ms',
      ...anchoredP,
      ratio: anchoredP.p50 / plainP.p50,
    },
    { name: 'anchored write vs fs.writeFile + fsync', unit: 'x', value: anchoredP.p50 / syncedP.p50 },
  ];
}
