import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB, LOCAL_DNS, TRUST_LAB } from '../harness/plugins';
import { DOCKER_SCOPE_ID } from '../harness/test-host';
import { auditRows, confirmation, openPlugin, openSection, pluginResult } from '../harness/ui';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) }));
}

test('what a plugin can do, at a glance: the strip and the card say it in words from the host, with its activity one click away', async ({
  launch,
}) => {
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }, { dir: TRUST_LAB.dir }] });
  const { page } = app;
  // The docker scope remembers an exact command for ten minutes if the user allows it.
  const docker = app.host.core.scopes.list().process.find((scope) => scope.id === DOCKER_SCOPE_ID);
  await app.host.core.scopes.save('process', { ...stripListing(docker), confirmation: { mode: 'per-command', rememberMs: 600_000 } });
  await page.reload();

  const frame = app.pluginFrame(ACTION_LAB.id);
  await openPlugin(page, ACTION_LAB.name, frame);
  const stage = page.getByRole('region', { name: ACTION_LAB.name });
  const summary = stage.locator('summary').filter({ hasText: 'What it can do' });
  // Collapsed, the strip still counts what never asks.
  await expect(summary).toContainText('6 permissions · 2 never ask');
  await summary.click();
  const list = stage.locator('.permission-list');
  const line = (what: string) => list.getByRole('listitem').filter({ hasText: what });
  await expect(line('Read what you copied')).toContainText('asks every time');
  await expect(line('Replace the clipboard text')).toContainText('never asks');
  await expect(line('Replace the clipboard text')).toContainText('system.clipboard.write');
  await expect(line('Edit its own section of the hosts file')).toContainText('asks every time');
  await expect(line('Change files in “Test workspace”')).toContainText('asks every time');
  await expect(line('Change files in “Test workspace”')).toContainText('Can delete or replace');
  await expect(line('Run programs in “Docker (test double)”')).toContainText('remembered for 10 minutes if you allow it');
  await expect(line('Run programs in “Release tool (test double)”')).toContainText('never asks');
  // The plain phrase comes first, the id after it.
  const text = (await line('Replace the clipboard text').textContent()) ?? '';
  expect(text.indexOf('Replace the clipboard text')).toBeLessThan(text.indexOf('system.clipboard.write'));
  expect(await seriousViolations(page)).toEqual([]);
  await app.screenshot('permissions-strip');

  // The card says the same; a scope that passes a keychain secret carries a warning.
  await openSection(page, 'Plugins');
  const trustCard = page.getByRole('region', { name: TRUST_LAB.name });
  const secretLine = trustCard
    .locator('.permission-list')
    .getByRole('listitem')
    .filter({ hasText: 'Run programs in “API token (test double)”' });
  await expect(secretLine).toContainText('never asks');
  await expect(secretLine).toContainText('Gives the program the secret “api-token” (as API_TOKEN) from your keychain');
  // Risk badges in words: reading is not "High"; only what can delete or replace is shown as danger.
  await expect(trustCard.getByRole('checkbox', { name: 'system.clipboard.read', exact: true })).toHaveAccessibleDescription(/Reads only/);
  await expect(trustCard.getByRole('checkbox', { name: 'system.clipboard.write', exact: true })).toHaveAccessibleDescription(
    /Changes things/,
  );
  const actionCard = page.getByRole('region', { name: ACTION_LAB.name });
  await expect(actionCard.getByRole('checkbox', { name: 'system.fs.scope.e2e-files', exact: true })).toHaveAccessibleDescription(
    /Can delete or replace/,
  );
  await expect(actionCard.locator('.grant .badge-danger')).toHaveCount(1);
  await trustCard.scrollIntoViewIfNeeded();
  expect(await seriousViolations(page)).toEqual([]);
  await app.screenshot('permissions-card');

  // Something to see in the activity: one clipboard write, done without a prompt under the default policy.
  await openPlugin(page, ACTION_LAB.name, frame);
  await frame.getByRole('button', { name: 'Copy text' }).click();
  await expect(pluginResult(frame)).toContainText('OK');
  await page.getByRole('button', { name: `View activity of ${ACTION_LAB.name}` }).click();
  await expect(page.getByRole('heading', { name: 'Audit', level: 1 })).toBeVisible();
  await expect(page.getByRole('search', { name: 'Filter audit records' }).getByLabel('Plugin')).toHaveValue(ACTION_LAB.id);
  // The panel tells one row per request by default: the count is the host's own count of that plugin's requests.
  const requests = await app.host.core.audit.query({ pluginId: ACTION_LAB.id, group: 'request' });
  await expect(auditRows(page).first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /match(es)? the filters/ })).toContainText(
    `${requests.total} ${requests.total === 1 ? 'request matches' : 'requests match'} the filters`,
  );
  await app.screenshot('permissions-view-activity');
});

/** A listed scope as the scope store takes it back: without the fields the listing adds. */
function stripListing(scope: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!scope) throw new Error('the test scope is not listed');
  const { preset: _preset, unsandboxed: _unsandboxed, ...rest } = scope;
  return rest;
}

test('Stop unloads a plugin’s frame; Start loads it again', async ({ launch }) => {
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
  const { page } = app;
  const frame = app.pluginFrame(ACTION_LAB.id);
  await openPlugin(page, ACTION_LAB.name, frame);
  const iframes = page.locator(`iframe[src^="${app.pluginOrigin(ACTION_LAB.id)}/"]`);
  await expect(iframes).toHaveCount(1);

  await page.getByRole('button', { name: `Stop ${ACTION_LAB.name}` }).click();
  await expect(iframes).toHaveCount(0);
  await expect(page.getByText(`${ACTION_LAB.name} is stopped`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeFocused();
  await expect(page.getByRole('button', { name: `Stop ${ACTION_LAB.name}` })).toHaveCount(0);
  await app.screenshot('plugin-stopped');

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(iframes).toHaveCount(1);
  await expect(
    frame
      .getByRole('status')
      .filter({ hasText: /Connected/ })
      .first(),
  ).toBeVisible();
  // A started frame works as before.
  await frame.getByRole('button', { name: 'Apply hosts entry' }).click();
  await expect(confirmation(page)).toBeVisible();
  await confirmation(page).getByRole('button', { name: 'Decline', exact: true }).click();
  await expect(pluginResult(frame)).toContainText('CANCELLED');
});

test('plugin frames follow the app’s theme choice, by name only', async ({ launch }) => {
  const app = await launch({ plugins: [{ dir: LOCAL_DNS.dir }] });
  const { page } = app;
  const frame = app.pluginFrame(LOCAL_DNS.id);
  await openPlugin(page, LOCAL_DNS.name, frame);
  const theme = page.getByRole('combobox', { name: 'Theme' });

  await theme.selectOption('dark');
  await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(frame.locator('body')).toHaveCSS('color-scheme', 'dark');
  await app.screenshot('theme-dark-plugin');

  await theme.selectOption('light');
  await expect(frame.locator('html')).toHaveAttribute('data-theme', 'light');
  // A frame loaded later gets the current theme right after its port.
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(
    frame
      .getByRole('status')
      .filter({ hasText: /Connected/ })
      .first(),
  ).toBeVisible();
  await expect(frame.locator('html')).toHaveAttribute('data-theme', 'light');
  await app.screenshot('theme-light-plugin');
});

test('first run explains the model in one screen, once', async ({ launch }) => {
  const app = await launch({ plugins: [], firstRun: true });
  const { page } = app;
  const welcome = page.getByRole('dialog', { name: 'How Gatehouse works' });
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('listitem')).toHaveText([/Plugins ask/, /You confirm/, /It is recorded/]);
  expect(await seriousViolations(page)).toEqual([]);
  await app.screenshot('first-run');
  await welcome.getByRole('button', { name: 'Got it' }).click();
  await expect(welcome).toBeHidden();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Plugins', level: 1 })).toBeVisible();
  await expect(welcome).toHaveCount(0);
});
