// A plugin's backend, as a user sees it: it runs next to the frame under the app's Node launcher (bubblewrap
// and Node's permission model), pushes messages into its own frame, answers the frame's messages, and shows
// its state on the plugin's page.
import { test, expect } from '../harness/gatehouse-test';
import { BACKEND_ECHO } from '../harness/plugins';
import { openPlugin } from '../harness/ui';

test.describe('plugin backend', () => {
  test('the backend pushes into its frame, answers it, and shows on the plugin page', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: BACKEND_ECHO.dir }] });
    const { page } = app;
    const frame = app.pluginFrame(BACKEND_ECHO.id);
    await openPlugin(page, BACKEND_ECHO.name, frame);

    // Ticks arrive on their own and keep coming.
    await expect(frame.locator('#ticks')).toHaveText(/^\d+$/, { timeout: 15_000 });
    const first = Number(await frame.locator('#ticks').textContent());
    await expect.poll(async () => Number(await frame.locator('#ticks').textContent())).toBeGreaterThan(first);

    // The frame's message reaches its backend, and the answer comes back.
    await frame.getByRole('button', { name: 'Ping the backend' }).click();
    await expect(frame.locator('#reply')).toHaveText('pong 1');

    // The plugin's page: the backend runs, how long it took to start, and what it logged.
    const panel = page.getByRole('region', { name: 'Backend: running' });
    await expect(panel).toBeVisible();
    await expect(panel).toContainText(/Started in \d+ ms/);
    await expect(panel).toContainText('bwrap');
    await panel.getByText('Last log lines').click();
    await expect(panel).toContainText('backend echo ready');
    await expect(page.locator('.stage-header')).toContainText('Backend running');
    await app.screenshot('backend-panel');
  });
});
