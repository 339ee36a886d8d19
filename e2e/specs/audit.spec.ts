import { readFile } from 'node:fs/promises';
import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB } from '../harness/plugins';
import { auditRows, confirmation, decline, openPlugin, openSection, pluginResult } from '../harness/ui';

test('audit: filter by decision and plugin, then export JSON Lines and CSV', async ({ launch }) => {
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
  const { page } = app;
  const frame = app.pluginFrame(ACTION_LAB.id);
  await openPlugin(page, ACTION_LAB.name, frame);

  // Two writes that need no prompt, and one hosts change the user declines.
  for (const text of ['first', 'second']) {
    await frame.getByLabel('Text to copy').fill(text);
    await frame.getByRole('button', { name: 'Copy text' }).click();
    await expect(pluginResult(frame)).toContainText('OK clipboard write');
  }
  await frame.getByRole('button', { name: 'Apply hosts entry' }).click();
  await expect(confirmation(page)).toBeVisible();
  await decline(page);
  await expect(pluginResult(frame)).toContainText('CANCELLED');

  await openSection(page, 'Audit');
  const filters = page.getByRole('search', { name: 'Filter audit records' });
  await expect(auditRows(page).filter({ hasText: 'Wrote to the clipboard' })).not.toHaveCount(0);

  await filters.getByLabel('Decision').selectOption('declined');
  await expect(auditRows(page)).toHaveCount(1);
  await expect(auditRows(page).first()).toContainText('Asked to change the hosts file (1 entry) · declined by you');
  await app.screenshot('audit-filter-declined');

  await filters.getByLabel('Decision').selectOption('');
  await filters.getByLabel('Action').selectOption('system.clipboard.write');
  await filters.getByLabel('Plugin').selectOption(ACTION_LAB.id);
  const expected = await app.host.core.audit.query({ pluginId: ACTION_LAB.id, action: 'system.clipboard.write' });
  // Two unprompted clipboard writes: a "requested" and a "completed" record each, one row per request.
  expect(expected.total).toBe(4);
  await expect(auditRows(page)).toHaveCount(2);
  await expect(page.getByText('2 requests match the filters')).toBeVisible();
  await expect(auditRows(page).first()).toContainText('Wrote to the clipboard');
  await expect(auditRows(page).first()).toContainText('Action Lab');
  // Every record on its own row: the same filter lists all four.
  await page.getByRole('checkbox', { name: 'One row per request' }).uncheck();
  await expect(auditRows(page)).toHaveCount(expected.total);
  await expect(page.getByText('4 records match the filters')).toBeVisible();

  await page.getByRole('button', { name: 'Export JSON Lines' }).click();
  await expect(page.getByText(new RegExp(`Saved ${expected.total} records`))).toBeVisible();
  const jsonlPath = app.host.dialogs.saved.at(-1) as string;
  const lines = (await readFile(jsonlPath, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { action: string; pluginId: string });
  expect(lines).toHaveLength(expected.total);
  expect(lines.every((r) => r.action === 'system.clipboard.write' && r.pluginId === ACTION_LAB.id)).toBe(true);

  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect.poll(() => app.host.dialogs.saved.length).toBe(2);
  const csvPath = app.host.dialogs.saved.at(-1) as string;
  await expect.poll(async () => (await readFile(csvPath, 'utf8').catch(() => '')).trim().split('\n').length).toBe(expected.total + 1);
  await app.screenshot('audit-export');
});
