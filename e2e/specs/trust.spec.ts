import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import { generateSigningKeyPair } from '@gatehouse/plugin-sdk/node';
import type { Page } from '@playwright/test';
import type { GatehouseApi } from '../../src/shared/gatehouse-api';
import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB, TRUST_LAB } from '../harness/plugins';
import { buildBundle, changeOneByte } from '../harness/signed-bundles';
import { auditRows, confirmation, installDialog, openPlugin, openSection, pluginResult, reviewDialog } from '../harness/ui';

/** Clicks "Install from folder…" on the Plugins page with the folder picker scripted to answer `dir`. */
async function chooseFolder(page: Page, dialogs: { nextFolder(path: string | null): void }, dir: string): Promise<void> {
  await openSection(page, 'Plugins');
  dialogs.nextFolder(dir);
  await page.getByRole('main').getByRole('button', { name: 'Install from folder…' }).first().click();
}

test.describe('trust and consent', () => {
  test('install from an unknown publisher: the fingerprint must be trusted explicitly, then only the ticked grants are given', async ({
    launch,
    workDir,
  }) => {
    const publisher = generateSigningKeyPair();
    const bundle = await buildBundle({ from: TRUST_LAB.dir, to: join(workDir, 'trust-lab'), key: publisher });
    const app = await launch({ plugins: [] });
    const { page } = app;

    await chooseFolder(page, app.host.dialogs, bundle.dir);
    const dialog = installDialog(page);
    await expect(dialog.getByRole('heading', { name: 'Install Trust Lab' })).toBeVisible();
    await expect(dialog).toContainText('Not trusted yet');
    await expect(dialog).toContainText(publisher.keyId);
    const trustStep = dialog.getByRole('group', { name: 'Trust this publisher' });
    await expect(trustStep).toContainText(publisher.fingerprint);
    const install = dialog.getByRole('button', { name: 'Trust and install' });
    await expect(install).toBeDisabled();
    for (const capability of TRUST_LAB.capabilities) {
      await expect(dialog.getByRole('checkbox', { name: capability, exact: true })).not.toBeChecked();
    }
    await expect(dialog.getByRole('checkbox', { name: 'system.clipboard.read', exact: true })).toHaveAccessibleDescription(/Reads only/);
    await expect(dialog.getByRole('checkbox', { name: 'system.clipboard.write', exact: true })).toHaveAccessibleDescription(
      /Changes things/,
    );
    // Its key is not trusted yet, so its signature was not checked: no green "Signed".
    await expect(dialog).toContainText('Signed by a key you do not trust yet');
    await expect(dialog.getByText('Signed', { exact: true })).toHaveCount(0);
    // A folder is not a marketplace candidate: nothing was checked against an index.
    await expect(dialog).not.toContainText('signed index');
    await expect(trustStep.getByLabel('Remember this publisher as')).toHaveValue('');
    await expect(trustStep).toContainText('The plugin calls its publisher');
    await app.screenshot('trust-install-prompt');

    // Ticking capabilities alone does not enable Install: the key has to be trusted first.
    await dialog.getByRole('checkbox', { name: 'system.clipboard.write', exact: true }).check();
    await dialog.getByRole('checkbox', { name: 'system.process.exec', exact: true }).check();
    await expect(install).toBeDisabled();
    await trustStep.getByLabel('Remember this publisher as').fill('Trust Lab Publisher');
    await trustStep.getByRole('checkbox', { name: /Trust this publisher/ }).check();
    await expect(install).toBeEnabled();
    await app.screenshot('trust-install-ready');
    await install.click();
    await expect(dialog).toBeHidden();

    const card = page.getByRole('region', { name: TRUST_LAB.name });
    await expect(card).toBeVisible();
    expect(app.host.core.plugins.get(TRUST_LAB.id)).toMatchObject({
      status: 'installed',
      signed: true,
      publisherKeyId: publisher.keyId,
      granted: ['system.clipboard.write', 'system.process.exec'],
      needsConsent: false,
    });
    expect(app.host.core.trust.list().find((entry) => entry.keyId === publisher.keyId)?.name).toBe('Trust Lab Publisher');
    await app.screenshot('trust-installed');

    await openSection(page, 'Audit');
    const filters = page.getByRole('search', { name: 'Filter audit records' });
    await filters.getByLabel('Plugin').selectOption(TRUST_LAB.id);
    await filters.getByLabel('Action').selectOption('plugin.status');
    const records = await app.host.core.audit.query({ pluginId: TRUST_LAB.id, action: 'plugin.status' });
    // One record for the install (verified → installed), one for the grants the user gave.
    expect(records.total).toBe(2);
    expect(records.records.map((record) => record.summary)).toContainEqual(
      expect.objectContaining({ granted: ['system.clipboard.write', 'system.process.exec'] }),
    );
    await expect(auditRows(page)).toHaveCount(2);
    await app.screenshot('trust-audit-status');

    // Settings lists the key; removing it makes the plugin unavailable at once.
    await openSection(page, 'Settings');
    const publishers = page.getByRole('region', { name: 'Trusted publishers', exact: true });
    await expect(publishers).toContainText('Trust Lab Publisher');
    await expect(publishers).toContainText(publisher.keyId);
    await publishers.getByRole('button', { name: 'Remove trusted publisher Trust Lab Publisher' }).click();
    const stop = page.getByRole('dialog', { name: /Stop trusting/ });
    await expect(stop).toContainText('Trust Lab');
    await app.screenshot('trust-remove-publisher');
    await stop.getByRole('button', { name: 'Stop trusting' }).click();
    await expect(publishers).not.toContainText('Trust Lab Publisher');
    await expect.poll(() => app.host.core.plugins.get(TRUST_LAB.id)?.available).toBe(false);
    await expect(
      page.getByRole('navigation', { name: 'Plugins' }).getByRole('button', { name: TRUST_LAB.name, exact: true }),
    ).toHaveAccessibleDescription(/unavailable/);

    // A key can also be trusted by pasting it; a malformed one is named before anything is sent.
    const addForm = page.getByRole('form', { name: 'Trust a publisher key' });
    await addForm.getByLabel('Publisher name').fill('Pasted Publisher');
    await addForm.getByLabel('Public key (base64)').fill('not a key');
    await addForm.getByRole('button', { name: 'Trust key' }).click();
    await expect(addForm).toContainText('Paste the base64 public key');
    await addForm.getByLabel('Public key (base64)').fill(publisher.publicKey);
    await addForm.getByRole('button', { name: 'Trust key' }).click();
    await expect(publishers.getByRole('row').filter({ hasText: 'Pasted Publisher' })).toContainText(publisher.keyId);
    expect(app.host.core.trust.list().find((entry) => entry.keyId === publisher.keyId)?.name).toBe('Pasted Publisher');
  });

  test('a bundle with one byte changed after signing is refused with digest-mismatch', async ({ launch, workDir }) => {
    const publisher = generateSigningKeyPair();
    const bundle = await buildBundle({ from: TRUST_LAB.dir, to: join(workDir, 'tampered'), key: publisher });
    await changeOneByte(join(bundle.dir, 'main.js'), 40);
    const app = await launch({ plugins: [], trustedPublishers: [{ publicKey: publisher.publicKey, name: 'Trust Lab Publisher' }] });
    const { page } = app;

    await chooseFolder(page, app.host.dialogs, bundle.dir);
    const dialog = installDialog(page);
    await expect(dialog.getByRole('heading', { name: 'Cannot install Trust Lab' })).toBeVisible();
    await expect(dialog.getByRole('alert')).toContainText('Refused: digest-mismatch');
    await expect(dialog.getByRole('alert')).toContainText('File: main.js');
    // A refused bundle never reads as signed.
    await expect(dialog).toContainText('Signature invalid');
    await expect(dialog.getByText('Signed', { exact: true })).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: /Install/ })).toHaveCount(0);
    await expect(dialog.getByRole('checkbox')).toHaveCount(0);
    await app.screenshot('trust-tampered-refused');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    expect(app.host.core.plugins.list()).toEqual([]);
  });

  test('revoking a grant while its confirmation is pending cancels the request at once', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: TRUST_LAB.dir }], clipboardText: 'never read' });
    const { page } = app;
    const frame = app.pluginFrame(TRUST_LAB.id);
    await openPlugin(page, TRUST_LAB.name, frame);

    await frame.getByRole('button', { name: 'Read clipboard' }).click();
    await expect(confirmation(page)).toBeVisible();
    await app.screenshot('trust-revoke-pending');

    // The revoke comes through the host API the Plugins page uses, while the dialog is still open.
    const kept = TRUST_LAB.capabilities.filter((capability) => capability !== 'system.clipboard.read');
    const revoked = await page.evaluate(
      ([id, capabilities]) => (globalThis as unknown as { gatehouse: GatehouseApi }).gatehouse.plugins.setGrants(id, capabilities),
      [TRUST_LAB.id, kept] as const,
    );
    expect(revoked.ok).toBe(true);
    await expect(confirmation(page)).toBeHidden();
    // Nobody declined: the answer names the lost right (CANCELLED means the user declined).
    await expect(pluginResult(frame)).toContainText('CAPABILITY_DENIED');
    await expect(pluginResult(frame)).toContainText('capability revoked while waiting');
    expect(app.host.clipboard.counts.reads).toBe(0);
    await app.screenshot('trust-revoke-cancelled');

    await openSection(page, 'Plugins');
    const card = page.getByRole('region', { name: TRUST_LAB.name });
    await expect(card.getByRole('checkbox', { name: 'system.clipboard.read', exact: true })).not.toBeChecked();
    const statusRecords = await app.host.core.audit.query({ pluginId: TRUST_LAB.id, action: 'plugin.status' });
    expect(statusRecords.records.map((record) => record.summary)).toContainEqual(
      expect.objectContaining({ revoked: ['system.clipboard.read'] }),
    );
  });

  test('an update that adds a capability waits for consent: activation is refused until the user approves', async ({ launch, workDir }) => {
    const publisher = generateSigningKeyPair();
    const v1 = await buildBundle({
      from: TRUST_LAB.dir,
      to: join(workDir, 'v1'),
      key: publisher,
      manifest: { capabilities: ['system.clipboard.write'] },
    });
    const v2 = await buildBundle({
      from: TRUST_LAB.dir,
      to: join(workDir, 'v2'),
      key: publisher,
      manifest: { version: '1.1.0', capabilities: ['system.clipboard.write', 'system.clipboard.read'] },
    });
    const app = await launch({
      plugins: [{ dir: v1.dir }],
      trustedPublishers: [{ publicKey: publisher.publicKey, name: 'Trust Lab Publisher' }],
    });
    const { page } = app;

    // Through the install dialog, an update says what it changes; what was granted stays ticked, the new one does not.
    await chooseFolder(page, app.host.dialogs, v2.dir);
    const dialog = installDialog(page);
    await expect(dialog.getByRole('heading', { name: 'Update Trust Lab' })).toBeVisible();
    await expect(dialog).toContainText('Update from version 1.0.0 to 1.1.0');
    await expect(dialog.getByRole('checkbox', { name: 'system.clipboard.write', exact: true })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'system.clipboard.read', exact: true })).not.toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'system.clipboard.read', exact: true })).toHaveAccessibleDescription(/New/);
    await app.screenshot('trust-update-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();

    // The same update arriving without the dialog (as a re-discovered folder does) leaves the plugin waiting for consent.
    await app.host.core.plugins.install(v2.dir);
    const card = page.getByRole('region', { name: TRUST_LAB.name });
    await expect(card.getByRole('note').filter({ hasText: 'needs your consent' })).toBeVisible();
    // Activate waits for the review; the host refuses it anyway when asked directly.
    await expect(card.getByRole('button', { name: 'Activate' })).toBeDisabled();
    await expect(card.getByRole('button', { name: 'Save grants' })).toBeDisabled();
    expect(await app.dispatcher.invoke('plugins:set-status', { pluginId: TRUST_LAB.id, status: 'active' })).toMatchObject({
      ok: false,
      code: 'CONSENT_REQUIRED',
    });
    expect(app.host.core.plugins.get(TRUST_LAB.id)).toMatchObject({ status: 'disabled', needsConsent: true });
    await app.screenshot('trust-update-consent-needed');

    await card.getByRole('button', { name: 'Review and approve' }).click();
    const review = reviewDialog(page);
    await expect(review).toContainText('Update from version 1.0.0 to 1.1.0');
    const added = review.getByRole('checkbox', { name: 'system.clipboard.read', exact: true });
    await expect(added).toHaveAccessibleDescription(/New/);
    await added.check();
    await app.screenshot('trust-update-review');
    await review.getByRole('button', { name: 'Approve and save grants' }).click();
    await expect(review).toBeHidden();
    await expect(card.getByRole('note').filter({ hasText: 'needs your consent' })).toHaveCount(0);
    await card.getByRole('button', { name: 'Activate' }).click();
    await expect(card.getByRole('button', { name: 'Disable' })).toBeVisible();
    expect(app.host.core.plugins.get(TRUST_LAB.id)).toMatchObject({
      status: 'active',
      version: '1.1.0',
      needsConsent: false,
      granted: ['system.clipboard.write', 'system.clipboard.read'],
    });
    await app.screenshot('trust-update-approved');
  });

  test('an update signed by another key: a red callout comes first and nothing continues without its tick', async ({ launch, workDir }) => {
    const oldKey = generateSigningKeyPair();
    const newKey = generateSigningKeyPair();
    const v1 = await buildBundle({
      from: TRUST_LAB.dir,
      to: join(workDir, 'v1'),
      key: oldKey,
      manifest: { capabilities: ['system.clipboard.write'] },
    });
    const v2 = await buildBundle({
      from: TRUST_LAB.dir,
      to: join(workDir, 'v2'),
      key: newKey,
      manifest: { version: '1.1.0', capabilities: ['system.clipboard.write'] },
    });
    const app = await launch({
      plugins: [{ dir: v1.dir }],
      trustedPublishers: [
        { publicKey: oldKey.publicKey, name: 'Old Key' },
        { publicKey: newKey.publicKey, name: 'New Key' },
      ],
    });
    const { page } = app;

    await chooseFolder(page, app.host.dialogs, v2.dir);
    const dialog = installDialog(page);
    await expect(dialog.getByRole('heading', { name: 'Update Trust Lab' })).toBeVisible();
    const callout = dialog.getByRole('alert').filter({ hasText: 'The publisher key changed' });
    await expect(callout).toBeVisible();
    // It is the first thing in the dialog's body, above the plugin's own facts.
    const body = dialog.getByRole('region', { name: 'Install details' });
    expect(await body.evaluate((node) => node.firstElementChild?.textContent ?? '')).toContain('The publisher key changed');
    const update = dialog.getByRole('button', { name: 'Install update' });
    await expect(update).toBeDisabled();
    const axe = await new AxeBuilder({ page }).analyze();
    expect(
      axe.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => violation.id),
    ).toEqual([]);
    await app.screenshot('trust-key-change-update');
    await callout.getByRole('checkbox', { name: 'I expected this key change' }).check();
    await expect(update).toBeEnabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Arriving without the dialog, the same update waits for consent, and the review asks for the same tick.
    await app.host.core.plugins.install(v2.dir);
    const card = page.getByRole('region', { name: TRUST_LAB.name });
    await card.getByRole('button', { name: 'Review and approve' }).click();
    const review = reviewDialog(page);
    const reviewCallout = review.getByRole('alert').filter({ hasText: 'The publisher key changed' });
    await expect(reviewCallout).toBeVisible();
    const approve = review.getByRole('button', { name: 'Approve and save grants' });
    await expect(approve).toBeDisabled();
    await app.screenshot('trust-key-change-review');
    await reviewCallout.getByRole('checkbox', { name: 'I expected this key change' }).check();
    await approve.click();
    await expect(review).toBeHidden();
    expect(app.host.core.plugins.get(TRUST_LAB.id)).toMatchObject({ version: '1.1.0', publisherKeyId: newKey.keyId, needsConsent: false });
  });

  test('developer mode: an unsigned plugin is badged Unsigned in the sidebar, the confirmation and the install dialog', async ({
    launch,
  }) => {
    const app = await launch({ plugins: [{ dir: TRUST_LAB.dir }] });
    const { page } = app;
    const frame = app.pluginFrame(TRUST_LAB.id);
    const navItem = page.getByRole('navigation', { name: 'Plugins' }).getByRole('button', { name: TRUST_LAB.name, exact: true });
    await expect(navItem).toHaveAccessibleDescription(/Unsigned/);
    await openPlugin(page, TRUST_LAB.name, frame);

    await frame.getByRole('button', { name: 'Read clipboard' }).click();
    await expect(confirmation(page)).toContainText('Unsigned');
    await app.screenshot('unsigned-sidebar-and-confirmation');
    await confirmation(page).getByRole('button', { name: 'Decline', exact: true }).click();
    await expect(pluginResult(frame)).toContainText('CANCELLED');

    await chooseFolder(page, app.host.dialogs, ACTION_LAB.dir);
    const dialog = installDialog(page);
    await expect(dialog.getByRole('heading', { name: 'Install Action Lab' })).toBeVisible();
    await expect(dialog).toContainText('Unsigned — developer mode');
    await expect(dialog.getByRole('button', { name: 'Install', exact: true })).toBeEnabled();
    await app.screenshot('unsigned-install-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('region', { name: TRUST_LAB.name })).toContainText('Unsigned');
  });
});
