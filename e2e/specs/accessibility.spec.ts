import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { generateSigningKeyPair } from '@gatehouse/plugin-sdk/node';
import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB, HOSTILE_PROBE, TRUST_LAB } from '../harness/plugins';
import { buildBundle, packBundle, writeSignedIndex } from '../harness/signed-bundles';
import { confirmation, installDialog, openPlugin, openSection, reviewDialog } from '../harness/ui';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => node.target.join(' ')) }));
}

test('accessibility: every main screen has no serious or critical axe violations', async ({ launch }) => {
  // About a dozen full axe scans, each several seconds on a loaded 2-core machine: the limit bounds a hang.
  test.setTimeout(240_000);
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

test('accessibility: install dialog with the trust step, consent review, marketplace and trust settings', async ({ launch, workDir }) => {
  const publisher = generateSigningKeyPair();
  const indexKey = generateSigningKeyPair();
  const v1 = await buildBundle({
    from: TRUST_LAB.dir,
    to: join(workDir, 'v1'),
    key: publisher,
    manifest: { capabilities: ['system.clipboard.write'] },
  });
  const v2 = await buildBundle({ from: TRUST_LAB.dir, to: join(workDir, 'v2'), key: publisher, manifest: { version: '1.1.0' } });
  const unknown = await buildBundle({
    from: TRUST_LAB.dir,
    to: join(workDir, 'unknown'),
    key: generateSigningKeyPair(),
    manifest: { version: '3.0.0' },
  });
  const archive = await packBundle(v2.dir, join(workDir, 'trust-lab.ghplugin'));
  const index = await writeSignedIndex(
    join(workDir, 'plugins.json'),
    [
      {
        id: TRUST_LAB.id,
        name: TRUST_LAB.name,
        version: '1.1.0',
        publisherKeyId: publisher.keyId,
        publisherPublicKey: publisher.publicKey,
        digest: v2.digest as string,
        capabilities: [...TRUST_LAB.capabilities],
        riskTier: 'high',
        source: { type: 'file', path: archive },
        description: 'A candidate.',
      },
    ],
    indexKey,
  );
  const app = await launch({
    plugins: [{ dir: v1.dir }],
    trustedPublishers: [{ publicKey: publisher.publicKey, name: 'Trust Lab Publisher' }],
  });
  const { page } = app;
  const screens: Record<string, unknown[]> = {};

  await openSection(page, 'Plugins');
  app.host.dialogs.nextFolder(unknown.dir);
  await page.getByRole('main').getByRole('button', { name: 'Install from folder…' }).first().click();
  await expect(installDialog(page).getByRole('group', { name: 'Trust this publisher' })).toBeVisible();
  screens['install dialog'] = await seriousViolations(page);
  await app.screenshot('a11y-install-dialog');
  await installDialog(page).getByRole('button', { name: 'Cancel' }).click();

  await app.host.core.plugins.install(v2.dir);
  const card = page.getByRole('region', { name: TRUST_LAB.name });
  await card.getByRole('button', { name: 'Review and approve' }).click();
  await expect(reviewDialog(page)).toContainText('Update from version 1.0.0 to 1.1.0');
  screens['consent review'] = await seriousViolations(page);
  await app.screenshot('a11y-consent-review');
  await reviewDialog(page).getByRole('button', { name: 'Cancel' }).click();

  app.host.core.marketplace.setKey(indexKey.publicKey);
  await openSection(page, 'Marketplace');
  app.host.dialogs.nextFile(index);
  await page.getByRole('button', { name: 'Open index…' }).click();
  await expect(page.getByRole('article', { name: TRUST_LAB.name })).toBeVisible();
  screens['marketplace'] = await seriousViolations(page);
  await app.screenshot('a11y-marketplace');

  await openSection(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Trusted publishers', exact: true })).toContainText('Trust Lab Publisher');
  await expect(page.getByRole('region', { name: 'Secrets', exact: true }).getByRole('form', { name: 'Add secret' })).toBeVisible();
  screens['settings: trust and secrets'] = await seriousViolations(page);
  await app.screenshot('a11y-settings-trust');

  expect(screens).toEqual({ 'install dialog': [], 'consent review': [], marketplace: [], 'settings: trust and secrets': [] });
});
