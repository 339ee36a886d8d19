// A hosts write whose section already holds exactly these records asks nothing, writes nothing, and says so.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { prepareHostsWrite } from '../../../src/core/actions/hosts-write';
import { createCoreFixture, message } from '../../support/core-fixture';
import { expectFailure } from '../fs/fs-test-helpers';
import { makeHostsDir, testRunContext, writeHosts } from './hosts-test-helpers';

const records = [{ address: '127.0.0.1', hostname: 'app.test' }];

test('the same records again: no prompt, a "no-change" record, and a result with changed: false', async (t) => {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: ['system.hosts.write'] }]);
  t.after(() => f.cleanup());
  const first = f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.hosts.write', { records }));
  await f.answerNext('approved');
  assert.equal((await first).ok, true);
  const written = await readFile(f.hostsPath, 'utf8');

  let prompts = 0;
  f.prompter.onEvent((event) => event.type === 'request' && prompts++);
  const again = message('system.hosts.write', { records });
  const response = await f.core.handlePrivilegedAction({ pluginId: 'alpha' }, again);
  assert.equal(prompts, 0, 'nothing to approve, so nothing is asked');
  assert.ok(response.ok);
  assert.deepEqual(response.result, { tag: 'default', dryRun: false, changed: false, diff: '', recordCount: 1 });
  assert.equal(await readFile(f.hostsPath, 'utf8'), written);

  const mine = (await f.core.audit.query({ pluginId: 'alpha', limit: 100 })).records.filter((r) => r.correlationId === again.correlationId);
  assert.deepEqual(mine.map((r) => [r.phase, r.decision]).sort(), [
    ['completed', 'no-change'],
    ['requested', null],
  ]);
  assert.equal((mine.find((r) => r.phase === 'completed')?.outcome as { changed?: unknown } | undefined)?.changed, false);
});

test('a section changed between the check and the run is refused, not written unasked', async (t) => {
  const { hostsPath, lockDir } = await makeHostsDir(t);
  await writeHosts({ records }, { hostsPath, pluginId: 'alpha', lockDir });
  const prepared = await prepareHostsWrite({ records }, { hostsPath, pluginId: 'alpha', lockDir });
  assert.equal(prepared.noChange, true);
  // Someone edits the plugin's section by hand before the unprompted run.
  const edited = (await readFile(hostsPath, 'utf8')).replace('app.test', 'other.test');
  await writeFile(hostsPath, edited);
  await expectFailure(prepared.run(testRunContext()), 'CANCELLED', { reason: 'changed-since-check' });
  assert.equal(await readFile(hostsPath, 'utf8'), edited, 'the unasked run wrote nothing');
});

test('a write that changes the section is still confirmed, and a dry run is never "no change"', async (t) => {
  const { hostsPath, lockDir } = await makeHostsDir(t);
  assert.notEqual((await prepareHostsWrite({ records }, { hostsPath, pluginId: 'alpha', lockDir })).noChange, true);
  await writeHosts({ records }, { hostsPath, pluginId: 'alpha', lockDir });
  assert.equal((await prepareHostsWrite({ records, dryRun: true }, { hostsPath, pluginId: 'alpha', lockDir })).noChange, false);
});
