// How a user gets around the app: role- and label-based, so the UI's accessible names are the contract.
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

/** Selects a plugin in the sidebar and waits until its frame has its port from the host. */
export async function openPlugin(page: Page, name: string, frame: FrameLocator): Promise<void> {
  await page.getByRole('navigation', { name: 'Plugins' }).getByRole('button', { name, exact: true }).click();
  await expect(
    frame
      .getByRole('status')
      .filter({ hasText: /Connected/ })
      .first(),
  ).toBeVisible();
}

/** Opens one of the host's own screens: Audit, Plugins, Marketplace or Settings. */
export async function openSection(page: Page, name: 'Audit' | 'Plugins' | 'Marketplace' | 'Settings'): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();
}

/** The host's confirmation dialog, named "<plugin> wants to …". */
export function confirmation(page: Page): Locator {
  return page.getByRole('dialog', { name: / wants to / });
}

/** The dialog's approving button; it names the action (Run, Read clipboard, Edit hosts file …). */
export function approveButton(page: Page): Locator {
  return confirmation(page)
    .getByRole('group', { name: 'Answer' })
    .getByRole('button', { name: /^(?!Decline|Disable)/ });
}

/** The host's install dialog (install, update, or a refused bundle). */
export function installDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: /^(Install|Update|Cannot install) / });
}

/** The review dialog of a plugin that waits for consent. */
export function reviewDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: /^Review / });
}

/** Clicks Approve once it is armed (pointer clicks count only after a short delay). */
export async function approve(page: Page): Promise<void> {
  const button = approveButton(page);
  await expect(button).toBeVisible();
  await expect(button).not.toHaveAttribute('aria-disabled', 'true');
  await answerWith(page, button);
}

export async function decline(page: Page): Promise<void> {
  await answerWith(page, confirmation(page).getByRole('button', { name: 'Decline', exact: true }));
}

/**
 * Clicks an answer and waits until that prompt's dialog is gone (each prompt is its own dialog element).
 * The next step then starts from a settled screen, and an answer that did not take fails here, at the
 * click, rather than later as a missing record.
 */
async function answerWith(page: Page, button: Locator): Promise<void> {
  const dialog = await confirmation(page).elementHandle();
  await button.click();
  await dialog?.waitForElementState('hidden', { timeout: 10_000 });
}

/** The plugin's own result line. */
export function pluginResult(frame: FrameLocator): Locator {
  return frame.getByRole('status', { name: 'Result' });
}

/** The audit panel's rows (each one a button). */
export function auditRows(page: Page): Locator {
  return page.locator('.audit-row:not(.audit-row-placeholder)');
}
