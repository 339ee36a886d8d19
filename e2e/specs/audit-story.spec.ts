// The audit reads like a story: one row per request with a plain sentence, plugin names, keyboard navigation,
// a detail panel that leads with the sentence, and configuration changes recorded before → after.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB } from '../harness/plugins';
import { approve, auditRows, confirmation, decline, openPlugin, openSection, pluginResult } from '../harness/ui';

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('one row per request, in words; arrow keys move the selection; the detail leads with the sentence', async ({ launch }) => {
  test.setTimeout(150_000);
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
  const { page } = app;
  const frame = app.pluginFrame(ACTION_LAB.id);
  await openPlugin(page, ACTION_LAB.name, frame);

  await frame.getByLabel('Command').fill(app.host.dockerPath);
  await frame.getByLabel('Arguments').fill('ps --all');
  await frame.getByRole('button', { name: 'Run command' }).click();
  await approve(page);
  await expect(pluginResult(frame)).toContainText('OK command');
  await frame.getByRole('button', { name: 'Apply hosts entry' }).click();
  await expect(confirmation(page)).toBeVisible();
  await decline(page);
  await expect(pluginResult(frame)).toContainText('CANCELLED');

  await openSection(page, 'Audit');
  const grid = page.getByRole('grid', { name: 'Audit requests, newest first' });
  await expect(grid.getByRole('columnheader')).toHaveText(['Time', 'Plugin', 'What happened', 'Records', 'Outcome']);
  const hostsRow = auditRows(page).first();
  const execRow = auditRows(page).nth(1);
  await expect(hostsRow).toContainText('Asked to change the hosts file (1 entry) · declined by you');
  const docker = app.host.dockerPath.split('/').pop();
  await expect(execRow).toContainText(`Ran ${docker} ps --all · approved by you · exit 0`);
  // Names, not ids; a request's three records are one row.
  await expect(execRow.getByRole('gridcell').nth(1)).toHaveText(ACTION_LAB.name);
  await expect(execRow).toContainText('3 records');
  const total = (await app.host.core.audit.query({ pluginId: ACTION_LAB.id, action: 'system.process.exec' })).total;
  expect(total).toBe(3);

  // Keyboard: focus the first row, Down moves the selection, Right shows the request's records, Enter opens it.
  await hostsRow.focus();
  await expect(hostsRow).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(execRow).toHaveAttribute('aria-selected', 'true');
  await expect(execRow).toBeFocused();
  await expect(hostsRow).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('ArrowRight');
  const phases = execRow.getByRole('list', { name: 'Records of this request' });
  await expect(phases.getByRole('listitem')).toHaveCount(3);
  await expect(phases).toContainText('requested');
  await expect(phases).toContainText('decided');
  await expect(phases).toContainText('completed');
  await expect(execRow.getByRole('button', { name: /3 records/ })).toHaveAttribute('aria-expanded', 'true');
  await app.screenshot('audit-story-expanded');
  await page.keyboard.press('Enter');

  const detail = page.locator('.audit-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(`Ran ${docker} ps --all · approved by you · exit 0`);
  await expect(detail).toContainText('record 3 of 3 of this request');
  await expect(detail.locator('details.detail-raw')).not.toHaveAttribute('open', '');
  expect(await seriousViolations(page)).toEqual([]);

  // The raw record is one click away, and its copy button puts the record's JSON on the clipboard.
  await detail.getByText('Record as JSON, and its place in the hash chain').click();
  // What the copy command copies is the page's selection at that moment (the test reads it, not the OS clipboard).
  await page.evaluate("window.copied = []; document.addEventListener('copy', () => window.copied.push(String(document.getSelection())))");
  await detail.getByRole('button', { name: 'Copy record as JSON' }).click();
  await expect(detail.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  const copied = (await page.evaluate('window.copied')) as string[];
  expect(copied).toHaveLength(1);
  const parsed = JSON.parse(copied[0] as string) as { phase: string; hash: string; action: string };
  expect(parsed.action).toBe('system.process.exec');
  expect(parsed.phase).toBe('completed');
  expect(parsed).not.toHaveProperty('story');
  await app.screenshot('audit-story-detail');

  // Up goes back; Collapse with Left.
  await execRow.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(phases).toBeHidden();
  await page.keyboard.press('ArrowUp');
  await expect(hostsRow).toHaveAttribute('aria-selected', 'true');
  await expect(hostsRow).toBeFocused();
});

test('configuration changes are in the audit, before → after, with a filter of their own', async ({ launch }) => {
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
  const { page } = app;

  await openSection(page, 'Settings');
  const clipboard = page.getByRole('region', { name: 'Clipboard', exact: true });
  await clipboard.getByLabel('When a plugin writes the clipboard').selectOption('always');
  await expect.poll(async () => (await app.host.core.audit.query({ action: 'settings.clipboard' })).total).toBe(1);

  await openSection(page, 'Audit');
  const filters = page.getByRole('search', { name: 'Filter audit records' });
  await filters.getByLabel('Action').selectOption({ label: 'Change the clipboard policy' });
  await expect(auditRows(page)).toHaveCount(1);
  await expect(auditRows(page).first()).toContainText('Clipboard policy: writeConfirmation never → always');
  await expect(auditRows(page).first().getByRole('gridcell').nth(1)).toHaveText('Gatehouse');
  await expect(page.getByText('1 request matches the filters')).toBeVisible();
  await app.screenshot('audit-config-clipboard');

  // The harness runs as a development build: its start is on record too.
  await filters.getByLabel('Action').selectOption({ label: 'Start in developer mode' });
  await expect(auditRows(page).first()).toContainText('Started in developer mode: unsigned plugins are allowed');
});
