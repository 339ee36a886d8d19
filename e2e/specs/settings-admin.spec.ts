// Settings for an administrator: section navigation by keyboard, "Never ask" explained before it is saved,
// removing a scope names the plugins that use it, and every change lands in the audit before → after.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB } from '../harness/plugins';
import { FS_SCOPE_ID } from '../harness/test-host';
import { auditRows, openSection } from '../harness/ui';

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('settings sections are reachable from a list of links, by keyboard', async ({ launch }) => {
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
  const { page } = app;
  await openSection(page, 'Settings');
  const nav = page.getByRole('navigation', { name: 'Settings sections' });
  await expect(nav.getByRole('link')).toHaveText([
    'Filesystem scopes',
    'Process scopes',
    'Secrets',
    'Trusted publishers',
    'Marketplace',
    'Hosts file',
    'Clipboard',
    'Remembered approvals',
    'Plugin setup',
  ]);
  await nav.getByRole('link', { name: 'Secrets' }).focus();
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Trusted publishers' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Trusted publishers', level: 2 })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Trusted publishers', level: 2 })).toBeInViewport();
  await nav.getByRole('link', { name: 'Clipboard' }).focus();
  await page.keyboard.press('Enter');
  const clipboard = page.getByRole('heading', { name: 'Clipboard', level: 2 });
  await expect(clipboard).toBeFocused();
  await expect(clipboard).toBeInViewport();
  // The keyboard goes on from the section: the next Tab is the clipboard policy's first control.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('When a plugin reads the clipboard')).toBeFocused();
  await expect(nav).toBeInViewport();
  await app.screenshot('settings-section-nav');
  expect(await seriousViolations(page)).toEqual([]);
});

test('"Never ask" is explained before saving; removing a scope names its users; both are audited', async ({ launch }) => {
  test.setTimeout(120_000);
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
  const { page } = app;
  await openSection(page, 'Settings');
  const card = page.getByRole('article', { name: 'Test workspace' });
  await card.getByRole('button', { name: 'Edit' }).click();
  const form = page.getByRole('form', { name: `Edit filesystem scope ${FS_SCOPE_ID}` });
  const warning = page.getByRole('note', { name: 'What never ask means' });
  await expect(warning).toHaveCount(0);
  await form.getByLabel('Confirmation').selectOption('never');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('without asking you first');
  expect(await seriousViolations(page)).toEqual([]);
  await warning.scrollIntoViewIfNeeded();
  await app.screenshot('settings-never-ask-warning');
  await form.getByRole('button', { name: 'Save scope' }).click();
  await expect(warning).toHaveCount(0);
  await expect(card).toContainText('Never asks');

  // Remove: the dialog names the plugin that uses the scope, and Cancel keeps it.
  await card.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: `Remove scope ${FS_SCOPE_ID}?` });
  await expect(dialog).toContainText(`Used by: ${ACTION_LAB.name} (granted)`);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  await app.screenshot('settings-remove-scope-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await app.host.core.audit.query({ action: 'scope.removed' })).total).toBe(0);
  await card.getByRole('button', { name: 'Remove' }).click();
  await dialog.getByRole('button', { name: 'Remove scope' }).click();
  await expect(dialog).toBeHidden();
  // The scope the test host supplies applies again: it asks every time.
  await expect(card).toContainText('Asks every time');

  const removed = await app.host.core.audit.query({ action: 'scope.removed' });
  expect(removed.total).toBe(1);
  expect(removed.records[0]?.summary).toMatchObject({
    scopeId: FS_SCOPE_ID,
    fallsBackToPreset: true,
    changes: [{ field: 'confirmation', before: 'never', after: 'always' }],
  });

  await openSection(page, 'Audit');
  const filters = page.getByRole('search', { name: 'Filter audit records' });
  await filters.getByLabel('Action').selectOption({ label: 'Save a scope' });
  await expect(auditRows(page)).toHaveCount(1);
  await expect(auditRows(page).first()).toContainText(`Changed the scope ${FS_SCOPE_ID} · confirmation always → never`);
  await filters.getByLabel('Action').selectOption({ label: 'Remove a scope' });
  await expect(auditRows(page).first()).toContainText(
    `Removed the scope ${FS_SCOPE_ID} · the built-in scope with this id applies again: confirmation never → always`,
  );
  await auditRows(page).first().click();
  const summary = page.locator('.audit-detail').getByRole('region', { name: 'Summary' });
  await expect(summary.getByRole('listitem').filter({ hasText: 'confirmation' })).toHaveText('confirmation never → always');
  await app.screenshot('audit-config-scope-removed');
});
