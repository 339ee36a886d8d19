// Rights are checked again at the moment of effect: disabling, revoking or removing a plugin while its request
// waits on a prompt or an audit write, or while it runs, stops the request and the audit record says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFilesystemCapabilityBundle, createProcessCapabilityBundle } from '@gatehouse/plugin-sdk';
import type { AuditRecord, AuditRecordInput } from '../../../src/core/audit';
import { auditHold } from '../../support/audit-hold';
import { createCoreFixture, message } from '../../support/core-fixture';
import { assertRefused } from '../../support/assert-refused';

const CLIP = ['system.clipboard.read', 'system.clipboard.write'];

async function records(f: Awaited<ReturnType<typeof createCoreFixture>>, correlationId: string) {
  const page = await f.core.audit.query({ correlationId, limit: 100 });
  return page.records.reverse();
}

const absent = (path: string) => assert.rejects(access(path), { code: 'ENOENT' }, `${path} must not exist`);

async function fsFixture(t: { after(fn: () => Promise<void>): void }) {
  const work = await mkdtemp(join(tmpdir(), 'gatehouse-rights-'));
  const f = await createCoreFixture([{ id: 'writer', capabilities: createFilesystemCapabilityBundle('work') }], {
    scopes: {
      fs: [{ id: 'work', title: 'Work', roots: [work], allowedOperations: ['writeFile'], confirmation: 'always', maxWriteBytes: 4096 }],
    },
  });
  t.after(async () => {
    await f.cleanup();
    await rm(work, { recursive: true, force: true });
  });
  return { f, work };
}

test('disable while the prompt is open: the prompt is withdrawn, the file is not written, the audit says why', async (t) => {
  const { f, work } = await fsFixture(t);
  const target = join(work, 'note.txt');
  const m = message('system.fs.mutate', { scope: 'work', operations: [{ type: 'writeFile', path: target, content: 'must not land' }] });
  const shown = new Promise<string>((resolve) => f.prompter.onEvent((e) => e.type === 'request' && resolve(e.request.id)));
  const pending = f.core.handlePrivilegedAction({ pluginId: 'writer' }, m);
  const promptId = await shown;

  await f.core.plugins.setStatus('writer', 'disabled');
  assert.deepEqual(f.prompter.openRequests(), [], 'the prompt is withdrawn at once');
  assert.equal(f.prompter.answer(promptId, 'approved'), false, 'a late approval has nothing to approve');
  const response = await pending;
  assertRefused(response, 'PLUGIN_NOT_ACTIVE');
  assert.equal(!response.ok && response.details?.withdrawn, 'plugin disabled while waiting');
  await absent(target);
  const trail = await records(f, m.correlationId);
  assert.deepEqual(
    trail.map((r) => [r.phase, r.decision, r.code]),
    [
      ['requested', null, null],
      ['decided', 'cancelled', 'PLUGIN_NOT_ACTIVE'],
    ],
  );
  assert.equal(trail[1]?.outcome?.withdrawn, 'plugin disabled while waiting');
});

test('revoke while the "requested" audit write is in flight: nothing runs and the audit says why', async (t) => {
  const hold = auditHold((input) => input.phase === 'requested' && input.action === 'system.clipboard.write');
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }], { auditGate: hold.gate });
  t.after(() => f.cleanup());
  const m = message('system.clipboard.write', { text: 'must not land' });
  const pending = f.core.handlePrivilegedAction({ pluginId: 'alpha' }, m);
  await hold.reached;
  await f.core.plugins.setGrants('alpha', ['system.clipboard.read']);
  hold.release();
  const response = await pending;
  assertRefused(response, 'CAPABILITY_DENIED');
  assert.equal(!response.ok && response.details?.withdrawn, 'capability revoked while waiting');
  assert.equal(f.clipboard.current(), 'copied elsewhere', 'the clipboard was not written');
  const trail = await records(f, m.correlationId);
  assert.deepEqual(
    trail.map((r) => [r.phase, r.code]),
    [
      ['requested', null],
      ['failed', 'CAPABILITY_DENIED'],
    ],
  );
  assert.equal(trail[1]?.outcome?.withdrawn, 'capability revoked while waiting');
});

test('a prompt is not shown after disable: disabled while its "requested" write was in flight', async (t) => {
  const hold = auditHold((input) => input.phase === 'requested');
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }], { auditGate: hold.gate });
  t.after(() => f.cleanup());
  const shown: string[] = [];
  f.prompter.onEvent((e) => e.type === 'request' && shown.push(e.request.action));
  const m = message('system.clipboard.read', { reason: 'paste' });
  const pending = f.core.handlePrivilegedAction({ pluginId: 'alpha' }, m);
  await hold.reached;
  await f.core.plugins.setStatus('alpha', 'disabled');
  hold.release();
  const response = await pending;
  assertRefused(response, 'PLUGIN_NOT_ACTIVE');
  assert.equal(!response.ok && response.details?.withdrawn, 'plugin disabled while waiting');
  assert.deepEqual(shown, [], 'no prompt ever appeared');
  assert.deepEqual(f.core.confirmations.pending(), []);
});

test('a prompt is not shown after disable: queued behind another plugin’s prompt, it is dropped unseen', async (t) => {
  const f = await createCoreFixture([
    { id: 'alpha', capabilities: CLIP },
    { id: 'beta', capabilities: CLIP },
  ]);
  t.after(() => f.cleanup());
  const shown: string[] = [];
  const first = new Promise<string>((resolve) =>
    f.prompter.onEvent((e) => {
      if (e.type !== 'request') return;
      shown.push(e.request.plugin.id);
      resolve(e.request.id);
    }),
  );
  const alpha = f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', {}));
  const alphaPrompt = await first;
  const beta = f.core.handlePrivilegedAction({ pluginId: 'beta' }, message('system.clipboard.read', {}));
  while (f.core.confirmations.pending().length < 2) await new Promise((resolve) => setImmediate(resolve));
  await f.core.plugins.setStatus('beta', 'disabled');
  f.prompter.answer(alphaPrompt, 'approved');
  assert.equal((await alpha).ok, true);
  const refused = await beta;
  assertRefused(refused, 'PLUGIN_NOT_ACTIVE');
  assert.deepEqual(shown, ['alpha'], "beta's prompt was never shown");
});

test('remove while running: the workflow stops before its next step, and the audit says why', async (t) => {
  const scope = 'rights-tools';
  let removal: Promise<unknown> | null = null;
  let core: Awaited<ReturnType<typeof createCoreFixture>>['core'] | null = null;
  // Removes the plugin while the first step's record is being written: the workflow is running.
  const gate = async (input: AuditRecordInput, append: () => Promise<AuditRecord>) => {
    if (!removal && input.phase === 'step' && input.workflow?.stepId === 'one' && core) {
      removal = core.plugins.setStatus('runner', 'removed');
      await removal;
    }
    return append();
  };
  const f = await createCoreFixture([{ id: 'runner', capabilities: createProcessCapabilityBundle(scope) }], {
    auditGate: gate,
    scopes: {
      process: [
        {
          id: scope,
          title: 'Rights test tools',
          executables: [{ path: '/bin/echo' }, { path: '/usr/bin/touch' }],
          tool: 'none',
          rules: { argv: [['step', { regex: '^[a-z]+$' }], [{ regex: '^/tmp/gatehouse-core-[A-Za-z0-9]+/made-[a-z]+$' }]] },
          cwdRoots: ['/tmp'],
          allowedEnvKeys: [],
          timeoutCeilingMs: 10_000,
          maxOutputBytes: 65_536,
          confirmation: { mode: 'never' },
        },
      ],
    },
  });
  core = f.core;
  t.after(() => f.cleanup());
  const marker = join(f.dir, 'made-two');
  const m = message('system.workflow.run', {
    scope,
    kind: 'process-sequence',
    title: 'Two steps',
    steps: [
      { id: 'one', title: 'Say one', command: '/bin/echo', args: ['step', 'one'] },
      { id: 'two', title: 'Make a file', command: '/usr/bin/touch', args: [marker] },
    ],
  });
  const response = await f.core.handlePrivilegedAction({ pluginId: 'runner' }, m);
  assertRefused(response, 'PLUGIN_NOT_ACTIVE');
  assert.equal(!response.ok && response.details?.withdrawn, 'plugin removed while running');
  await absent(marker);
  assert.equal(f.core.plugins.get('runner'), null);
  const trail = await records(f, m.correlationId);
  assert.deepEqual(
    trail.map((r) => [r.phase, r.workflow?.stepStatus ?? null, r.code]),
    [
      ['requested', null, null],
      ['step', 'ok', null],
      ['step', 'skipped', null],
      ['failed', null, 'PLUGIN_NOT_ACTIVE'],
    ],
  );
  assert.equal(trail[3]?.outcome?.withdrawn, 'plugin removed while running');
});

test('a request for a plugin that is being disabled is refused before the registry has finished writing', async (t) => {
  let armed = false;
  const hold = auditHold((input) => armed && input.phase === 'plugin.status');
  const f = await createCoreFixture([{ id: 'alpha', capabilities: CLIP }], { auditGate: hold.gate });
  t.after(() => f.cleanup());
  armed = true;
  const disabling = f.core.plugins.setStatus('alpha', 'disabled');
  await hold.reached;
  const response = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.write', { text: 'too late' }));
  hold.release();
  await disabling;
  assertRefused(response, 'PLUGIN_NOT_ACTIVE');
  assert.equal(f.clipboard.current(), 'copied elsewhere');
});

/** Pids whose command line is exactly `argv` (read from /proc). */
async function pidsRunning(argv: string[]): Promise<number[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const wanted = `${argv.join('\0')}\0`;
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'latin1').catch(() => '');
    if (cmdline.endsWith(wanted)) found.push(Number(name));
  }
  return found;
}

test(
  'disable while running: the running process is killed and the audit says why',
  { skip: process.platform !== 'linux' ? 'reads /proc' : false },
  async (t) => {
    const scope = 'rights-sleep';
    const seconds = `${40 + (process.pid % 50)}.25`;
    const f = await createCoreFixture([{ id: 'sleeper', capabilities: createProcessCapabilityBundle(scope) }], {
      scopes: {
        process: [
          {
            id: scope,
            title: 'Sleep',
            executables: [{ path: '/bin/sleep' }],
            tool: 'none',
            rules: { argv: [[seconds]] },
            cwdRoots: ['/tmp'],
            allowedEnvKeys: [],
            timeoutCeilingMs: 120_000,
            maxOutputBytes: 1024,
            confirmation: { mode: 'never' },
          },
        ],
      },
    });
    t.after(() => f.cleanup());
    const m = message('system.process.exec', { scope, command: '/bin/sleep', args: [seconds], timeoutMs: 120_000 });
    const pending = f.core.handlePrivilegedAction({ pluginId: 'sleeper' }, m);
    const running = async () => [...(await pidsRunning(['/bin/sleep', seconds])), ...(await pidsRunning(['sleep', seconds]))];
    // Waits for the process to exist: the request is then running, not waiting.
    while (!(await running()).length) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await f.core.plugins.setStatus('sleeper', 'disabled');
    const response = await pending;
    assertRefused(response, 'PLUGIN_NOT_ACTIVE');
    assert.equal(!response.ok && response.details?.withdrawn, 'plugin disabled while running');
    assert.deepEqual(await running(), [], 'the process is gone');
    const trail = await records(f, m.correlationId);
    assert.deepEqual(
      trail.map((r) => [r.phase, r.code]),
      [
        ['requested', null],
        ['failed', 'PLUGIN_NOT_ACTIVE'],
      ],
    );
    assert.equal(trail[1]?.outcome?.withdrawn, 'plugin disabled while running');
  },
);
