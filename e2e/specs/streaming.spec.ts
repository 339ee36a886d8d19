// Long-running actions with live output: the Docker panel follows a container's logs (a fake docker CLI that
// prints one line every 100 ms until killed), pulls an image with progress, and is stopped from the plugin or
// from the host's Running indicator; the Release workflow shows each step as it happens.
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FrameLocator, Page } from '@playwright/test';
import { test, expect, type GatehouseApp } from '../harness/gatehouse-test';
import { fakeDockerProcesses } from '../harness/fake-docker';
import { DOCKER_PANEL, RELEASE_WORKFLOW } from '../harness/plugins';
import { approve, confirmation, openPlugin, openSection, auditRows } from '../harness/ui';

/** Lines the panel's output view has received (the view keeps only visible rows in the DOM). */
async function lineCount(frame: FrameLocator): Promise<number> {
  const value = await frame.getByRole('log', { name: 'Live output' }).getAttribute('data-line-count');
  return Number(value ?? 0);
}

function runningButton(page: Page) {
  return page.getByRole('banner').getByRole('button', { name: /^Running/ });
}

/** Opens the Docker panel on the fake docker and lists its containers (two prompts: ps, then images). */
async function openDockerPanel(app: GatehouseApp): Promise<FrameLocator> {
  const { page } = app;
  const frame = app.pluginFrame(DOCKER_PANEL.id);
  await openPlugin(page, DOCKER_PANEL.name, frame);
  await frame.getByLabel('Docker executable').fill(app.host.fakeDockerPath ?? '');
  await frame.getByRole('button', { name: 'Refresh' }).click();
  await approve(page);
  await approve(page);
  await expect(frame.getByRole('button', { name: 'Follow logs of web' })).toBeVisible();
  return frame;
}

async function followWebLogs(app: GatehouseApp, frame: FrameLocator): Promise<void> {
  await frame.getByRole('button', { name: 'Follow logs of web' }).click();
  await expect(confirmation(app.page)).toContainText('logs');
  await approve(app.page);
}

const fakePath = (app: GatehouseApp) => app.host.fakeDockerPath ?? 'no fake docker';

test.describe('streamed output', () => {
  test('Follow logs shows lines as they are written; Stop in the panel ends the process', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: DOCKER_PANEL.dir }], fakeDocker: true });
    const { page } = app;
    const frame = await openDockerPanel(app);
    await followWebLogs(app, frame);

    // The first line arrives while the tool still runs (it never ends on its own).
    await expect.poll(() => lineCount(frame)).toBeGreaterThan(0);
    expect(await fakeDockerProcesses(fakePath(app), 'logs')).not.toEqual([]);
    await expect(frame.getByRole('log', { name: 'Live output' })).toContainText('log line 1');
    // More lines keep coming while it runs: the count grows.
    const first = await lineCount(frame);
    await expect.poll(() => lineCount(frame)).toBeGreaterThanOrEqual(first + 5);
    expect(await fakeDockerProcesses(fakePath(app), 'logs')).not.toEqual([]);
    await expect(runningButton(page)).toBeVisible();
    await app.screenshot('streaming-follow-logs');

    await frame.getByRole('button', { name: 'Stop following' }).click();
    await expect(frame.getByRole('status').filter({ hasText: 'Stopped by you' })).toBeVisible();
    // The process itself is gone, not only the view: nothing in /proc runs the fake's logs any more.
    await expect.poll(() => fakeDockerProcesses(fakePath(app), 'logs')).toEqual([]);
    await expect(runningButton(page)).toBeHidden();
    const stoppedAt = await lineCount(frame);
    await page.waitForTimeout(400);
    expect(await lineCount(frame)).toBe(stoppedAt);
    await app.screenshot('streaming-follow-logs-stopped');
  });

  test('the Running indicator lists the run with its plugin and time; its Stop ends the process and the audit says so', async ({
    launch,
  }) => {
    const app = await launch({ plugins: [{ dir: DOCKER_PANEL.dir }], fakeDocker: true });
    const { page } = app;
    const frame = await openDockerPanel(app);
    await followWebLogs(app, frame);
    await expect.poll(() => lineCount(frame)).toBeGreaterThan(2);

    await runningButton(page).click();
    const list = page.getByRole('region', { name: 'Running actions' });
    await expect(list).toContainText('Docker panel');
    await expect(list).toContainText('logs --follow');
    await expect(list.locator('.running-elapsed')).toHaveText(/^0:0[1-9]$/);
    const stop = list.getByRole('button', { name: /^Stop .*logs --follow/ });
    await expect(stop).toBeVisible();
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await app.screenshot('streaming-running-indicator');

    // Keyboard: the Stop button is reachable and works with Enter.
    await stop.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => fakeDockerProcesses(fakePath(app), 'logs')).toEqual([]);
    await expect(runningButton(page)).toBeHidden();
    // The panel says the run was stopped in Gatehouse, not that the request was declined.
    await expect(frame.getByRole('status').filter({ hasText: /^Stopped in Gatehouse by you after \d+ lines/ })).toBeVisible();
    await expect(frame.getByRole('alert')).toHaveCount(0);
    await app.screenshot('streaming-stopped-from-host');

    await openSection(page, 'Audit');
    await expect(auditRows(page).first()).toContainText('stopped by you');
    await auditRows(page).first().click();
    await expect(page.locator('.audit-detail').getByRole('heading', { level: 2 })).toContainText(
      /docker logs --follow 0123456789ab · approved by you · stopped by you after [\d.]+ (?:bytes|KB) of output/,
    );
    await app.screenshot('streaming-audit-stopped-by-you');
  });

  test('pulling an image shows its progress lines while the pull runs', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: DOCKER_PANEL.dir }], fakeDocker: true });
    const { page } = app;
    const frame = app.pluginFrame(DOCKER_PANEL.id);
    await openPlugin(page, DOCKER_PANEL.name, frame);
    await frame.getByLabel('Docker executable').fill(fakePath(app));
    await frame.getByLabel('Image', { exact: true }).fill('alpine:3.20');
    await frame.getByRole('button', { name: 'Pull', exact: true }).click();
    await approve(page);

    // Seen together in one read of the page: some progress already shown, the pull not finished yet.
    await expect
      .poll(async () => {
        const running = await frame.getByRole('status').filter({ hasText: 'Running' }).count();
        return running > 0 ? await lineCount(frame) : 0;
      })
      .toBeGreaterThan(0);
    await expect(frame.getByRole('status').filter({ hasText: /Finished with exit code 0/ })).toBeVisible();
    await expect(frame.getByRole('log', { name: 'Live output' })).toContainText('Status: Downloaded newer image for alpine:3.20');
    await app.screenshot('streaming-pull-progress');
  });

  test('Release workflow: each step shows as it runs, before the workflow ends', async ({ launch }) => {
    const app = await launch({ plugins: [{ dir: RELEASE_WORKFLOW.dir }] });
    const { page } = app;
    // A real repository and its origin under the (temp) home, which the git-release preset allows.
    const repo = join(app.host.dirs.home, 'project');
    const origin = join(app.host.dirs.home, 'origin.git');
    await mkdir(repo, { recursive: true });
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('/usr/bin/git', args, { cwd, env: { ...process.env, HOME: app.host.dirs.home } });
    git(app.host.dirs.home, 'init', '--bare', '--quiet', origin);
    git(repo, 'init', '--quiet');
    git(repo, 'config', 'user.name', 'Release Test');
    git(repo, 'config', 'user.email', 'release@example.test');
    git(repo, 'commit', '--allow-empty', '--quiet', '-m', 'initial');
    git(repo, 'remote', 'add', 'origin', origin);
    // An earlier release, so "Show last tag" has one to show and the release completes.
    git(repo, 'tag', 'v0.9.0');

    const frame = app.pluginFrame(RELEASE_WORKFLOW.id);
    await openPlugin(page, RELEASE_WORKFLOW.name, frame);
    await frame.getByLabel('Repository path').fill(repo);
    await frame.getByLabel('Version').fill('1.0.0');
    await frame.getByRole('button', { name: 'Run release' }).click();

    const results = frame.locator('#step-results');
    const dialog = confirmation(page);
    // The whole plan is shown first; nothing has run yet.
    await expect(dialog).toHaveAccessibleName(/wants to run the workflow/);
    await expect(results.locator('li[data-step-id="check-tree"]')).toHaveAttribute('data-status', 'waiting');
    await approve(page);
    // While Gatehouse waits for the tag approval, the steps before it already show how they ended.
    await expect(dialog).toHaveAccessibleName(/wants to run step 3 of/);
    await expect(results.locator('li[data-step-id="check-tree"]')).toHaveAttribute('data-status', 'ok');
    await expect(results.locator('li[data-step-id="last-tag"]')).toHaveAttribute('data-status', 'ok');
    await expect(results.locator('li[data-step-id="push-tag"]')).toHaveAttribute('data-status', 'waiting');
    // The host hides the plugin's page while it asks, so the prompt is what the user sees now.
    await app.screenshot('streaming-release-step-prompt');
    await approve(page);
    await expect(dialog).toHaveAccessibleName(/wants to run step 4 of/);
    await expect(results.locator('li[data-step-id="create-tag"]')).toHaveAttribute('data-status', 'ok');
    await approve(page);
    await expect(frame.locator('#notice')).toContainText('Release v1.0.0 tagged and pushed');
    expect(git(origin, 'tag', '--list').toString()).toContain('v1.0.0');
    await frame.locator('#result-card').evaluate((node) => node.scrollIntoView({ block: 'start' }));
    await app.screenshot('streaming-release-done');
  });
});
