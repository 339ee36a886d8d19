import { join } from 'node:path';
import { generateSigningKeyPair } from '@gatehouse/plugin-sdk/node';
import { test, expect } from '../harness/gatehouse-test';
import { TRUST_LAB } from '../harness/plugins';
import { buildBundle, packBundle, writeSignedIndex } from '../harness/signed-bundles';
import { installDialog, openSection } from '../harness/ui';

test('marketplace: a signed index lists candidates as text; one installs from a local archive after trust and consent', async ({
  launch,
  workDir,
}) => {
  const indexKey = generateSigningKeyPair();
  const publisher = generateSigningKeyPair();
  const bundle = await buildBundle({ from: TRUST_LAB.dir, to: join(workDir, 'bundle'), key: publisher, manifest: { version: '2.0.0' } });
  const archive = await packBundle(bundle.dir, join(workDir, 'trust-lab-2.0.0.ghplugin'));
  const index = await writeSignedIndex(
    join(workDir, 'plugins.json'),
    [
      {
        id: TRUST_LAB.id,
        name: 'Trust Lab <b>bold?</b>',
        version: '2.0.0',
        publisherKeyId: publisher.keyId,
        publisherPublicKey: publisher.publicKey,
        digest: bundle.digest as string,
        capabilities: [...TRUST_LAB.capabilities],
        riskTier: 'high',
        source: { type: 'file', path: archive },
        description: 'Reads the clipboard.\n<img src=x onerror=alert(1)> stays text.',
      },
    ],
    indexKey,
  );
  const app = await launch({ plugins: [] });
  const { page } = app;

  await openSection(page, 'Marketplace');
  await expect(page.getByRole('button', { name: 'Open index…' })).toBeDisabled();
  await openSection(page, 'Settings');
  const settings = page.getByRole('region', { name: 'Marketplace', exact: true });
  await settings.getByLabel('Index public key (base64)').fill(indexKey.publicKey);
  await settings.getByRole('button', { name: 'Save index key' }).click();
  await expect(settings).toContainText(indexKey.keyId);

  await openSection(page, 'Marketplace');
  app.host.dialogs.nextFile(index);
  await page.getByRole('button', { name: 'Open index…' }).click();
  const entry = page.getByRole('article', { name: 'Trust Lab <b>bold?</b>' });
  await expect(entry).toBeVisible();
  await expect(entry).toContainText('v2.0.0');
  await expect(entry).toContainText('High risk');
  await expect(entry).toContainText(publisher.keyId);
  await expect(entry).toContainText('system.process.scope.e2e-secret');
  await expect(entry).toContainText('<img src=x onerror=alert(1)> stays text.');
  await expect(entry.locator('b, img')).toHaveCount(0);
  expect(app.host.dialogs.asked).toEqual(['marketplace-index']);
  // Loading an index installs nothing.
  expect(app.host.core.plugins.list()).toEqual([]);
  await app.screenshot('marketplace-entries');

  app.host.dialogs.nextFile(archive);
  await entry.getByRole('button', { name: 'Install from file…' }).click();
  const dialog = installDialog(page);
  await expect(dialog).toContainText('Marketplace candidate');
  const trustStep = dialog.getByRole('group', { name: 'Trust this publisher' });
  await expect(trustStep).toContainText(publisher.fingerprint);
  // Main staged it only after its key, digest and capabilities matched the signed entry; the dialog says so.
  await expect(trustStep).toContainText('Fingerprint matches your signed index');
  // The name to remember is the user's: the manifest's own publisher claim is not put in the field.
  const remembered = trustStep.getByLabel('Remember this publisher as');
  await expect(remembered).toHaveValue('');
  await dialog.getByRole('checkbox', { name: /Trust this publisher/ }).check();
  await expect(dialog.getByRole('button', { name: 'Trust and install' })).toBeDisabled();
  await remembered.fill('Trust Lab Publisher');
  await dialog.getByRole('checkbox', { name: 'system.clipboard.write', exact: true }).check();
  await app.screenshot('marketplace-install-dialog');
  await dialog.getByRole('button', { name: 'Trust and install' }).click();
  await expect(dialog).toBeHidden();

  expect(app.host.core.plugins.get(TRUST_LAB.id)).toMatchObject({
    version: '2.0.0',
    digest: bundle.digest,
    status: 'installed',
    granted: ['system.clipboard.write'],
  });
  await expect(page.getByRole('region', { name: TRUST_LAB.name })).toBeVisible();
  await openSection(page, 'Marketplace');
  await expect(entry).toContainText('Installed');
});
