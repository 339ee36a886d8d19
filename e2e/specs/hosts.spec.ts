import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB } from '../harness/plugins';
import { HOSTS_BASELINE } from '../harness/test-host';
import { approve, auditRows, confirmation, decline, openPlugin, openSection, pluginResult } from '../harness/ui';

test.describe('hosts file', () => {
  test('approved: the file changes, the plugin shows success, the audit panel shows the records', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
    const { page } = app;
    const frame = app.pluginFrame(ACTION_LAB.id);
    await openPlugin(page, ACTION_LAB.name, frame);

    await frame.getByLabel('Hostname').fill('api.e2e.test');
    await frame.getByRole('button', { name: 'Apply hosts entry' }).click();

    const dialog = confirmation(page);
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Action Lab');
    await expect(dialog).toContainText('e2e-actions');
    await expect(dialog).toContainText('api.e2e.test');
    await expect(dialog).toContainText('Point the test hostname at this machine.');
    await app.screenshot('hosts-approve-dialog');
    await approve(page);

    await expect(pluginResult(frame)).toContainText('OK hosts write');
    const hosts = await app.host.readHosts();
    expect(hosts.startsWith(HOSTS_BASELINE)).toBe(true);
    expect(hosts).toMatch(/# >>> gatehouse e2e-actions e2e\n127\.0\.0\.1\s+api\.e2e\.test\n# <<< gatehouse e2e-actions e2e/);

    await openSection(page, 'Audit');
    // Every record on its own row, to see each phase of the request.
    await page.getByRole('checkbox', { name: 'One row per request' }).uncheck();
    await page.getByRole('search', { name: 'Filter audit records' }).getByLabel('Action').selectOption('system.hosts.write');
    const rows = auditRows(page)
      .filter({ hasText: ACTION_LAB.name })
      .filter({ hasText: /change.? the hosts file/i });
    await expect(rows.filter({ hasText: 'requested' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'decided' }).filter({ hasText: 'approved' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'completed' })).toHaveCount(1);
    await app.screenshot('hosts-approved-audit');
  });

  test('declined: the file stays byte-identical and the audit shows the decline', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
    const { page } = app;
    const frame = app.pluginFrame(ACTION_LAB.id);
    await openPlugin(page, ACTION_LAB.name, frame);

    await frame.getByRole('button', { name: 'Apply hosts entry' }).click();
    await expect(confirmation(page)).toBeVisible();
    await decline(page);
    await expect(confirmation(page)).toBeHidden();

    await expect(pluginResult(frame)).toContainText('CANCELLED');
    expect(await app.host.readHosts()).toBe(HOSTS_BASELINE);
    await app.screenshot('hosts-declined-plugin');

    await openSection(page, 'Audit');
    const rows = auditRows(page).filter({ hasText: 'Change the hosts file' });
    await expect(rows.filter({ hasText: 'declined' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'completed' })).toHaveCount(0);
    await app.screenshot('hosts-declined-audit');
  });
});

test('a hosts write that changes nothing asks nothing: "changed": false, a no-change record and a notice', async ({ launch }) => {
  const app = await launch({ plugins: [{ dir: ACTION_LAB.dir }] });
  const { page } = app;
  const frame = app.pluginFrame(ACTION_LAB.id);
  await openPlugin(page, ACTION_LAB.name, frame);
  await frame.getByLabel('Hostname').fill('api.e2e.test');
  const apply = frame.getByRole('button', { name: 'Apply hosts entry' });
  await apply.click();
  await approve(page);
  await expect(pluginResult(frame)).toContainText('"changed": true');
  const written = await app.host.readHosts();

  // The same entry again: nothing to approve, so no prompt; the plugin reads changed: false.
  await apply.click();
  await expect(pluginResult(frame)).toContainText('"changed": false');
  await expect(confirmation(page)).toBeHidden();
  expect(await app.host.readHosts()).toBe(written);
  const records = await app.host.core.audit.query({ pluginId: ACTION_LAB.id, action: 'system.hosts.write', decision: 'no-change' });
  expect(records.records.map((r) => r.phase)).toEqual(['completed']);
  const notice = page.getByRole('region', { name: 'Notices' }).locator('.notice-no-change');
  await expect(notice).toContainText('Action Lab asked for a change that was already in place: nothing was written, so nothing was asked');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await app.screenshot('after-hosts-no-change-notice');
});
