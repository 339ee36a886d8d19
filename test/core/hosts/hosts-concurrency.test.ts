// Many writers, in one process and in several, against one hosts file: every write is whole and none is lost.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, readdir, watch, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { prepareHostsWrite } from '../../../src/core/actions/hosts-write';
import { hostsLockPath } from '../../../src/core/hosts/hosts-lock';
import { takeOwnerLock } from '../../../src/core/owner-lock';
import { formatHostsRecord } from '../../../src/core/hosts/hosts-section';
import { createCoreFixture } from '../../support/core-fixture';
import { writerRecords } from './fixtures/writer-records';
import { BASE_HOSTS, makeHostsDir, runTypeScript, testRunContext } from './hosts-test-helpers';

const PLUGIN = 'concurrency.plugin';

/** Splits a hosts file into the untouched head and its sections (tag → body lines); fails on anything else. */
function parseSections(text: string): { head: string; sections: Map<string, string[]> } {
  assert.ok(text.startsWith(BASE_HOSTS), 'the lines outside the sections are intact');
  const sections = new Map<string, string[]>();
  const lines = text.slice(BASE_HOSTS.length).split('\n');
  assert.equal(lines.pop(), '', 'the file ends with a newline');
  while (lines.length > 0) {
    const begin = /^# >>> gatehouse (\S+) (\S+)$/.exec(lines.shift()!);
    assert.ok(begin && begin[1] === PLUGIN, 'every other line belongs to a section');
    const tag = begin[2]!;
    assert.ok(!sections.has(tag), `section ${tag} appears once`);
    const body: string[] = [];
    for (;;) {
      const line = lines.shift();
      assert.ok(line !== undefined, `section ${tag} is terminated`);
      if (line === `# <<< gatehouse ${PLUGIN} ${tag}`) break;
      assert.ok(!line.startsWith('# '), 'no marker inside a section');
      body.push(line);
    }
    sections.set(tag, body);
  }
  return { head: BASE_HOSTS, sections };
}

const linesOf = (writer: string, iteration: number) => writerRecords(writer, iteration).map(formatHostsRecord);

function assertOneOf(actual: string[] | undefined, candidates: string[][], what: string): void {
  assert.ok(actual, `${what} exists`);
  assert.ok(
    candidates.some((candidate) => candidate.join('\n') === actual.join('\n')),
    `${what} is exactly one writer's full content:\n${actual.join('\n')}`,
  );
}

test('20 concurrent writes from one process to one section leave one whole section, and lose no other section', async (t) => {
  const { dir, hostsPath, lockDir } = await makeHostsDir(t);
  const deps = { hostsPath, pluginId: PLUGIN, lockDir };
  const writers = Array.from({ length: 20 }, (_, w) => String(w));
  const results = await Promise.all(
    writers.flatMap((w) => [
      prepareHostsWrite({ records: writerRecords('shared', Number(w)) }, deps).then((p) => p.run(testRunContext())),
      prepareHostsWrite({ records: writerRecords(`own-${w}`, 0), tag: `own-${w}` }, deps).then((p) => p.run(testRunContext())),
    ]),
  );
  assert.equal(results.length, 40);
  const { sections } = parseSections(await readFile(hostsPath, 'utf8'));
  assertOneOf(
    sections.get('default'),
    writers.map((w) => linesOf('shared', Number(w))),
    'the shared section',
  );
  for (const w of writers) assert.deepEqual(sections.get(`own-${w}`), linesOf(`own-${w}`, 0), `writer ${w}'s own section`);
  assert.equal(sections.size, 21);
  assert.deepEqual(await readdir(dir), ['hosts'], 'no lock or temp file is left');
});

test('4 processes writing one section concurrently (5 writes each) leave one whole section and every own section', async (t) => {
  const { dir, hostsPath, lockDir } = await makeHostsDir(t);
  const script = join(import.meta.dirname, 'fixtures', 'concurrent-writer.ts');
  const children = ['a', 'b', 'c', 'd'].map((writer) => runTypeScript(script, [hostsPath, lockDir, writer, '5']));
  t.after(() => children.forEach(({ child }) => child.exitCode === null && child.kill('SIGKILL')));
  for (const { done } of children) {
    const { code, stdout, stderr } = await done;
    assert.equal(code, 0, stderr);
    assert.equal(stdout, 'done');
  }
  const { sections } = parseSections(await readFile(hostsPath, 'utf8'));
  const candidates = ['a', 'b', 'c', 'd'].flatMap((writer) => [0, 1, 2, 3, 4].map((i) => linesOf(writer, i)));
  assertOneOf(sections.get('default'), candidates, 'the shared section');
  for (const writer of ['a', 'b', 'c', 'd']) {
    assertOneOf(
      sections.get(`own-${writer}`),
      [0, 1, 2, 3, 4].map((i) => linesOf(`own-${writer}`, i)),
      `writer ${writer}'s own section`,
    );
  }
  assert.equal(sections.size, 5);
  assert.deepEqual(await readdir(dir), ['hosts'], 'no lock or temp file is left');
});

test('a writer killed while holding the lock leaves nothing once the core opens, and the next write does not wait', async (t) => {
  const { dir, hostsPath, lockDir } = await makeHostsDir(t);
  const { child, done } = runTypeScript(join(import.meta.dirname, 'fixtures', 'lock-holder.ts'), [hostsPath, lockDir]);
  t.after(() => child.exitCode === null && child.kill('SIGKILL'));
  // Killed the moment the lock file appears on disk.
  const lockFile = join(dir, '.hosts.gatehouse.lock');
  const watcher = watch(dir);
  for await (const event of watcher) if (event.filename === '.hosts.gatehouse.lock' && existsSync(lockFile)) break;
  child.kill('SIGKILL');
  assert.equal((await done).signal, 'SIGKILL');
  // The kill may also land before the lock's staging file (".<pid>.<hex>.new") is unlinked; opening must remove both.
  const left = (await readdir(dir)).sort();
  assert.deepEqual(
    left.filter((name) => !/^\.hosts\.gatehouse\.lock\.\d+\.[0-9a-f]{16}\.new$/.test(name)),
    ['.hosts.gatehouse.lock', 'hosts'],
    'the kill left the lock behind',
  );

  const fixture = await createCoreFixture([], { hostsPath, dataDir: join(dir, 'core-data') });
  t.after(() => fixture.cleanup());
  assert.deepEqual((await readdir(dir)).sort(), ['core-data', 'hosts'], 'opening the core took the lock over: nothing is left to wait for');
  const result = await prepareHostsWrite({ records: writerRecords('after-crash', 1) }, { hostsPath, pluginId: PLUGIN, lockDir }).then((p) =>
    p.run(testRunContext()),
  );
  assert.equal(result.changed, true);
  assert.deepEqual(parseSections(await readFile(hostsPath, 'utf8')).sections.get('default'), linesOf('after-crash', 1));
  assert.deepEqual((await readdir(dir)).sort(), ['core-data', 'hosts']);
});

test('a lock whose owner is gone is taken over on the first attempt, without waiting for it to go stale', async (t) => {
  const { dir, hostsPath, lockDir } = await makeHostsDir(t);
  const gone = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' }).pid!;
  // Written as a crashed holder leaves it: its pid and token, refreshed just now, so only the pid tells it is stale.
  await writeFile(join(dir, '.hosts.gatehouse.lock'), `${gone}\n${'0'.repeat(32)}\n`);
  const lockPath = await hostsLockPath(hostsPath, lockDir);
  // A lock that stays valid however old it gets: only its owner being gone can free it.
  const lock = await takeOwnerLock(lockPath, () => true);
  assert.ok(lock, 'taken over on the first attempt');
  assert.equal(readFileSync(lockPath, 'utf8').split('\n')[0], String(process.pid));
  await lock.release();
  assert.deepEqual(await readdir(dir), ['hosts']);
});
