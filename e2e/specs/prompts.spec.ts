// Honest prompts: what the dialog says is what approving does, and nothing it allows happens silently.
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { generateSigningKeyPair } from '@gatehouse/plugin-sdk/node';
import { test, expect, type GatehouseApp } from '../harness/gatehouse-test';
import { ACTION_LAB, TRUST_LAB } from '../harness/plugins';
import { buildBundle } from '../harness/signed-bundles';
import { DOCKER_SCOPE_ID } from '../harness/test-host';
import { approve, approveButton, confirmation, decline, openPlugin, pluginResult } from '../harness/ui';

const TEN_MINUTES = 600_000;

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) }));
}

/** The suite's docker scope as the read-only presets confirm: per command, an approval remembered for ten minutes if chosen. */
async function confirmPerCommand(app: GatehouseApp): Promise<void> {
  const scope = app.host.core.scopes.list().process.find((entry) => entry.id === DOCKER_SCOPE_ID);
  if (!scope) throw new Error('the docker test scope is missing');
  // The listing adds what the host knows about a scope (preset, whether it can be sandboxed here); a save takes the scope alone.
  const { preset: _preset, unsandboxed: _unsandboxed, ...rest } = scope;
  await app.host.core.scopes.save('process', { ...rest, confirmation: { mode: 'per-command', rememberMs: TEN_MINUTES } });
}

async function remembered(app: GatehouseApp): Promise<number> {
  const page = await app.host.core.audit.query({
    pluginId: ACTION_LAB.id,
    action: 'system.process.exec',
    decision: 'remembered',
    limit: 100,
  });
  return page.total;
}

test('a per-command prompt offers "only this time" by default; remembering is a choice, and a remembered run shows a notice with Revoke', async ({
  launch,
}) => {
  // Four prompts, two accessibility scans and a notice: longer than the default on a shared machine.
  test.setTimeout(180_000);
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
  const { page } = app;
  await confirmPerCommand(app);
  const frame = app.pluginFrame(ACTION_LAB.id);
  await openPlugin(page, ACTION_LAB.name, frame);
  await frame.getByLabel('Command').fill(app.host.dockerPath);
  await frame.getByLabel('Arguments').fill('ps --all');
  const run = frame.getByRole('button', { name: 'Run command' });

  // First run: who wants what, the exact command, unverified identity, the choice, a named button.
  await run.click();
  const dialog = confirmation(page);
  await expect(dialog).toHaveAccessibleName('Action Lab wants to run docker');
  await expect(dialog.locator('.prompt-command')).toHaveText('$ docker ps --all');
  await expect(dialog).toContainText('Unsigned · the name “Gatehouse tests” is not verified');
  await expect(dialog).toContainText('Declines automatically in');
  await expect(dialog).not.toContainText('run once');
  const onlyOnce = dialog.getByRole('radio', { name: 'Only this time' });
  const forTen = dialog.getByRole('radio', { name: 'Also allow this exact command for 10 minutes' });
  await expect(onlyOnce).toBeChecked();
  await expect(forTen).not.toBeChecked();
  await expect(approveButton(page)).toHaveText('Run');
  expect(await seriousViolations(page)).toEqual([]);
  await app.screenshot('after-prompt-exec');
  await approveButton(page).click();
  await expect(pluginResult(frame)).toContainText('OK command');
  expect(app.host.core.approvals.list()).toEqual([]);

  // Second run of the same command: a plain approval remembered nothing, so it asks again.
  await run.click();
  await expect(dialog).toBeVisible();
  await forTen.check();
  await app.screenshot('after-prompt-exec-remember-chosen');
  await approveButton(page).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => app.host.core.approvals.list().length).toBe(1);

  // Third run: no prompt, but a notice says so, with Revoke; the header counts it and the sidebar marks the plugin.
  await run.click();
  await expect.poll(() => remembered(app)).toBe(1);
  await expect(dialog).toBeHidden();
  const notices = page.getByRole('region', { name: 'Notices' });
  const notice = notices.locator('.notice-remembered');
  await expect(notice).toContainText('Action Lab ran a remembered command without asking');
  await expect(notice).toContainText('$ docker ps --all');
  await expect(page.getByRole('button', { name: /^Activity 1 new$/ })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Plugins' }).getByRole('button', { name: ACTION_LAB.name }),
  ).toHaveAccessibleDescription(/1 new in Activity/);
  expect(await seriousViolations(page)).toEqual([]);
  await app.screenshot('after-remembered-notice');

  await notice.getByRole('button', { name: 'Revoke' }).click();
  await expect.poll(() => app.host.core.approvals.list().length).toBe(0);
  await expect(page.getByText('Revoked: this command will ask again.')).toBeVisible();

  // After Revoke the same command asks again.
  await run.click();
  await expect(dialog).toBeVisible();
  await decline(page);
  await expect(pluginResult(frame)).toContainText('CANCELLED');
  expect(await remembered(app)).toBe(1);
});

test('a signed plugin is named by the trusted key the user named, with its fingerprint; ids wait in Details', async ({
  launch,
  workDir,
}) => {
  const publisher = generateSigningKeyPair();
  const bundle = await buildBundle({ from: TRUST_LAB.dir, to: join(workDir, 'trust-lab'), key: publisher });
  const app = await launch({
    plugins: [{ dir: bundle.dir }],
    trustedPublishers: [{ publicKey: publisher.publicKey, name: 'Acme Release Key' }],
    clipboardText: 'copied',
  });
  const { page } = app;
  const frame = app.pluginFrame(TRUST_LAB.id);
  await openPlugin(page, TRUST_LAB.name, frame);
  const trusted = app.host.core.trust.list().find((entry) => entry.name === 'Acme Release Key');
  const shortKey = (trusted?.fingerprint ?? '').split(' ').slice(0, 2).join(' ');

  await frame.getByRole('button', { name: 'Read clipboard' }).click();
  const dialog = confirmation(page);
  await expect(dialog).toHaveAccessibleName('Trust Lab wants to read your clipboard');
  await expect(dialog.locator('.prompt-identity')).toHaveText(`Signed by Acme Release Key · key ${shortKey}…`);
  await expect(dialog.locator('.risk-badge')).toHaveText('Read only');
  await expect(dialog.getByRole('radio')).toHaveCount(0);
  await expect(dialog.getByText(TRUST_LAB.id, { exact: true })).toBeHidden();
  await dialog.getByText('Details', { exact: true }).click();
  await expect(dialog.getByText(`${TRUST_LAB.id} v1.0.0`, { exact: true })).toBeVisible();
  await expect(approveButton(page)).toHaveText('Read clipboard');
  await app.screenshot('after-prompt-signed-clipboard');
  await approveButton(page).click();
  await expect(pluginResult(frame)).toContainText('copied');
});

let sequence = 0;
/** A clipboard read sent as the plugin; requests with the same reason are identical and merge into one prompt. */
function clipboardRead(app: GatehouseApp, reason?: string) {
  sequence += 1;
  const message = {
    correlationId: `e2e-flood-${process.pid}-${String(sequence).padStart(6, '0')}`,
    request: { action: 'system.clipboard.read', payload: reason === undefined ? {} : { reason } },
  };
  return app.host.core.handlePrivilegedAction({ pluginId: ACTION_LAB.id }, message);
}

test('a flood: the waiting chip lists the requests, "Decline all from this plugin" ends them; Pause plugins refuses everything until Resume', async ({
  launch,
}) => {
  test.setTimeout(150_000);
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }], clipboardText: 'secret-ish' });
  const { page } = app;
  const frame = app.pluginFrame(ACTION_LAB.id);
  await openPlugin(page, ACTION_LAB.name, frame);

  // Three different requests (identical ones would merge into one prompt).
  const flood = [clipboardRead(app, 'first'), clipboardRead(app, 'second'), clipboardRead(app, 'third')];
  const dialog = confirmation(page);
  await expect(dialog).toBeVisible();
  const chip = dialog.getByRole('button', { name: '2 more requests waiting' });
  await chip.click();
  await expect(dialog.getByRole('list', { name: 'Waiting requests' }).getByRole('listitem')).toHaveText([
    'Action Lab wants to read your clipboard',
    'Action Lab wants to read your clipboard',
  ]);
  expect(await seriousViolations(page)).toEqual([]);
  await app.screenshot('after-flood-waiting-list');
  await dialog.getByRole('button', { name: 'Decline all from this plugin (3)' }).click();
  expect((await Promise.all(flood)).map((r) => !r.ok && r.code)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
  await expect(dialog).toBeHidden();
  expect(app.host.clipboard.counts.reads).toBe(0);

  // The kill switch: even an unprompted clipboard write is refused, and the header says how to resume.
  await page.getByRole('button', { name: 'Pause plugins' }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'Plugins are paused.' });
  await expect(banner).toBeVisible();
  await frame.getByLabel('Text to copy').fill('while paused');
  await frame.getByRole('button', { name: 'Copy text' }).click();
  await expect(pluginResult(frame)).toContainText('CANCELLED');
  expect(app.host.clipboard.counts.writes).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  await app.screenshot('after-paused-banner');

  await banner.getByRole('button', { name: 'Resume plugins' }).click();
  await expect(banner).toBeHidden();
  await frame.getByRole('button', { name: 'Copy text' }).click();
  await expect(pluginResult(frame)).toContainText('OK clipboard write');
  expect(app.host.clipboard.peek()).toBe('while paused');
});

test('identical requests merge: the waiting list says ×2, one answer answers both, each has its own record', async ({ launch }) => {
  test.setTimeout(150_000);
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }], clipboardText: 'merged' });
  const { page } = app;
  const frame = app.pluginFrame(ACTION_LAB.id);
  await openPlugin(page, ACTION_LAB.name, frame);

  const other = clipboardRead(app, 'Paste the token.');
  const dialog = confirmation(page);
  await expect(dialog).toBeVisible();
  const twins = [clipboardRead(app, 'Fill the form.'), clipboardRead(app, 'Fill the form.')];
  // Two identical requests wait as one prompt.
  const chip = dialog.getByRole('button', { name: '1 more request waiting' });
  await chip.click();
  await expect(dialog.getByRole('list', { name: 'Waiting requests' }).getByRole('listitem')).toHaveText([
    'Action Lab wants to read your clipboard ×2 (identical requests, one answer)',
  ]);
  await expect(dialog.getByRole('button', { name: 'Decline all from this plugin (3)' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await app.screenshot('after-merged-waiting-list');
  await decline(page);
  expect((await other).ok).toBe(false);

  // The merged prompt: one answer for both.
  await expect(dialog).toContainText('Asked 2 times with exactly the same request: one answer covers all 2.');
  await expect(dialog).toContainText('Fill the form.');
  await app.screenshot('after-merged-prompt');
  await approve(page);
  const answers = await Promise.all(twins);
  expect(answers.map((r) => r.ok)).toEqual([true, true]);
  expect(new Set(answers.map((r) => r.correlationId)).size).toBe(2);
  const decided = await app.host.core.audit.query({
    pluginId: ACTION_LAB.id,
    action: 'system.clipboard.read',
    decision: 'approved',
    limit: 100,
  });
  expect(
    decided.records
      .filter((r) => r.phase === 'decided')
      .map((r) => r.correlationId)
      .sort(),
  ).toEqual(answers.map((r) => r.correlationId).sort());
});

test('"Disable this plugin…" asks first: Keep it enabled changes nothing; Disable declines, disables and stops it', async ({ launch }) => {
  test.setTimeout(150_000);
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }], clipboardText: 'kept' });
  const { page } = app;
  const frame = app.pluginFrame(ACTION_LAB.id);
  await openPlugin(page, ACTION_LAB.name, frame);
  const asks = [clipboardRead(app, 'one'), clipboardRead(app, 'two')];
  const dialog = confirmation(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Decline', exact: true })).toBeFocused();

  await dialog.getByRole('button', { name: 'Disable this plugin…' }).click();
  const confirmStep = dialog.getByRole('group', { name: 'Disable Action Lab?' });
  await expect(confirmStep).toContainText('Its 2 requests waiting here are declined, anything it is running stops');
  await expect(confirmStep.getByRole('button', { name: 'Keep it enabled' })).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  await app.screenshot('after-disable-plugin-confirm');
  await confirmStep.getByRole('button', { name: 'Keep it enabled' }).click();
  await expect(confirmStep).toBeHidden();
  expect(app.host.core.plugins.get(ACTION_LAB.id)?.status).toBe('active');

  await dialog.getByRole('button', { name: 'Disable this plugin…' }).click();
  await confirmStep.getByRole('button', { name: 'Disable Action Lab' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => app.host.core.plugins.get(ACTION_LAB.id)?.status).toBe('disabled');
  expect((await Promise.all(asks)).map((r) => r.ok)).toEqual([false, false]);
  expect(app.host.clipboard.counts.reads).toBe(0);
  await expect(page.getByText(`${ACTION_LAB.name} is disabled`).first()).toBeVisible();
});
