import type { Page } from '@playwright/test';
import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB } from '../harness/plugins';
import { HOSTS_BASELINE } from '../harness/test-host';
import { confirmation, openPlugin, pluginResult } from '../harness/ui';

interface PageNode {
  nodeName: string;
  textContent: string | null;
  contains(other: PageNode): boolean;
}
interface PageDocument {
  activeElement: PageNode | null;
  querySelector(selector: string): PageNode | null;
}

/** Whether the focused element sits inside the open dialog, and what it is (for the failure message). */
function focusState(page: Page) {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as { document: PageDocument };
    const active = document.activeElement;
    const dialog = document.querySelector('dialog[open]');
    return {
      inDialog: Boolean(dialog && active && dialog.contains(active)),
      focused: active ? `${active.nodeName} ${active.textContent?.trim().slice(0, 40) ?? ''}` : 'nothing',
    };
  });
}

test('keyboard only: Decline has focus, Tab stays in the dialog, Escape declines, Enter on Approve approves', async ({ launch }) => {
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
  const { page } = app;
  const frame = app.pluginFrame(ACTION_LAB.id);
  await openPlugin(page, ACTION_LAB.name, frame);
  const apply = frame.getByRole('button', { name: 'Apply hosts entry' });

  // First request: Escape declines.
  await apply.focus();
  await page.keyboard.press('Enter');
  await expect(confirmation(page)).toBeVisible();
  await expect(confirmation(page).getByRole('button', { name: 'Decline', exact: true })).toBeFocused();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    const state = await focusState(page);
    expect(state.inDialog, `focus left the dialog after key ${i + 1} (now on ${state.focused})`).toBe(true);
  }
  await app.screenshot('keyboard-dialog-focus');
  await page.keyboard.press('Escape');
  await expect(confirmation(page)).toBeHidden();
  await expect(pluginResult(frame)).toContainText('CANCELLED');
  expect(await app.host.readHosts()).toBe(HOSTS_BASELINE);

  // Second request: move from Decline to Approve with Tab and press Enter.
  await apply.focus();
  await page.keyboard.press('Enter');
  await expect(confirmation(page).getByRole('button', { name: 'Decline', exact: true })).toBeFocused();
  const approveButton = confirmation(page).getByRole('button', { name: 'Edit hosts file' });
  for (
    let i = 0;
    i < 20 && !(await approveButton.evaluate((el) => el === (globalThis as unknown as { document: PageDocument }).document.activeElement));
    i++
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(approveButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirmation(page)).toBeHidden();
  await expect(pluginResult(frame)).toContainText('OK hosts write');
  expect(await app.host.readHosts()).toContain('app.e2e.test');
  await app.screenshot('keyboard-approved');
});
