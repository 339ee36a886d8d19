// The Docker panel's backend at work, as a user sees it: Keep fresh asks Gatehouse to run docker ps and docker
// events (the user approves each), and then the list changes by itself when the daemon's containers change,
// whether another client changed them (the suite, writing the fake daemon's state) or the panel's own Stop.
// The backend applies docker's events to the list, so a change asks nothing: docker ps is approved once, not
// remembered, and a listing after a change would show as a prompt that holds the list back.
import type { FrameLocator, Page } from '@playwright/test';
import { test, expect, type GatehouseApp } from '../harness/gatehouse-test';
import { FAKE_CONTAINERS, fakeContainers, fakeDockerProcesses, setFakeContainers } from '../harness/fake-docker';
import { DOCKER_PANEL } from '../harness/plugins';
import { approve, confirmation, openPlugin, openSection } from '../harness/ui';

const fakePath = (app: GatehouseApp) => app.host.fakeDockerPath ?? 'no fake docker';

async function allowForTenMinutes(page: Page): Promise<void> {
  await confirmation(page).getByRole('radio', { name: 'Also allow this exact command for 10 minutes' }).check();
  await approve(page);
}

/** The state badge in a container's row. */
const stateOf = (frame: FrameLocator, name: string) =>
  frame
    .getByRole('row')
    .filter({ has: frame.getByText(name, { exact: true }) })
    .locator('.badge');

test.describe('Docker panel live updates', () => {
  test("the panel's backend pushes container changes into the open panel", async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: DOCKER_PANEL.dir }], fakeDocker: true });
    const { page } = app;
    const frame = app.pluginFrame(DOCKER_PANEL.id);
    await openPlugin(page, DOCKER_PANEL.name, frame);
    await frame.getByLabel('Docker executable').fill(fakePath(app));
    // Nothing runs until the user asks.
    await expect(frame.locator('#live-badge')).toHaveText('Live off');
    expect(await fakeDockerProcesses(fakePath(app), 'events')).toEqual([]);

    await frame.getByRole('button', { name: 'Keep fresh' }).click();
    // The backend asks like the page would: the listing first, then docker events, which the user allows for
    // 10 minutes.
    await expect(confirmation(page)).toContainText('ps --all');
    await approve(page);
    await expect(confirmation(page)).toContainText('events --filter type=container');
    await allowForTenMinutes(page);
    await expect(frame.locator('#live-badge')).toHaveText('Live');
    await expect(frame.getByRole('status', { name: 'Live updates' })).toContainText('Watching Docker');
    await expect(frame.locator('#containers-count')).toHaveText('2 containers');
    await expect(stateOf(frame, 'db')).toHaveText('exited');
    await expect.poll(() => fakeDockerProcesses(fakePath(app), 'events')).not.toEqual([]);

    // Another docker client starts db and creates cache: the list follows without Refresh.
    await setFakeContainers(fakePath(app), [
      FAKE_CONTAINERS[0]!,
      { ...FAKE_CONTAINERS[1]!, State: 'running', Status: 'Up 1 second' },
      { ID: 'fedcba987654', Names: 'cache', Image: 'redis:7', State: 'running', Status: 'Up Less than a second', Ports: '6379/tcp' },
    ]);
    await expect(frame.locator('#containers-count')).toHaveText('3 containers');
    await expect(stateOf(frame, 'db')).toHaveText('running');
    await expect(stateOf(frame, 'cache')).toHaveText('running');
    await expect(frame.getByRole('status', { name: 'Live updates' })).toContainText('after a container changed');
    await expect(frame.getByRole('row').filter({ hasText: 'cache' })).toContainText('redis:7');
    await expect(confirmation(page)).toBeHidden();
    await app.screenshot('docker-panel-live-update');

    // The panel's own Stop: the user approves it, the daemon reports it, the backend sends the new list.
    await frame.getByRole('button', { name: 'Stop web' }).click();
    await expect(confirmation(page)).toContainText('stop 0123456789ab');
    await approve(page);
    await expect(stateOf(frame, 'web')).toHaveText('exited');
    expect((await fakeContainers(fakePath(app))).find((c) => c.Names === 'web')?.State).toBe('exited');
    await expect(frame.getByRole('button', { name: 'Start web' })).toBeVisible();
    await expect(confirmation(page)).toBeHidden();
    await app.screenshot('docker-panel-live-after-stop');

    // Stop live updates: docker events ends, in /proc too.
    await frame.getByRole('button', { name: 'Stop live updates' }).click();
    await expect(frame.locator('#live-badge')).toHaveText('Live off');
    await expect.poll(() => fakeDockerProcesses(fakePath(app), 'events')).toEqual([]);

    // Watching again asks for the listing only: docker events runs without a prompt within the 10 minutes. The page keeps its frame in other sections, so the watch goes on there; closing the
    // page (Reload makes a new one) ends it with the page.
    await frame.getByRole('button', { name: 'Keep fresh' }).click();
    await expect(confirmation(page)).toContainText('ps --all');
    await approve(page);
    await expect(frame.locator('#live-badge')).toHaveText('Live');
    await expect(confirmation(page)).toBeHidden();
    await expect.poll(() => fakeDockerProcesses(fakePath(app), 'events')).not.toEqual([]);
    await openSection(page, 'Audit');
    await expect(page.getByRole('button', { name: /^Running/ })).toBeVisible();
    await openPlugin(page, DOCKER_PANEL.name, frame);
    await page.locator('.stage-header').getByRole('button', { name: 'Reload', exact: true }).click();
    await expect.poll(() => fakeDockerProcesses(fakePath(app), 'events')).toEqual([]);
    await expect(frame.locator('#live-badge')).toHaveText('Live off');
  });
});
