import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access, rm } from 'node:fs/promises';
import { createCoreFixture, message } from '../../support/core-fixture';
import { saveTouchScope, TEN_MINUTES, TOUCH_SCOPE_CAPABILITIES } from '../../support/touch-scope';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

async function setUp(t: { after(fn: () => Promise<void>): void }) {
  const f = await createCoreFixture([{ id: 'alpha', capabilities: TOUCH_SCOPE_CAPABILITIES }]);
  t.after(() => f.cleanup());
  const { marker, run } = await saveTouchScope(f);
  let prompts = 0;
  f.prompter.onEvent((event) => {
    if (event.type === 'request') prompts += 1;
  });
  return { f, marker, run, prompts: () => prompts };
}

test('a plain approval covers one run: the same command asks again and nothing is remembered', async (t) => {
  const { f, marker, run, prompts } = await setUp(t);
  const first = run();
  const request = await f.answerNext('approved');
  assert.deepEqual(request.remember, { forMs: TEN_MINUTES }, 'the request says what approving could remember, and for how long');
  assert.equal((await first).ok, true);
  assert.equal(await exists(marker), true);
  assert.equal(f.core.approvals.list().length, 0, 'approving without choosing to remember remembers nothing');

  await rm(marker);
  const second = run();
  await f.answerNext('declined');
  assert.equal((await second).ok, false);
  assert.equal(prompts(), 2, 'the second run asked again');
  assert.equal(await exists(marker), false, 'a declined second run changed nothing');
});

test('"also allow for 10 minutes" remembers exactly that command; the next run is silent but audited as remembered', async (t) => {
  const { f, marker, run, prompts } = await setUp(t);
  const first = run();
  await f.answerNext('approved-remember');
  assert.equal((await first).ok, true);
  const [remembered] = f.core.approvals.list();
  assert.equal(remembered?.pluginId, 'alpha');
  assert.ok(remembered && remembered.expiresAt - Date.now() <= TEN_MINUTES && remembered.expiresAt - Date.now() > TEN_MINUTES - 60_000);

  await rm(marker);
  const second = await run();
  assert.equal(second.ok, true);
  assert.equal(prompts(), 1, 'the remembered run did not prompt');
  assert.equal(await exists(marker), true);
  const records = await f.core.audit.query({ pluginId: 'alpha', action: 'system.process.exec', limit: 100 });
  const decided = records.records.filter((r) => r.phase === 'decided').map((r) => r.decision);
  assert.deepEqual(decided, ['approved'], 'the choice is recorded as an approval');
  assert.equal(records.records.filter((r) => r.phase === 'completed' && r.decision === 'remembered').length, 1);

  f.core.approvals.revoke('alpha');
  await rm(marker);
  const third = run();
  await f.answerNext('declined');
  assert.equal((await third).ok, false);
  assert.equal(await exists(marker), false, 'after revoking, the command asks again');
});

test('a request that offers nothing to remember treats "remember" as a plain approval', async (t) => {
  const { f } = await setUp(t);
  const read = f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', {}));
  const request = await f.answerNext('approved-remember');
  assert.equal(request.remember, null, 'a clipboard read offers no memory');
  assert.equal((await read).ok, true);
  assert.equal(f.core.approvals.list().length, 0);
  const again = f.core.handlePrivilegedAction({ pluginId: 'alpha' }, message('system.clipboard.read', {}));
  await f.answerNext('declined');
  assert.equal((await again).ok, false, 'the next read asked again and was declined');
});
