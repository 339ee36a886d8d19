import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB, HOSTILE_PROBE } from '../harness/plugins';
import { confirmation, openPlugin, openSection } from '../harness/ui';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => node.target.join(' ')) }));
}

test('accessibility: every main screen has no serious or critical axe violations', async ({ launch }) => {
  // One active plugin and one installed but not yet active, so the status badges show both states.
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }, { dir: HOSTILE_PROBE.dir, activate: false }] });
  const { page } = app;
  const frame = app.pluginFrame(ACTION_LAB.id);

  const screens: Record<string, unknown[]> = {};
  await openPlugin(page, ACTION_LAB.name, frame);
  screens['plugin view'] = await seriousViolations(page);
  await app.screenshot('a11y-plugin-view');

  await frame.getByRole('button', { name: 'Apply hosts entry' }).click();
  await expect(confirmation(page)).toBeVisible();
  screens['confirmation dialog'] = await seriousViolations(page);
  await app.screenshot('a11y-confirmation');
  await page.keyboard.press('Escape');
  await expect(confirmation(page)).toBeHidden();

  await openSection(page, 'Audit');
  await expect(page.getByRole('heading', { name: 'Audit' })).toBeVisible();
  screens['audit panel'] = await seriousViolations(page);
  await app.screenshot('a11y-audit');

  await openSection(page, 'Plugins');
  await expect(page.getByRole('heading', { name: 'Plugins', level: 1 })).toBeVisible();
  screens['plugins page'] = await seriousViolations(page);
  await app.screenshot('a11y-plugins');

  await openSection(page, 'Settings');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  screens['settings'] = await seriousViolations(page);
  await app.screenshot('a11y-settings');

  expect(screens).toEqual({ 'plugin view': [], 'confirmation dialog': [], 'audit panel': [], 'plugins page': [], settings: [] });
});
