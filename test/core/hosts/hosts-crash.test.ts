// Writers killed with SIGKILL, at random moments and at every step of a write: the hosts file and a large file
// are always whole, and what a kill leaves is gone once the core opens.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { prepareHostsWrite } from '../../../src/core/actions/hosts-write';
import { writeHostsContent, readHostsFile } from '../../../src/core/hosts/hosts-file';
import { removeHostsLeftovers } from '../../../src/core/hosts/hosts-leftovers';
import { bundleChild, killOnExit, runToStep, tallyLine, type KillTally } from '../../crash/kill-kit';
import { findHostsSection, formatHostsRecord, replaceHostsSection } from '../../../src/core/hosts/hosts-section';
import { bigFileContent, CRASH_PLUGIN } from './fixtures/crash-versions';
import { writerRecords } from './fixtures/writer-records';
import { BASE_HOSTS, makeHostsDir, testRunContext } from './hosts-test-helpers';

const KILLS = 100;
/** Kills land from the moment the writer starts, across its first few hosts and file writes. */
const MAX_KILL_DELAY_MS = 60;
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

interface Writer {
  child: ChildProcess;
  /** Lets the writer go, kills it a random while after it started, and resolves to the iterations it finished. */
  runAndKill(): Promise<number>;
}

/** Starts a writer that loads and waits for `go`, so its start-up overlaps the previous run. */
function startWriter(t: TestContext, script: string, hostsPath: string, root: string, firstIteration: number): Writer {
  const child = spawn(process.execPath, [script, hostsPath, root, String(firstIteration)], { stdio: ['pipe', 'pipe', 'pipe'] });
  killOnExit(t, child);
  let stderr = '';
  let stdout = '';
  let onStarted = (): void => undefined;
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (chunk.includes('started')) onStarted();
  });
  const done = new Promise<number>((resolve, reject) =>
    child.on('close', (code, signal) =>
      signal === 'SIGKILL'
        ? resolve(stdout.split('wrote ').length - 1)
        : reject(new Error(`the writer exited on its own (${code}): ${stderr}`)),
    ),
  );
  done.catch(() => undefined);
  return {
    child,
    runAndKill() {
      onStarted = () => setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * MAX_KILL_DELAY_MS));
      child.stdin!.write('go\n');
      return done;
    },
  };
}

test(`a writer of the hosts file and a large file, SIGKILLed ${KILLS} times at random, always leaves whole files and no leftovers once cleaned`, async (t) => {
  const { dir, hostsPath, lockDir } = await makeHostsDir(t);
  const root = join(dir, 'workspace');
  await mkdir(root);
  const { mutate, scopeOver } = await import('../fs/fs-test-helpers');
  const fsScope = scopeOver([root], { maxWriteBytes: 8 * 1024 * 1024 });
  await writeHostsContent(
    hostsPath,
    replaceHostsSection(await readHostsFile(hostsPath), CRASH_PLUGIN, 'default', writerRecords('crash', 0)).content,
  );
  await mutate(fsScope, [{ type: 'writeFile', path: join(root, 'big.txt'), content: bigFileContent(0) }]);
  const script = await bundleChild(t, join(import.meta.dirname, 'fixtures', 'crash-writer.ts'));
  const tally: KillTally = { kills: 0, tornFiles: 0, lostAcknowledged: 0, unrecordedRepairs: 0 };
  const problems: string[] = [];
  let leftovers = 0;
  let inFirstIteration = 0;
  const started = performance.now();
  const writers: Writer[] = [startWriter(t, script, hostsPath, root, 1)];
  for (let kill = 0; kill < KILLS; kill++) {
    if (kill + 1 < KILLS) writers.push(startWriter(t, script, hostsPath, root, (kill + 1) * 1000));
    const finished = await writers[kill]!.runAndKill();
    if (finished === 0) inFirstIteration++;
    tally.kills++;
    for (const [what, check] of [
      ['hosts', async () => assertWholeHosts(await readFile(hostsPath))],
      ['big.txt', async () => assertWholeBigFile(await readFile(join(root, 'big.txt'), 'utf8'))],
    ] as const) {
      try {
        await check();
      } catch (error) {
        tally.tornFiles++;
        problems.push(`after kill ${kill}, ${what}: ${(error as Error).message.slice(0, 200)}`);
      }
    }
    leftovers += [...(await readdir(dir)), ...(await readdir(root))].filter((name) => TEMP.test(name)).length;
  }
  t.diagnostic(tallyLine('hosts and fs writeFile, random kills', tally));
  t.diagnostic(
    `${inFirstIteration} kills landed in the writer's first hosts-and-file write, the rest later; ${leftovers} temp files seen after kills (a later write removes those beside its target); ${Math.round(performance.now() - started)} ms for the kills`,
  );
  assert.deepEqual(problems, []);

  // Opening the core removes the hosts temp file a kill left; the next fs write removes its own.
  await removeHostsLeftovers(hostsPath, lockDir);
  assert.deepEqual((await readdir(dir)).sort(), ['hosts', 'workspace'], 'nothing is left beside the hosts file');
  await mutate(fsScope, [{ type: 'writeFile', path: join(root, 'big.txt'), content: bigFileContent(3) }]);
  assert.equal(assertWholeBigFile(await readFile(join(root, 'big.txt'), 'utf8')), 3);
  assert.deepEqual(await readdir(root), ['big.txt'], 'nor beside the large file');
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
