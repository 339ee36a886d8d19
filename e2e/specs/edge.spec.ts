// The app's edge as a hostile plugin meets it: network through WebRTC, focus stolen from a prompt, prompts
// that never end, limits reset by reloads, huge messages, and navigation into another plugin's UI.
import { test, expect } from '../harness/gatehouse-test';
import { startNetworkCanary } from '../harness/network-canary';
import { ACTION_LAB, EDGE_PROBE } from '../harness/plugins';
import { confirmation, decline, openPlugin, openSection, pluginResult } from '../harness/ui';

test.describe('a plugin at the edge of the app', () => {
  const plugins = [{ dir: EDGE_PROBE.dir }, { dir: ACTION_LAB.dir }];

  test('cannot send anything over WebRTC: no STUN or TURN packet reaches a local server, UDP or TCP', async ({ launch }) => {
    const canary = await startNetworkCanary();
    try {
      const app = await launch({ plugins });
      const frame = app.pluginFrame(EDGE_PROBE.id);
      await openPlugin(app.page, EDGE_PROBE.name, frame);
      await frame.getByLabel('Target').fill(canary.address);
      await frame.getByLabel('Typed').fill('a secret the plugin wants out');
      await frame.getByRole('button', { name: 'Send over WebRTC' }).click();
      await expect(pluginResult(frame)).toContainText('webrtc: done', { timeout: 15_000 });
      // ICE retransmits for a while; give a late packet the time to arrive before looking.
      await app.page.waitForTimeout(1500);
      expect(canary.received).toEqual([]);
    } finally {
      await canary.close();
    }
  });

  test('cannot take keyboard focus from an open prompt: frames are hidden and inert, keys stay in the dialog', async ({ launch }) => {
    const app = await launch({ plugins });
    const { page } = app;
    const frame = app.pluginFrame(EDGE_PROBE.id);
    await openPlugin(page, EDGE_PROBE.name, frame);
    await frame.getByRole('button', { name: 'Ask and steal focus' }).click();
    const dialog = confirmation(page);
    await expect(dialog).toBeVisible();
    await expect(page.locator('.frames')).toHaveAttribute('inert', '');
    await expect(page.locator('.frames')).toBeHidden();
    await page.waitForTimeout(300);
    await page.keyboard.type('hunter2', { delay: 20 });
    expect(await frame.getByLabel('Typed').inputValue()).toBe('');
    await expect(dialog.getByRole('button', { name: 'Decline', exact: true })).toBeFocused();
    await app.screenshot('edge-focus-kept');
    await decline(page);
    await expect(dialog).toBeHidden();
    await expect(pluginResult(frame)).toHaveText('steal: CANCELLED, typed ""');
    const decided = await app.host.core.audit.query({ pluginId: EDGE_PROBE.id, action: 'system.clipboard.read' });
    expect(decided.records.filter((r) => r.phase === 'decided').map((r) => r.decision)).toEqual(['declined']);
    expect(app.host.clipboard.counts.reads).toBe(0);
    await expect(page.locator('.frames')).not.toHaveAttribute('inert', '');
  });

  test('cannot keep the app modal: after repeated declines the host stops asking and answers RATE_LIMITED', async ({ launch }) => {
    const app = await launch({ plugins });
    const { page } = app;
    const frame = app.pluginFrame(EDGE_PROBE.id);
    await openPlugin(page, EDGE_PROBE.name, frame);
    await frame.getByRole('button', { name: 'Ask until refused' }).click();
    const declined = async () => (await app.host.core.audit.query({ pluginId: EDGE_PROBE.id, decision: 'declined', limit: 10 })).total;
    for (let i = 0; i < 3; i++) {
      await expect(confirmation(page)).toBeVisible();
      await decline(page);
      // Each decline is recorded as its own decision.
      await expect.poll(declined).toBe(i + 1);
    }
    await expect(pluginResult(frame)).toHaveText('nag: 4 asks, stopped with RATE_LIMITED');
    await expect(confirmation(page)).toBeHidden();
    await openSection(page, 'Plugins');
    await expect(page.getByRole('heading', { name: 'Plugins', level: 1 })).toBeVisible();
    expect(app.host.clipboard.counts.reads).toBe(0);
  });

  test('"Disable this plugin…" (after its confirm step) disables it, audited, and the app is usable again', async ({ launch }) => {
    const app = await launch({ plugins });
    const { page } = app;
    const frame = app.pluginFrame(EDGE_PROBE.id);
    await openPlugin(page, EDGE_PROBE.name, frame);
    await frame.getByRole('button', { name: 'Ask until refused' }).click();
    const dialog = confirmation(page);
    await dialog.getByRole('button', { name: 'Disable this plugin…' }).click();
    const block = dialog
      .getByRole('group', { name: `Disable ${EDGE_PROBE.name}?` })
      .getByRole('button', { name: `Disable ${EDGE_PROBE.name}` });
    await expect(block).toBeVisible();
    await app.screenshot('edge-decline-and-block');
    await block.click();
    await expect(dialog).toBeHidden();
    await expect.poll(() => app.host.core.plugins.get(EDGE_PROBE.id)?.status).toBe('disabled');
    const records = await app.host.core.audit.query({ pluginId: EDGE_PROBE.id });
    expect(records.records.filter((r) => r.phase === 'decided').map((r) => r.decision)).toEqual(['declined']);
    expect(records.records.filter((r) => r.phase === 'plugin.status').map((r) => (r.summary as { to?: string }).to)).toContain('disabled');
    await expect(page.getByText(`${EDGE_PROBE.name} is disabled`).first()).toBeVisible();
    expect(app.host.core.confirmations.pending()).toEqual([]);
    await app.screenshot('edge-blocked');
  });

  test("cannot multiply its request limit by reloading: a reloaded document's prompts are withdrawn", async ({ launch }) => {
    const app = await launch({ plugins });
    const { page } = app;
    const frame = app.pluginFrame(EDGE_PROBE.id);
    await openPlugin(page, EDGE_PROBE.name, frame);
    await frame.getByRole('button', { name: 'Flood and reload' }).click();
    // The last document's own prompts can still be waiting, and while a prompt waits the host hides every
    // frame; the frame's report is read from its document, hidden or not.
    const report = frame.getByRole('status', { name: 'Result', includeHidden: true });
    await expect(report).toContainText('flood: round 4, answered', { timeout: 20_000 });
    await page.waitForTimeout(500);
    const pending = app.host.core.confirmations.pending();
    // Four documents asked 40 times each; the plugin's one limit of 32 held over all of them (the last
    // document usually finds its predecessor's withdrawn requests still counted and is refused outright).
    expect(pending.length).toBeLessThanOrEqual(32);
    const records = await app.host.core.audit.query({ pluginId: EDGE_PROBE.id, action: 'system.clipboard.read', limit: 1000 });
    const cancelled = records.records.filter((r) => r.phase === 'decided' && r.decision === 'cancelled');
    expect(cancelled.length).toBeGreaterThan(0);
    expect(app.host.clipboard.counts.reads).toBe(0);
  });

  test('a 2M-item message is refused in the renderer and never crosses to the host', async ({ launch }) => {
    const app = await launch({ plugins });
    const frame = app.pluginFrame(EDGE_PROBE.id);
    await openPlugin(app.page, EDGE_PROBE.name, frame);
    const before = app.bridge.accepted;
    await frame.getByRole('button', { name: 'Send huge message' }).click();
    await expect(pluginResult(frame)).toHaveText('huge: VALIDATION_FAILED');
    const calls = app.bridge.accepted - before;
    const actionCalls = await app.host.core.audit.query({ pluginId: EDGE_PROBE.id, action: 'system.clipboard.read' });
    expect(actionCalls.records).toEqual([]);
    expect(calls).toBeLessThanOrEqual(1);
  });

  test("cannot navigate its frame into another plugin's UI", async ({ launch }) => {
    const app = await launch({ plugins });
    const { page } = app;
    const frame = app.pluginFrame(EDGE_PROBE.id);
    await openPlugin(page, EDGE_PROBE.name, frame);
    await frame.getByLabel('Target').fill(`${app.pluginOrigin(ACTION_LAB.id)}/index.html`);
    await frame.getByRole('button', { name: 'Navigate to target' }).click();
    await expect.poll(() => app.navigation.blocked.length).toBeGreaterThan(0);
    expect(app.navigation.blocked[0]).toContain(`-> ${app.pluginOrigin(ACTION_LAB.id)}/index.html`);
    await page.waitForTimeout(500);
    expect(page.frames().some((f) => f.url().startsWith(app.pluginOrigin(ACTION_LAB.id)))).toBe(false);
    const lab = await app.host.core.audit.query({ action: 'system.clipboard.write' });
    expect(lab.records).toEqual([]);
  });
});
