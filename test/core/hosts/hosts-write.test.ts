import assert from 'node:assert/strict';
import { appendFile, chmod, chown, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ActionFailure } from '../../../src/core/action-failure';
import { prepareHostsWrite } from '../../../src/core/actions/hosts-write';
import { hostsLockPath } from '../../../src/core/hosts/hosts-lock';
import { BASE_HOSTS, makeHostsDir, runTypeScript, testRunContext, writeHosts } from './hosts-test-helpers';
import { NOBODY, permissionBound } from '../../support/permission-bound';

const PLUGIN = 'com.example.local-dns';
const records = [
  { address: '127.0.0.1', hostname: 'app.test', comment: 'the app' },
  { address: '::1', hostname: 'app.test' },
];
const sectionText = `# >>> gatehouse ${PLUGIN} default\n127.0.0.1\tapp.test  # the app\n::1\tapp.test\n# <<< gatehouse ${PLUGIN} default\n`;

test('prepare describes the write (diff, records, always confirmed); run writes only the section', async (t) => {
  const { hostsPath, lockDir } = await makeHostsDir(t);
  await chmod(hostsPath, 0o644);
  const prepared = await prepareHostsWrite({ records, reason: 'local dev' }, { hostsPath, pluginId: PLUGIN, lockDir });
  assert.deepEqual(prepared.confirmation, { mode: 'always' });
  assert.equal(prepared.scope, null);
  assert.equal(prepared.dryRun, false);
  assert.ok(prepared.preview.kind === 'hosts.write');
  const { diff, ...rest } = prepared.preview;
  assert.deepEqual(rest, { kind: 'hosts.write', path: hostsPath, tag: 'default', records, elevated: false });
  assert.match(diff, /^--- .*hosts\n\+\+\+ .*hosts\n@@ -1,3 \+1,7 @@\n/);
  assert.ok(diff.includes(`+# >>> gatehouse ${PLUGIN} default\n+127.0.0.1\tapp.test  # the app\n`));
  assert.deepEqual(prepared.auditSummary, {
    path: hostsPath,
    tag: 'default',
    records: records.map(({ address, hostname }) => ({ address, hostname })),
    recordCount: 2,
    diffBytes: Buffer.byteLength(diff),
  });
  assert.equal(await readFile(hostsPath, 'utf8'), BASE_HOSTS, 'prepare writes nothing');

  const result = await prepared.run(testRunContext());
  assert.deepEqual(result, { tag: 'default', dryRun: false, changed: true, diff, recordCount: 2 });
  assert.equal(await readFile(hostsPath, 'utf8'), BASE_HOSTS + sectionText);
  assert.equal((await stat(hostsPath)).mode & 0o777, 0o644, 'the hosts file keeps its mode');
  assert.deepEqual(prepared.auditOutcome(result), { changed: true, recordCount: 2, diffBytes: Buffer.byteLength(diff), elevated: false });

  const again = await writeHosts({ records }, { hostsPath, pluginId: PLUGIN, lockDir });
  assert.deepEqual(again, { tag: 'default', dryRun: false, changed: false, diff: '', recordCount: 2 });
});

test('a dry run returns the diff and writes nothing', async (t) => {
  const { dir, hostsPath, lockDir } = await makeHostsDir(t);
  const prepared = await prepareHostsWrite({ records, tag: 'web', dryRun: true }, { hostsPath, pluginId: PLUGIN, lockDir });
  assert.equal(prepared.dryRun, true);
  const result = await prepared.run(testRunContext());
  assert.equal(result.dryRun, true);
  assert.equal(result.changed, true);
  assert.ok(result.diff.includes(`+# >>> gatehouse ${PLUGIN} web`));
  assert.equal(await readFile(hostsPath, 'utf8'), BASE_HOSTS);
  assert.deepEqual(await readdir(dir), ['hosts'], 'no lock, temp or data files either');
});

test('lines changed by someone else between prepare and run survive the write', async (t) => {
  const { hostsPath, lockDir } = await makeHostsDir(t);
  const prepared = await prepareHostsWrite({ records }, { hostsPath, pluginId: PLUGIN, lockDir });
  await appendFile(hostsPath, '10.10.10.10\tadded-meanwhile.test\n');
  const result = await prepared.run(testRunContext());
  assert.equal(await readFile(hostsPath, 'utf8'), `${BASE_HOSTS}10.10.10.10\tadded-meanwhile.test\n${sectionText}`);
  assert.ok(result.diff.includes(' 10.10.10.10\tadded-meanwhile.test'), 'the result diff is computed from the file at run time');
});

test('replace, then remove with an empty list, restores the original bytes; other plugins are untouched', async (t) => {
  const { hostsPath, lockDir } = await makeHostsDir(t);
  await writeHosts({ records }, { hostsPath, pluginId: PLUGIN, lockDir });
  await writeHosts({ records: [{ address: '10.0.0.9', hostname: 'other.test' }] }, { hostsPath, pluginId: 'other.plugin', lockDir });
  await writeHosts({ records: [{ address: '10.0.0.1', hostname: 'new.test' }] }, { hostsPath, pluginId: PLUGIN, lockDir });
  const otherSection = '# >>> gatehouse other.plugin default\n10.0.0.9\tother.test\n# <<< gatehouse other.plugin default\n';
  assert.equal(
    await readFile(hostsPath, 'utf8'),
    `${BASE_HOSTS}# >>> gatehouse ${PLUGIN} default\n10.0.0.1\tnew.test\n# <<< gatehouse ${PLUGIN} default\n${otherSection}`,
  );
  const removed = await writeHosts({ records: [] }, { hostsPath, pluginId: PLUGIN, lockDir });
  assert.equal(removed.changed, true);
  assert.equal(await readFile(hostsPath, 'utf8'), BASE_HOSTS + otherSection);
});

test('a file with corrupt markers for the section is refused and left alone', async (t) => {
  const corrupt = `${BASE_HOSTS}# >>> gatehouse ${PLUGIN} default\n1.1.1.1\tstale.test\n`;
  const { hostsPath, lockDir } = await makeHostsDir(t, corrupt);
  await assert.rejects(
    prepareHostsWrite({ records }, { hostsPath, pluginId: PLUGIN, lockDir }),
    (error: unknown) =>
      error instanceof ActionFailure && error.code === 'SCOPE_VIOLATION' && error.details?.reason === 'hosts-markers-corrupt',
  );
  assert.equal(await readFile(hostsPath, 'utf8'), corrupt);
});

test('a missing hosts file is created with the section', async (t) => {
  const { hostsPath, lockDir } = await makeHostsDir(t);
  await rm(hostsPath);
  await writeHosts({ records }, { hostsPath, pluginId: PLUGIN, lockDir });
  assert.equal(await readFile(hostsPath, 'utf8'), sectionText);
});

test('a plugin id that could not be read back from a marker is refused', async (t) => {
  const { hostsPath, lockDir } = await makeHostsDir(t);
  await assert.rejects(
    prepareHostsWrite({ records }, { hostsPath, pluginId: 'two words', lockDir }),
    (error: unknown) => error instanceof ActionFailure && error.code === 'INTERNAL_ERROR',
  );
});

test('the lock lives beside a writable hosts file, else in the data folder keyed by the hosts path', async (t) => {
  const { dir, hostsPath, lockDir } = await makeHostsDir(t);
  assert.equal(await hostsLockPath(hostsPath, lockDir), join(dir, '.hosts.gatehouse.lock'));
  const readOnly = join(dir, 'ro');
  await mkdir(readOnly);
  const inData = await hostsLockPath(join(readOnly, 'hosts'), lockDir);
  if (process.getuid?.() === 0) {
    t.diagnostic(
      'running as root: every folder is writable, so only the beside case is observable here (the elevation test covers the other)',
    );
    assert.equal(inData, join(readOnly, '.hosts.gatehouse.lock'));
    return;
  }
  await chmod(readOnly, 0o555);
  try {
    const locked = await hostsLockPath(join(readOnly, 'hosts'), lockDir);
    assert.match(locked, new RegExp(`^${lockDir}/hosts-[0-9a-f]{16}\\.lock$`));
  } finally {
    await chmod(readOnly, 0o755);
  }
});

test('an unwritable hosts file goes through the elevation helper, which is handed the content itself', async (t) => {
  const { dir, hostsPath, lockDir } = await makeHostsDir(t);
  await mkdir(lockDir);
  if (permissionBound().kind === 'nobody') {
    // The scenario runs as "nobody", for whom the root-owned file and folder are read-only.
    await chmod(dir, 0o755);
    await chmod(hostsPath, 0o644);
    await chown(lockDir, NOBODY, NOBODY);
  } else {
    await chmod(hostsPath, 0o444);
    await chmod(dir, 0o555);
  }
  try {
    const { done } = runTypeScript(join(import.meta.dirname, 'fixtures', 'elevation-scenario.ts'), [hostsPath, lockDir], {
      permissionBound: true,
    });
    const { code, stdout, stderr } = await done;
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout) as {
      elevatedPreview: boolean;
      result: { changed: boolean; recordCount: number };
      outcome: { elevated: boolean };
      calls: { target: string; content: string; lockDirDuringCall: string[] }[];
      lockDirAfter: string[];
      withoutElevation: string;
    };
    assert.equal(report.withoutElevation, 'OS_ERROR:EACCES', 'without an elevation helper the write is refused up front');
    assert.equal(report.elevatedPreview, true, 'the dialog says the write needs the administrator prompt');
    assert.equal(report.result.changed, true);
    assert.equal(report.outcome.elevated, true);
    assert.equal(report.calls.length, 1);
    const [call] = report.calls;
    assert.equal(call!.target, hostsPath);
    assert.equal(
      call!.content,
      `${BASE_HOSTS}# >>> gatehouse elevated.plugin default\n10.0.0.7\televated.test\n# <<< gatehouse elevated.plugin default\n`,
    );
    assert.deepEqual(
      call!.lockDirDuringCall.filter((name) => !/^hosts-[0-9a-f]{16}\.lock$/.test(name)),
      [],
      'the content is handed over as bytes: no content file is written anywhere the helper would read it by path',
    );
    assert.ok(
      call!.lockDirDuringCall.some((name) => /^hosts-[0-9a-f]{16}\.lock$/.test(name)),
      'the lock was taken in the data folder',
    );
    assert.deepEqual(report.lockDirAfter, [], 'the lock is gone afterwards');
    assert.equal(await readFile(hostsPath, 'utf8'), BASE_HOSTS, 'the fake helper wrote nothing itself');
  } finally {
    await chmod(dir, 0o755);
  }
});
