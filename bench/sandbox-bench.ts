// The sandbox's cost per exec, measured in one run with the samples interleaved: a direct spawn of
// /bin/true, a direct bubblewrap spawn with the same arguments the host builds, and the host's whole exec
// path (check, re-verify, launch, spawn) of the same program.
import { spawn } from 'node:child_process';
import { checkProcessInvocation, runCheckedProcess } from '../src/core/actions/process-exec';
import { processScopeSchema } from '../src/core/policy/process-scope';
import { defaultSandboxRuntime } from '../src/core/sandbox/sandbox-runtime';
import { DEFAULT_PROCESS_SANDBOX } from '../src/shared/process-sandbox-schema';
import { percentiles, type BenchRow } from './bench-row';

const TRUE = '/bin/true';

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin' } });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${file} exited ${code}`))));
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function runSandboxBench({ tmpDir }: { tmpDir: string }): Promise<BenchRow[]> {
  const status = defaultSandboxRuntime.status();
  if (!status.available) {
    console.error(`sandbox benchmarks skipped: ${status.reason}`);
    return [];
  }
  const launch = await defaultSandboxRuntime.launch({
    resolved: TRUE,
    executable: TRUE,
    args: [],
    cwd: tmpDir,
    roots: [tmpDir],
    sandbox: DEFAULT_PROCESS_SANDBOX,
  });
  const scope = processScopeSchema.parse({
    id: 'bench-true',
    title: 'true',
    tool: 'none',
    executables: [{ path: TRUE }],
    rules: { argv: [[]] },
    cwdRoots: [tmpDir],
    timeoutCeilingMs: 10_000,
    maxOutputBytes: 1024,
    confirmation: { mode: 'never' },
  });
  const direct = () => run(TRUE, []);
  const bwrap = () => run(launch.file, launch.args);
  const host = async () => runCheckedProcess(await checkProcessInvocation(scope, { command: TRUE }));
  for (let i = 0; i < 10; i++) await Promise.all([direct(), bwrap(), host()]);

  const samples = { direct: [] as number[], bwrap: [] as number[], host: [] as number[] };
  // Interleaved so machine noise hits all three alike.
  for (let i = 0; i < 150; i++) {
    samples.direct.push(await timed(direct));
    samples.bwrap.push(await timed(bwrap));
    samples.host.push(await timed(host));
  }
  const directP = percentiles(samples.direct);
  const bwrapP = percentiles(samples.bwrap);
  const hostP = percentiles(samples.host);
  return [
    { name: 'direct spawn of /bin/true (baseline)', unit: 'ms', ...directP },
    { name: 'direct bwrap spawn of /bin/true, the host’s arguments', unit: 'ms', ...bwrapP, ratio: bwrapP.p50 / directP.p50 },
    { name: 'host exec of /bin/true in the sandbox (check + launch + spawn)', unit: 'ms', ...hostP, ratio: hostP.p50 / directP.p50 },
    {
      name: 'host exec over direct bwrap',
      unit: 'ms',
      p50: hostP.p50 - bwrapP.p50,
      p99: hostP.p99 - bwrapP.p99,
      ratio: hostP.p50 / bwrapP.p50,
      target: '≤ 1.3× direct bwrap',
    },
  ];
}
