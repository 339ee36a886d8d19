// A writer killed with SIGKILL at random moments, again and again: the hosts file and a large file are always whole.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { build } from 'esbuild';
import { prepareHostsWrite } from '../../../src/core/actions/hosts-write';
import { writeHostsContent, readHostsFile } from '../../../src/core/hosts/hosts-file';
import { removeHostsLeftovers } from '../../../src/core/hosts/hosts-leftovers';
import { bundleChild, runToStep, tallyLine, type KillTally } from '../../crash/kill-kit';
import { findHostsSection, formatHostsRecord, replaceHostsSection } from '../../../src/core/hosts/hosts-section';
import { bigFileContent, CRASH_PLUGIN } from './fixtures/crash-versions';
import { writerRecords } from './fixtures/writer-records';
import { BASE_HOSTS, makeHostsDir, REPO_ROOT, testRunContext } from './hosts-test-helpers';

const KILLS = 30;
const TEMP = /\.gatehouse-tmp$/;

function assertWholeHosts(bytes: Buffer): number {
  const location = findHostsSection(bytes, CRASH_PLUGIN, 'default');
  assert.ok(location, 'the section is there with balanced markers');
  assert.equal(bytes.subarray(0, location.start).toString('utf8'), BASE_HOSTS, 'the lines before the section are intact');
  assert.equal(location.end, bytes.length, 'nothing follows the section');
  const body = bytes.subarray(location.start, location.end).toString('utf8').split('\n').slice(1, -2);
  const iteration = Number(/-i(\d+)-l0\.test/.exec(body[0] ?? '')?.[1]);
  assert.ok(Number.isInteger(iteration), `a version can be read from ${body[0]}`);
  assert.deepEqual(body, writerRecords('crash', iteration).map(formatHostsRecord), 'the section is one whole version');
  return iteration;
}

function assertWholeBigFile(text: string): number {
  const iteration = Number(/^version (\d+)\n/.exec(text)?.[1]);
  assert.ok(Number.isInteger(iteration), 'the large file starts with its version line');
  assert.ok(text === bigFileContent(iteration), `the large file is all of version ${iteration}`);
  return iteration;
}

/** The writer bundled to one CommonJS file: the same code, started in a tenth of the time tsx needs. */
async function bundleWriter(t: Parameters<typeof makeHostsDir>[0]): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'gatehouse-crash-writer-'));
  t.after(() => rm(out, { recursive: true, force: true }));
  const outfile = join(out, 'crash-writer.cjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'fixtures', 'crash-writer.ts')],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    conditions: ['@gatehouse/source'],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

test(`a writer SIGKILLed ${KILLS} times mid-loop always leaves whole files, and its temp files are cleaned up`, async (t) => {
  const { dir, hostsPath } = await makeHostsDir(t);
  const root = join(dir, 'workspace');
  await mkdir(root);
  const script = await bundleWriter(t);
  let leftovers = 0;
  const started = performance.now();
  let startup = 0;
  for (let kill = 0; kill < KILLS; kill++) {
    const spawned = performance.now();
    const child = spawn(process.execPath, [script, hostsPath, root, String(kill * 1000)], { stdio: ['ignore', 'pipe', 'pipe'] });
    t.after(() => (child.exitCode === null && child.signalCode === null ? child.kill('SIGKILL') : undefined));
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const done = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      void done.then(() => reject(new Error(`writer exited before it was killed: ${stderr}`)));
    });
    startup += performance.now() - spawned;
    await sleep(Math.floor(Math.random() * 40));
    child.kill('SIGKILL');
    assert.equal(await done, 'SIGKILL', stderr);

    assertWholeHosts(await readFile(hostsPath));
    assertWholeBigFile(await readFile(join(root, 'big.txt'), 'utf8'));
    const temps = [...(await readdir(dir)), ...(await readdir(root))].filter((name) => TEMP.test(name));
    assert.ok(temps.length <= 2, `only the last writer's in-flight temp files remain: ${temps.join(', ')}`);
    leftovers += temps.length;
  }
  t.diagnostic(`${leftovers} of ${KILLS} kills interrupted a write and left a temp file behind`);
  t.diagnostic(`writer start to first full iteration: ${Math.round(startup / KILLS)} ms on average; loop ${Math.round(performance.now() - started)} ms`);

  const edit = replaceHostsSection(await readHostsFile(hostsPath), CRASH_PLUGIN, 'default', writerRecords('crash', 7));
  await writeHostsContent(hostsPath, edit.content);
  assert.equal(assertWholeHosts(await readFile(hostsPath)), 7);
  const { mutate, scopeOver } = await import('../fs/fs-test-helpers');
  await mutate(scopeOver([root], { maxWriteBytes: 8 * 1024 * 1024 }), [{ type: 'writeFile', path: join(root, 'big.txt'), content: bigFileContent(3) }]);
  assert.equal(assertWholeBigFile(await readFile(join(root, 'big.txt'), 'utf8')), 3);
  assert.deepEqual((await readdir(dir)).sort(), ['hosts', 'workspace'], 'the next write removed every stale temp file beside the hosts file');
  assert.deepEqual(await readdir(root), ['big.txt'], 'and beside the large file');
});

test('a hosts write killed between any two disk changes leaves a whole file, and opening the core removes its lock and temp file', async (t) => {
  const script = await bundleChild(t, join(import.meta.dirname, 'fixtures', 'one-hosts-write.ts'), { paused: true });
  const tally: KillTally = { kills: 0, tornFiles: 0, lostAcknowledged: 0, unrecordedRepairs: 0 };
  const leftAtKill = { lock: 0, temp: 0 };
  const problems: string[] = [];
  for (let killAt = 1; ; killAt++) {
    const { dir, hostsPath, lockDir } = await makeHostsDir(t);
    const deps = { hostsPath, pluginId: CRASH_PLUGIN, lockDir };
    await prepareHostsWrite({ records: writerRecords('crash', 0) }, deps).then((p) => p.run(testRunContext()));
    const run = await runToStep(t, script, [hostsPath, lockDir, '1'], killAt, async () => {
      // The disk at the moment of the kill: what a crash right here leaves.
      const names = await readdir(dir);
      if (names.some((n) => n.endsWith('.gatehouse.lock'))) leftAtKill.lock++;
      if (names.some((n) => TEMP.test(n))) leftAtKill.temp++;
    });
    if (!run.killed) break;
    tally.kills++;
    const where = `killed after step ${killAt} (${run.steps.at(-1)})`;
    try {
      assert.ok([0, 1].includes(assertWholeHosts(await readFile(hostsPath))), 'the old or the new version');
    } catch (error) {
      tally.tornFiles++;
      problems.push(`${where}: ${(error as Error).message}`);
    }
    // What the core does when it opens.
    await removeHostsLeftovers(hostsPath, lockDir);
    const left = (await readdir(dir)).filter((n) => n !== 'hosts' && n !== 'data');
    if (left.length > 0) problems.push(`${where}: left after open: ${left.join(', ')}`);
    await prepareHostsWrite({ records: writerRecords('crash', 2) }, deps).then((p) => p.run(testRunContext()));
    assert.equal(assertWholeHosts(await readFile(hostsPath)), 2, `${where}: the next write went through`);
  }
  t.diagnostic(tallyLine('hosts write, killed at every step', tally));
  t.diagnostic(`at the kill, ${leftAtKill.lock} left a lock file and ${leftAtKill.temp} a temp file`);
  assert.deepEqual(problems, []);
  assert.ok(leftAtKill.lock > 0 && leftAtKill.temp > 0, 'some kills landed while the lock was held and while the temp file existed');
});
