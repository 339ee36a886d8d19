// What the argument grammar costs: the pure argv check, and git's configuration probe (three short git
// runs that read the repository's configuration) against a direct spawn of the same git command.
import { execFile, execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { checkArgumentRules } from '../src/core/policy/check-argument-rules';
import { checkProcessInvocation } from '../src/core/policy/check-process-invocation';
import { processScopeSchema } from '../src/core/policy/process-scope';
import { runCheckedProcess } from '../src/core/process/run-checked-process';
import { percentiles, type BenchRow } from './bench-row';

const GIT = '/usr/bin/git';

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function runArgvBench({ tmpDir }: { tmpDir: string }): Promise<BenchRow[]> {
  const repo = join(tmpDir, 'repo');
  await mkdir(repo);
  execFileSync(GIT, ['init', '-q', repo]);
  const scope = processScopeSchema.parse({
    id: 'bench-git',
    title: 'git',
    tool: 'git',
    executables: [{ path: GIT }],
    cwdRoots: [tmpDir],
    rules: { allowedSubcommands: ['status', 'log'] },
    timeoutCeilingMs: 10_000,
    maxOutputBytes: 1024 * 1024,
    confirmation: { mode: 'never' },
  });
  const argv = ['-C', repo, 'log', '--format=%H', '-n', '5', '--', 'src/a.ts', 'b'];
  const pure: number[] = [];
  for (let i = 0; i < 5000; i++) pure.push(await time(() => checkArgumentRules(scope, argv)));

  const direct = () => new Promise<void>((resolve) => execFile(GIT, ['status', '--short'], { cwd: repo }, () => resolve()));
  const hosted = async () =>
    runCheckedProcess(await checkProcessInvocation(scope, { command: GIT, args: ['status', '--short'], cwd: repo }));
  for (let i = 0; i < 10; i++) {
    await direct();
    await hosted();
  }
  const directSamples: number[] = [];
  const hostedSamples: number[] = [];
  for (let i = 0; i < 100; i++) {
    directSamples.push(await time(direct));
    hostedSamples.push(await time(hosted));
  }
  const pureP = percentiles(pure);
  const directP = percentiles(directSamples);
  const hostedP = percentiles(hostedSamples);
  return [
    { name: 'git argv check (grammar, rules, operand typing)', unit: 'ms', ...pureP },
    { name: 'git status, direct spawn (baseline)', unit: 'ms', ...directP },
    { name: 'git status, checked, probed twice and spawned', unit: 'ms', ...hostedP, ratio: hostedP.p50 / directP.p50 },
  ];
}
