// The audit record's content is readable: arguments, paths and grants have room, in words and in full.
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB } from '../harness/plugins';
import { approve, auditRows, confirmation, openPlugin, openSection, pluginResult } from '../harness/ui';

async function height(locator: Locator): Promise<number> {
  return locator.evaluate((element) => element.getBoundingClientRect().height);
}

/** Every item is rendered with a real box (not clipped to nothing) once scrolled into view. */
async function expectReadable(items: Locator, texts: string[]): Promise<void> {
  await expect(items).toHaveText(texts);
  for (let i = 0; i < texts.length; i++) {
    const item = items.nth(i);
    await item.scrollIntoViewIfNeeded();
    await expect(item).toBeInViewport();
    expect(await height(item)).toBeGreaterThanOrEqual(12);
  }
}

async function openRecord(page: Page, what: RegExp, phase: string): Promise<Locator> {
  await auditRows(page).filter({ hasText: what }).filter({ hasText: phase }).first().click();
  const detail = page.locator('.audit-detail');
  await expect(detail.getByText(/Record #\d+/)).toBeVisible();
  return detail;
}

test('the audit detail shows summary and outcome at full height: argv, paths and grants can be read', async ({ launch }) => {
  test.setTimeout(150_000);
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
  const { page } = app;
  const frame = app.pluginFrame(ACTION_LAB.id);
  await openPlugin(page, ACTION_LAB.name, frame);

  const args = ['container', 'ls', '--all', '--filter', 'name=web', '--format', '{{.Names}}'];
  await frame.getByLabel('Command').fill(app.host.dockerPath);
  await frame.getByLabel('Arguments').fill(args.join(' '));
  await frame.getByRole('button', { name: 'Run command' }).click();
  await approve(page);
  await expect(pluginResult(frame)).toContainText('OK command');

  const target = join(app.host.dirs.files, 'release-notes-for-the-quarterly-review.txt');
  await frame.getByLabel('File path').fill(target);
  await frame.getByRole('button', { name: 'Write file' }).click();
  await expect(confirmation(page)).toBeVisible();
  await approve(page);
  await expect(pluginResult(frame)).toContainText('OK file write');

  await openSection(page, 'Audit');
  // Every record on its own row, to open each phase.
  await page.getByRole('checkbox', { name: 'One row per request' }).uncheck();

  // The request record of the command: every argument on its own line, with room.
  const exec = await openRecord(page, /Asked to run/, 'requested');
  const summary = exec.getByRole('region', { name: 'Summary' });
  expect(await height(summary), 'the Summary section has the height of its content').toBeGreaterThan(150);
  await expect(summary.getByRole('definition').first()).toContainText(app.host.dockerPath);
  await expectReadable(summary.locator('.readable-list').first().getByRole('listitem'), args);
  await app.screenshot('after-audit-detail-exec');

  // Its outcome: exit code and duration, readable.
  const done = await openRecord(page, /Ran a program/, 'completed');
  const outcome = done.getByRole('region', { name: 'Outcome' });
  expect(await height(outcome)).toBeGreaterThan(60);
  await expect(outcome).toContainText('Exit code');
  await outcome.scrollIntoViewIfNeeded();
  await expect(outcome).toBeInViewport();

  // The file write: the path in full.
  const fs = await openRecord(page, /Asked to change .* on disk/, 'requested');
  const fsSummary = fs.getByRole('region', { name: 'Summary' });
  await expect(fsSummary).toContainText(target);
  expect(await height(fsSummary)).toBeGreaterThan(60);

  // The grants the plugin was given: one per line.
  const grantRow = auditRows(page).filter({ hasText: /^.*Grants none → .*process\.scope\.e2e-docker/ });
  await grantRow.first().click();
  const granted = page.locator('.audit-detail').getByRole('region', { name: 'Summary' });
  await expect(granted).toContainText('Granted');
  await granted.scrollIntoViewIfNeeded();
  await expect(granted).toContainText('system.process.scope.e2e-docker');
  expect(await height(granted)).toBeGreaterThan(100);

  const violations = (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id);
  expect(violations).toEqual([]);
  await app.screenshot('after-audit-detail-grants');
});
