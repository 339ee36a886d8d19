// One running app for one page: the real host core, the app and plugin servers, and the bridge.
// The Playwright fixture and the UI benchmark both start the app through this.
import type { FrameLocator, Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createIpcDispatcher, type IpcDispatcher } from '../../src/host/ipc-dispatcher';
import { servablePluginDir } from '../../src/host/plugin-content';
import { startAppServer, startPluginServer, type RunningServer } from '../../src/dev-host/content-servers';
import { guardFrameNavigation, type NavigationRecord } from '../../src/dev-host/frame-navigation-guard';
import { connectGatehouse, type BridgeRecord } from '../../src/dev-host/page-bridge';
import { rendererDir, screenshotsDir } from './paths';
import { createTestHost, type TestHost, type TestHostOptions } from './test-host';

export interface GatehouseApp {
  page: Page;
  host: TestHost;
  dispatcher: IpcDispatcher;
  bridge: BridgeRecord;
  /** Frame navigations the harness refused, like the shell's will-frame-navigate. */
  navigation: NavigationRecord;
  appOrigin: string;
  pluginServer: RunningServer;
  /** `http://<id>.localhost:<port>`: the origin of one plugin's frame. */
  pluginOrigin(pluginId: string): string;
  /** The frame of one plugin, found by its origin. */
  pluginFrame(pluginId: string): FrameLocator;
  /** Saves e2e/screenshots/<name>.png of the window. */
  screenshot(name: string): Promise<string>;
  /** Closes the page first (so no late call reaches a closed core), then the servers and the core. */
  close(): Promise<void>;
}

/** Starts everything and opens the app in `page`; on failure, whatever was started is stopped again. */
export async function startGatehouseApp(page: Page, options: TestHostOptions): Promise<GatehouseApp> {
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    await page.close().catch(() => undefined);
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const host = await createTestHost(options);
    cleanups.push(() => host.close());
    let appOrigin = '';
    const pluginServer = await startPluginServer(
      (id) => servablePluginDir(host.core.plugins, id),
      () => appOrigin,
    );
    cleanups.push(() => pluginServer.close());
    const pluginOrigin = (id: string) => `http://${id}.localhost:${pluginServer.port}`;
    const appServer = await startAppServer(rendererDir, `http://*.localhost:${pluginServer.port}`);
    cleanups.push(() => appServer.close());
    appOrigin = appServer.origin;

    const dispatcher = createIpcDispatcher(
      host.core,
      {
        ...host.dialogs.ports,
        archiveStagingDir: join(host.dirs.root, 'staging'),
        pluginFrame: (id, entry) => ({ url: `${pluginOrigin(id)}/${entry}`, origin: pluginOrigin(id) }),
        appInfo: () => ({ version: '0.1.0', platform: process.platform, devMode: true }),
        prompter: host.prompter,
      },
      // Every answer of every scenario is checked against its channel's response schema.
      { checkResponses: true },
    );
    const bridge = await connectGatehouse(page, dispatcher, appOrigin);
    cleanups.push(async () => bridge.dispose());
    const navigation = await guardFrameNavigation(page, pluginServer.port, (id) => servablePluginDir(host.core.plugins, id) !== null);
    // Scenarios start past the first-run explanation unless they are about it; only the app's own page is touched.
    if (!options.firstRun) {
      await page.addInitScript({
        content:
          "if (window === window.top) { try { localStorage.setItem('gatehouse.welcomed', '1'); } catch { /* no storage: the explanation shows and the scenario fails visibly */ } }",
      });
    }
    await page.goto(`${appOrigin}/index.html`);

    return {
      page,
      host,
      dispatcher,
      bridge,
      navigation,
      appOrigin,
      pluginServer,
      pluginOrigin,
      pluginFrame: (id) => page.frameLocator(`iframe[src^="${pluginOrigin(id)}/"]`),
      async screenshot(name) {
        await mkdir(screenshotsDir, { recursive: true });
        const path = join(screenshotsDir, `${name}.png`);
        await page.screenshot({ path });
        return path;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
