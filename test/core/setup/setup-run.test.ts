// Setup on a real machine: from scratch, idempotent, a failure mid-way and its retry, updates, teardown,
// overrides, the key file's mode, and no key material in the audit log.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, lstat, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { message } from '../../support/core-fixture';
import { createSetupFixture, OTHER_ID, PLUGIN_ID, setupSection, writeSetupPlugin, type SetupFixture } from './setup-fixture';

const hasSshKeygen = spawnSync('/usr/bin/ssh-keygen', ['-?'], { encoding: 'utf8' }).error === undefined;
const skip = hasSshKeygen ? false : 'ssh-keygen is not installed at /usr/bin/ssh-keygen (apt-get install openssh-client)';

describe('plugin setup', { skip }, () => {
  let f: SetupFixture;
  before(async () => {
    f = await createSetupFixture();
  });
  after(async () => {
    await f?.cleanup();
  });

  it('an active plugin whose requirements do not hold is refused with SETUP_NEEDED, and nothing happens', async () => {
    const status = await f.core.setup.status(PLUGIN_ID);
    assert.equal(status.state, 'needed');
    assert.equal(status.reason, 'requirements');
    assert.deepEqual(
      status.requirements.map((r) => [r.id, r.holds]),
      [
        ['folder', false],
        ['config', false],
        ['key', false],
        ['host', true],
      ],
    );
    // The preview: every step with absolute paths under the host's home.
    assert.deepEqual(
      status.steps.map((s) => s.lines),
      [
        [`Create the folder ${f.keyFolder} (mode 0700)`],
        [`Write ${join(f.keyFolder, 'config')} (52 bytes) (mode 0600)`],
        [`Run /usr/bin/ssh-keygen -t ed25519 -N "" -C devssh -f ${join(f.keyFolder, 'id_ed25519')} -q`],
      ],
    );
    const response = await f.core.handlePrivilegedAction(
      { pluginId: PLUGIN_ID },
      message('system.fs.mutate', { scope: 'devssh', operations: [{ type: 'mkdir', path: join(f.home, '.config', 'elsewhere') }] }),
    );
    assert.equal(response.ok, false);
    assert.equal(!response.ok && response.code, 'SETUP_NEEDED');
    assert.match(!response.ok ? response.error : '', /needs setup on this machine: Config folder, Config file, SSH key are not in place/);
    await assert.rejects(lstat(join(f.home, '.config', 'elsewhere')), { code: 'ENOENT' });
  });

  it('setup from scratch: every step runs through the prompts, the key is 0600, the plugin is ready', async () => {
    const report = await f.core.setup.run(PLUGIN_ID);
    assert.equal(report.status, 'completed', JSON.stringify(report));
    assert.deepEqual(
      report.steps.map((s) => [s.id, s.status]),
      [
        ['folder', 'done'],
        ['config', 'done'],
        ['key', 'done'],
      ],
    );
    assert.ok(report.requirements.every((r) => r.holds));
    // One prompt per step, each the normal prompt of its action.
    assert.deepEqual(
      f.prompts.map((p) => p.action),
      ['system.fs.mutate', 'system.fs.mutate', 'system.process.exec'],
    );
    assert.equal((await stat(f.keyFolder)).mode & 0o777, 0o700);
    assert.equal((await stat(join(f.keyFolder, 'id_ed25519'))).mode & 0o777, 0o600);
    assert.match(await readFile(join(f.keyFolder, 'id_ed25519.pub'), 'utf8'), /^ssh-ed25519 AAAA[0-9A-Za-z+/=]+ devssh\n$/);
    assert.match(await readFile(join(f.keyFolder, 'id_ed25519'), 'utf8'), /BEGIN OPENSSH PRIVATE KEY/);
    const status = await f.core.setup.status(PLUGIN_ID);
    assert.equal(status.state, 'ready');
    const now = await f.core.handlePrivilegedAction(
      { pluginId: PLUGIN_ID },
      message('system.process.exec', {
        scope: 'ssh-keygen',
        command: '/usr/bin/ssh-keygen',
        args: ['-y', '-f', join(f.keyFolder, 'id_ed25519')],
      }),
    );
    assert.equal(now.ok, true, JSON.stringify(now));
    // The plugin may show the public half, derived from the key it made.
    const pub = await readFile(join(f.keyFolder, 'id_ed25519.pub'), 'utf8');
    assert.equal(
      now.ok && (now.result as { stdout: string }).stdout.trim().split(' ').slice(0, 2).join(' '),
      pub.trim().split(' ').slice(0, 2).join(' '),
    );
  });

  it('nothing secret reaches the audit log: not the private key, not the public key line', async () => {
    const privateKey = await readFile(join(f.keyFolder, 'id_ed25519'), 'utf8');
    const body = privateKey.split('\n').filter((line) => line && !line.startsWith('-----'));
    const pub = (await readFile(join(f.keyFolder, 'id_ed25519.pub'), 'utf8')).split(' ')[1] as string;
    const text = await f.auditText();
    assert.ok(text.includes('setup.run'), 'the audit files were read');
    for (const line of body) assert.equal(text.includes(line), false, 'a line of the private key is in the audit log');
    assert.equal(text.includes(pub), false, 'the public key is in the audit log');
    assert.equal(text.includes('OPENSSH PRIVATE KEY'), false);
  });

  it('a second run changes nothing: every step is skipped, no prompt, files untouched', async () => {
    const before = await stat(join(f.keyFolder, 'id_ed25519'));
    const prompts = f.prompts.length;
    const report = await f.core.setup.run(PLUGIN_ID);
    assert.equal(report.status, 'completed');
    assert.deepEqual(
      report.steps.map((s) => s.status),
      ['skipped', 'skipped', 'skipped'],
    );
    assert.equal(f.prompts.length, prompts);
    const afterRun = await stat(join(f.keyFolder, 'id_ed25519'));
    assert.equal(afterRun.mtimeMs, before.mtimeMs);
    assert.equal(afterRun.ino, before.ino);
  });

  it('an update that does not change the setup section stays ready; one that does asks again', async () => {
    await writeSetupPlugin(join(f.dir, 'plugins'), setupSection(), '1.0.1');
    await f.reopen();
    assert.equal((await f.core.setup.status(PLUGIN_ID)).state, 'ready');
    await writeSetupPlugin(join(f.dir, 'plugins'), setupSection({ configText: 'Host dev2\n' }), '1.1.0');
    await f.reopen();
    const changed = await f.core.setup.status(PLUGIN_ID);
    assert.equal(changed.state, 'needed');
    assert.equal(changed.reason, 'changed');
    const refused = await f.core.handlePrivilegedAction(
      { pluginId: PLUGIN_ID },
      message('system.process.exec', {
        scope: 'ssh-keygen',
        command: '/usr/bin/ssh-keygen',
        args: ['-y', '-f', join(f.keyFolder, 'id_ed25519')],
      }),
    );
    assert.equal(!refused.ok && refused.code, 'SETUP_NEEDED');
    assert.match(!refused.ok ? refused.error : '', /its setup changed in an update/);
    const report = await f.core.setup.run(PLUGIN_ID);
    assert.equal(report.status, 'completed');
    assert.equal((await f.core.setup.status(PLUGIN_ID)).state, 'ready');
  });

  it('teardown removes what setup made and marks the plugin as needing setup again', async () => {
    const report = await f.core.setup.teardown(PLUGIN_ID);
    assert.equal(report.status, 'completed', JSON.stringify(report));
    await assert.rejects(lstat(f.keyFolder), { code: 'ENOENT' });
    const status = await f.core.setup.status(PLUGIN_ID);
    assert.equal(status.state, 'needed');
    assert.equal(status.readyDigest, null);
  });

  it('a failure mid-way stops, names the step and the reason, lists the partial state; a retry completes', async () => {
    // A file where the key should go: ssh-keygen may not replace it, so the key step fails after two steps ran.
    await mkdir(f.keyFolder, { mode: 0o700 });
    await chmod(f.keyFolder, 0o700);
    await writeFile(join(f.keyFolder, 'id_ed25519.pub'), 'in the way\n');
    const failed = await f.core.setup.run(PLUGIN_ID);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.failedStep?.id, 'key');
    assert.equal(failed.failedStep?.code, 'SCOPE_VIOLATION');
    assert.match(failed.failedStep?.error ?? '', /already exists/);
    assert.deepEqual(
      failed.steps.map((s) => [s.id, s.status]),
      [
        ['folder', 'skipped'],
        ['config', 'done'],
        ['key', 'failed'],
      ],
    );
    assert.deepEqual(
      failed.requirements.map((r) => [r.id, r.holds]),
      [
        ['folder', true],
        ['config', true],
        ['key', false],
        ['host', true],
      ],
    );
    assert.equal((await f.core.setup.status(PLUGIN_ID)).state, 'needed');
    await rm(join(f.keyFolder, 'id_ed25519.pub'));
    const retried = await f.core.setup.run(PLUGIN_ID);
    assert.equal(retried.status, 'completed');
    assert.deepEqual(
      retried.steps.map((s) => s.status),
      ['skipped', 'skipped', 'done'],
    );
    assert.equal((await stat(join(f.keyFolder, 'id_ed25519'))).mode & 0o777, 0o600);
  });

  it('a declined step fails the run with CANCELLED and leaves the later steps unrun', async () => {
    await f.core.setup.teardown(PLUGIN_ID);
    f.setDecision('declined');
    try {
      const report = await f.core.setup.run(PLUGIN_ID);
      assert.equal(report.status, 'failed');
      assert.deepEqual(
        report.steps.map((s) => s.status),
        ['failed', 'not-run', 'not-run'],
      );
      assert.equal(report.failedStep?.code, 'CANCELLED');
      await assert.rejects(lstat(f.keyFolder), { code: 'ENOENT' });
    } finally {
      f.setDecision('approved');
    }
  });

  it('overrides: another path, a variable value for its processes only, and "I set this up myself"', async () => {
    const elsewhere = join(f.home, '.config', 'mine');
    const status = await f.core.setup.setOverrides(PLUGIN_ID, {
      env: { DEVSSH_HOST: 'dev.internal' },
      paths: { '~/.config/devssh': elsewhere },
      selfManaged: false,
    });
    assert.deepEqual(status.overrides.paths, { '~/.config/devssh': elsewhere });
    assert.equal(status.requirements[0]?.target, elsewhere);
    const report = await f.core.setup.run(PLUGIN_ID);
    assert.equal(report.status, 'completed', JSON.stringify(report.failedStep));
    assert.equal((await stat(join(elsewhere, 'id_ed25519'))).mode & 0o777, 0o600);
    await assert.rejects(lstat(f.keyFolder), { code: 'ENOENT' });
    // The value reaches this plugin's processes, and no other plugin's.
    const printenv = (pluginId: string) =>
      f.core.handlePrivilegedAction(
        { pluginId },
        message('system.process.exec', { scope: 'show-env', command: '/usr/bin/printenv', args: ['DEVSSH_HOST'] }),
      );
    const mine = await printenv(PLUGIN_ID);
    assert.equal(mine.ok && (mine.result as { stdout: string }).stdout, 'dev.internal\n');
    const theirs = await printenv(OTHER_ID);
    // printenv exits 1 when the variable is unset.
    assert.equal(!theirs.ok && theirs.code, 'PROCESS_EXIT_NON_ZERO');
    assert.equal(!theirs.ok && (theirs.details as { stdout: string }).stdout, '');
    // A variable the plugin did not declare, or a path it did not declare, is refused.
    await assert.rejects(f.core.setup.setOverrides(PLUGIN_ID, { env: { OTHER: 'x' } }), /declares no variable OTHER/);
    await assert.rejects(f.core.setup.setOverrides(PLUGIN_ID, { paths: { '~/.ssh': '/tmp/x' } }), /declares no path/);
    // Values stay out of the audit log; names are recorded.
    const text = await f.auditText();
    assert.ok(text.includes('DEVSSH_HOST'));
    assert.equal(text.includes('dev.internal'), false);
    assert.equal((await f.core.setup.teardown(PLUGIN_ID)).status, 'completed');
    await assert.rejects(lstat(elsewhere), { code: 'ENOENT' });
    // "I set this up myself": no setup offered, the requirements still decide.
    await f.core.setup.setOverrides(PLUGIN_ID, { selfManaged: true });
    const self = await f.core.setup.status(PLUGIN_ID);
    assert.equal(self.state, 'needed', 'the default paths do not hold');
    await mkdir(f.keyFolder, { mode: 0o700 });
    await writeFile(join(f.keyFolder, 'config'), 'mine\n');
    await writeFile(join(f.keyFolder, 'id_ed25519'), 'mine\n', { mode: 0o600 });
    assert.equal((await f.core.setup.status(PLUGIN_ID)).state, 'self-managed');
  });

  it('audits each run as setup: requested, then completed or failed with step ids, statuses and codes only', async () => {
    const page = await f.core.audit.query({ pluginId: PLUGIN_ID, action: 'setup.run' });
    const phases = page.records.map((r) => r.phase);
    assert.ok(phases.includes('requested') && phases.includes('completed') && phases.includes('failed'), phases.join());
    const failed = page.records.find((r) => r.phase === 'failed' && r.code === 'SCOPE_VIOLATION');
    assert.deepEqual((failed?.outcome as { steps: unknown }).steps, [
      { id: 'folder', status: 'skipped' },
      { id: 'config', status: 'done' },
      { id: 'key', status: 'failed', code: 'SCOPE_VIOLATION' },
    ]);
    // Each step is its own request of the plugin, recorded by the broker with the setup's reason.
    const steps = await f.core.audit.query({ pluginId: PLUGIN_ID, action: 'system.process.exec', text: 'Setup: Create the SSH key pair' });
    assert.ok(steps.records.length > 0);
    const teardowns = await f.core.audit.query({ pluginId: PLUGIN_ID, action: 'setup.teardown' });
    assert.ok(teardowns.records.some((r) => r.phase === 'completed'));
  });
});
