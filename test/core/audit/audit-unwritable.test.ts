import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chown, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditUnavailableError, openAuditLog } from '../../../src/core/audit';
import { runChmodScenario, type ChmodScenarioResult } from './fixtures/chmod-scenario';
import { boundCommand, permissionBound } from '../../support/permission-bound';
import { execRecord, fileLines, fixtureArgs, tempDir } from './audit-test-kit';

const FILE = 'audit-000001.jsonl';

test('a directory moved away refuses appends without writing anything, and the chain continues once it is back', async (t) => {
  const parent = await tempDir(t);
  const dir = join(parent, 'audit');
  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  await log.append(execRecord(1));
  await log.append(execRecord(2));
  const before = await readFile(join(dir, FILE));

  await rename(dir, join(parent, 'elsewhere'));
  await assert.rejects(log.append(execRecord(3)), AuditUnavailableError);
  await assert.rejects(Promise.all([log.append(execRecord(4)), log.append(execRecord(5))]), AuditUnavailableError);
  assert.ok(before.equals(await readFile(join(parent, 'elsewhere', FILE))), 'nothing was written to the moved file');

  await rename(join(parent, 'elsewhere'), dir);
  const next = await log.append(execRecord(6));
  assert.equal(next.seq, 3, 'a refused batch used no seq');
  assert.equal(next.prevHash, (await log.get(2))?.hash);
  assert.deepEqual(
    (await fileLines(dir, FILE)).map((l) => JSON.parse(l).correlationId),
    ['corr-1', 'corr-2', 'corr-6'],
  );
  assert.equal((await log.verify()).ok, true);
});

test('a deleted directory refuses appends; a reopened log starts a new chain there', async (t) => {
  const parent = await tempDir(t);
  const dir = join(parent, 'audit');
  const log = await openAuditLog({ dir });
  await log.append(execRecord(1));
  await rm(dir, { recursive: true });
  await assert.rejects(log.append(execRecord(2)), AuditUnavailableError);
  await assert.rejects(log.append(execRecord(3)), AuditUnavailableError, 'and keeps refusing');
  await log.close();

  const fresh = await openAuditLog({ dir });
  t.after(() => fresh.close());
  assert.equal((await fresh.append(execRecord(4))).seq, 1);
  assert.equal((await fresh.verify()).ok, true);
});

test('a directory or file without write permission refuses appends; permission back, the chain continues', async (t) => {
  const dir = await tempDir(t);
  let result: ChmodScenarioResult;
  const mode = permissionBound();
  if (mode.kind !== 'as-is') {
    // Root writes regardless of permission bits, so the scenario runs in a child they apply to.
    if (mode.kind === 'nobody') await chown(dir, mode.uid, mode.gid);
    const run = boundCommand(process.execPath, fixtureArgs('chmod-scenario.ts', [dir]));
    const child = spawnSync(run.command, run.args, {
      ...(run.uid !== undefined ? { uid: run.uid, gid: run.gid } : {}),
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, TSX_DISABLE_CACHE: '1' },
    });
    assert.equal(child.status, 0, child.stderr);
    result = JSON.parse(child.stdout) as ChmodScenarioResult;
  } else {
    result = await runChmodScenario(dir);
  }
  assert.deepEqual(result, {
    dirRefusal: 'AuditUnavailableError',
    fileRefusal: 'AuditUnavailableError',
    unchanged: true,
    afterSeqs: [3, 4],
    verified: true,
  });
});

test('a write cut short by a full disk (file-size limit) leaves no half record behind', async (t) => {
  const probe = spawnSync('prlimit', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    t.skip('prlimit (util-linux) is not installed, so a file-size limit cannot be imposed on a child');
    return;
  }
  const dir = await tempDir(t);
  const limit = 256 * 1024;
  const child = spawnSync('prlimit', [`--fsize=${limit}`, process.execPath, ...fixtureArgs('append-until-refused.ts', [dir])], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, TSX_DISABLE_CACHE: '1' },
  });
  assert.equal(child.status, 0, child.stderr);
  const result = JSON.parse(child.stdout) as { lastOkSeq: number; refusal: string; again: string; size: number };
  assert.match(result.refusal, /^AuditUnavailableError: .*EFBIG/);
  assert.equal(
    result.again,
    `appended ${result.lastOkSeq + 1}`,
    'a record that still fits continues the chain: the refused batch used no seq',
  );
  assert.ok(result.size < limit, 'the partly written batch was taken back');

  const text = await readFile(join(dir, FILE), 'utf8');
  assert.equal(text.length, (await stat(join(dir, FILE))).size);
  assert.ok(text.endsWith('\n'));
  assert.equal(JSON.parse(text.split('\n').at(-2)!).seq, result.lastOkSeq + 1, 'the file ends with the last acknowledged record');

  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  assert.deepEqual(log.startupReport, { repaired: false, detail: null }, 'nothing needed repair');
  assert.equal((await log.append(execRecord(1))).seq, result.lastOkSeq + 2);
  assert.equal((await log.verify()).ok, true);
});
