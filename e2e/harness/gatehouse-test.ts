// The Playwright fixture every scenario uses: `launch()` starts the app for this test's page and
// tears it down after the test.
import { test as base, expect } from '@playwright/test';
import { startGatehouseApp, type GatehouseApp } from './app-session';
import type { TestHostOptions } from './test-host';

export type { GatehouseApp };

export const test = base.extend<{ launch: (options: TestHostOptions) => Promise<GatehouseApp> }>({
  launch: async ({ page }, use) => {
    const apps: GatehouseApp[] = [];
    await use(async (options) => {
      const app = await startGatehouseApp(page, options);
      apps.push(app);
      return app;
    });
    for (const app of apps) await app.close();
  },
});

export { expect };
