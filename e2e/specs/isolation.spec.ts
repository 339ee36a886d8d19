import { test, expect } from '../harness/gatehouse-test';
import { ACTION_LAB, HOSTILE_PROBE } from '../harness/plugins';
import { openPlugin, pluginResult } from '../harness/ui';

test.describe('a hostile plugin stays in its frame', () => {
  const plugins = [{ dir: HOSTILE_PROBE.dir }, { dir: ACTION_LAB.dir }];

  test('cannot reach window.gatehouse: parent access throws and the binding refuses the frame', async ({ launch }) => {
    const app = await launch({ plugins });
    const frame = app.pluginFrame(HOSTILE_PROBE.id);
    await openPlugin(app.page, HOSTILE_PROBE.name, frame);
    // The host page itself does have the API.
    expect(await app.page.evaluate(() => typeof (globalThis as { gatehouse?: unknown }).gatehouse)).toBe('object');

    await frame.getByRole('button', { name: 'Reach host API' }).click();
    await expect(pluginResult(frame)).toContainText('parent: SecurityError');
    await expect(pluginResult(frame)).toContainText('top: SecurityError');
    await expect(pluginResult(frame)).toContainText('own: undefined');

    // Playwright installs its binding in every frame; the host side refuses anything but the app's main frame.
    await frame.getByRole('button', { name: 'Call host binding' }).click();
    await expect(pluginResult(frame)).toHaveText('binding: refused');
    expect(app.bridge.refused.map((call) => [call.frameUrl.startsWith(app.pluginOrigin(HOSTILE_PROBE.id)), call.channel])).toEqual([
      [true, 'plugins:list'],
    ]);
    await app.screenshot('isolation-host-api');
  });

  test('cannot speak as another plugin: every request is attributed to its own id', async ({ launch }) => {
    const app = await launch({ plugins });
    const frame = app.pluginFrame(HOSTILE_PROBE.id);
    await openPlugin(app.page, HOSTILE_PROBE.name, frame);

    await frame.getByRole('button', { name: 'Forge identity' }).click();
    await expect(pluginResult(frame)).toContainText('forge-field: VALIDATION_FAILED');
    await expect(pluginResult(frame)).toContainText('forge-plain: ok');
    await expect(pluginResult(frame)).toContainText('forge-parent: no answer');

    const writes = await app.host.core.audit.query({ action: 'system.clipboard.write' });
    expect(writes.records.length).toBeGreaterThan(0);
    expect(new Set(writes.records.map((r) => r.pluginId))).toEqual(new Set([HOSTILE_PROBE.id]));
    const forged = writes.records.filter((r) => r.correlationId === 'forge-field');
    expect(forged.map((r) => [r.pluginId, r.phase])).toEqual([[HOSTILE_PROBE.id, 'denied']]);
    expect(app.host.clipboard.peek()).toBe('forged by the probe');
    await app.screenshot('isolation-forged-identity');
  });

  test('cannot navigate the top window or open windows', async ({ launch }) => {
    const app = await launch({ plugins });
    const { page } = app;
    const frame = app.pluginFrame(HOSTILE_PROBE.id);
    await openPlugin(page, HOSTILE_PROBE.name, frame);
    const appUrl = page.url();
    const popups: string[] = [];
    page.context().on('page', (opened) => popups.push(opened.url()));

    await frame.getByRole('button', { name: 'Navigate top window' }).click();
    await expect(pluginResult(frame)).toContainText('navigate-top:');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(appUrl);
    await expect(page.getByRole('navigation', { name: 'Plugins' })).toBeVisible();

    await frame.getByRole('button', { name: 'Open window' }).click();
    await expect(pluginResult(frame)).toHaveText('open-window: blocked');
    await page.waitForTimeout(300);
    expect(popups).toEqual([]);
    await app.screenshot('isolation-navigation');
  });

  test('cannot load remote content: CSP blocks fetch and images to other origins', async ({ launch }) => {
    const app = await launch({ plugins });
    const frame = app.pluginFrame(HOSTILE_PROBE.id);
    // A request CSP blocks never gets a response; record whatever did.
    const responses: string[] = [];
    const failures: string[] = [];
    app.page.on('response', (response) => {
      if (response.url().startsWith('https://example.com')) responses.push(response.url());
    });
    app.page.on('requestfailed', (request) => {
      if (request.url().startsWith('https://example.com')) failures.push(request.failure()?.errorText ?? '');
    });
    await openPlugin(app.page, HOSTILE_PROBE.name, frame);

    await frame.getByRole('button', { name: 'Load remote content' }).click();
    await expect(pluginResult(frame)).toContainText('fetch: failed');
    await expect(pluginResult(frame)).toContainText('connect-src https://example.com/data.json');
    await expect(pluginResult(frame)).toContainText('img-src https://example.com/pixel.png');
    expect(responses).toEqual([]);
    expect(failures.length).toBeGreaterThan(0);
    expect(new Set(failures)).toEqual(new Set(['csp']));
    await app.screenshot('isolation-remote-content');
  });
});
