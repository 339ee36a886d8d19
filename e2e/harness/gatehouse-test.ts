// The Playwright fixture every scenario uses: `launch()` starts the app for this test's page and
// tears it down after the test; `workDir` is a temp folder for bundles a test builds; every worker
// gets a real Secret Service before its first test.
import { test as base, expect } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGatehouseApp, type GatehouseApp } from './app-session';
import { ensureSecretService, type SecretServiceStatus } from './private-keyring';
import type { TestHostOptions } from './test-host';

export type { GatehouseApp };

export const test = base.extend<
  { launch: (options: TestHostOptions) => Promise<GatehouseApp>; workDir: string },
  { secretService: SecretServiceStatus }
>({
  secretService: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none.
    async ({}, use) => {
      const status = await ensureSecretService();
      if (!status.available) console.log(`no Secret Service for this worker (${status.reason})`);
      await use(status);
    },
    { scope: 'worker', auto: true },
  ],
  launch: async ({ page }, use) => {
    const apps: GatehouseApp[] = [];
    await use(async (options) => {
      const app = await startGatehouseApp(page, options);
      apps.push(app);
      return app;
    });
    for (const app of apps) await app.close();
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none.
  workDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-work-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
});

export { expect };
