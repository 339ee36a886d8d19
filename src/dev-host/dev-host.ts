// The development host: the real host core in developer mode on a throwaway profile, the built Gatehouse
// UI in a Chromium-family browser the user already has, and `window.gatehouse` carried over Playwright's
// pipe to that browser. Nothing listens for privileged calls; the two content servers listen on 127.0.0.1
// and answer only paths that start with this run's random token.
import Conf from 'conf';
import { randomBytes } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHostCore, createInteractivePrompter, type HostCore } from '../core/index';
import { createNodeBackendLauncher } from '../core/backends/node-backend-launcher';
import { localhostPluginUrls } from '../shared/frame-navigation';
import { installDevExamples, readDevelopmentPublisher } from '../host/dev-examples';
import { createIpcDispatcher, type IpcDispatcherPorts } from '../host/ipc-dispatcher';
import { servablePluginDir } from '../host/plugin-content';
import { harnessBrowserSwitches } from './browser-switches';
import { startAppServer, startPluginServer, type RunningServer } from './content-servers';
import { chooseDevClipboard } from './dev-clipboard';
import { chooseDevKeychain } from './dev-keychain';
import { createDevProfile, type DevProfile } from './dev-profile';
import { guardFrameNavigation } from './frame-navigation-guard';
import { connectGatehouse } from './page-bridge';
import { startPluginDevelopment, type PluginDevelopment } from '../host/plugin-development';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface DevHostOptions {
  /** The folder holding the plugin's manifest.json; without it the bundled examples are offered. */
  pluginDir: string | null;
  /** The Chromium-family browser to drive. */
  browserPath: string;
  headless: boolean;
  /** Where the one-line notes go (the terminal). */
  log: (line: string) => void;
  /** Asks for folders, files and save paths (the terminal). */
  dialogs: Pick<IpcDispatcherPorts, 'chooseFolder' | 'chooseFile' | 'chooseSavePath'>;
  /** The built renderer; `out/renderer` of this checkout by default. */
  rendererDir?: string;
  /** The home folder the built-in scopes are rooted in; the user's own by default. */
  homeDir?: string;
}

export interface DevHost {
  page: Page;
  core: HostCore;
  profile: DevProfile;
  /** The id of the plugin under development, or null when showing the examples. */
  pluginId: string | null;
  appOrigin: string;
  /** The origin of one plugin's frame, `http://<id>.localhost:<port>`. */
  pluginOrigin(pluginId: string): string;
  /** The content servers' ports, the only ones this run listens on. */
  ports: number[];
  /** Resolves after each reload the watcher made (true) or refused because the folder did not install (false). */
  onReload(listener: (ok: boolean) => void): () => void;
  /** Resolves when the browser went away or close() ran. */
  closed: Promise<void>;
  close(): Promise<void>;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Starts everything; whatever was started is stopped again when a step fails. */
export async function startDevHost(options: DevHostOptions): Promise<DevHost> {
  const rendererDir = options.rendererDir ?? join(repoRoot, 'out', 'renderer');
  if (!(await exists(join(rendererDir, 'index.html')))) {
    throw new Error(`The Gatehouse UI is not built (${rendererDir} has no index.html). Run: npm run build:app`);
  }
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const profile = await createDevProfile();
    cleanups.push(() => profile.remove());
    const clipboard = await chooseDevClipboard(options.headless);
    const keychain = await chooseDevKeychain();
    cleanups.push(() => keychain.clear());
    const prompter = createInteractivePrompter();
    const developmentPublisher = await readDevelopmentPublisher(join(repoRoot, 'examples'));
    const core = await createHostCore({
      dataDir: profile.data,
      pluginsDir: profile.plugins,
      hostsPath: profile.hostsPath,
      settings: new Conf<Record<string, unknown>>({ cwd: profile.settings, configName: 'settings' }),
      clipboard: clipboard.port,
      prompter,
      devMode: true,
      ...(options.homeDir ? { homeDir: options.homeDir } : {}),
      secretStore: keychain.store,
      ...(developmentPublisher ? { builtInPublishers: [developmentPublisher] } : {}),
      // Plugin backends as Node child processes, in the same sandbox and permission model as Node tests.
      backendLauncher: createNodeBackendLauncher(),
    });
    cleanups.push(() => core.close());

    options.log(`Profile: ${profile.root} (developer mode; removed on exit)`);
    options.log(`Clipboard: ${clipboard.description}`);
    options.log(`Keychain: ${keychain.description}`);
    options.log(`Hosts file: a scratch copy at ${profile.hostsPath} (Settings can point elsewhere)`);

    // The frames to reload live in the browser, which starts below; until then a reload has none to touch.
    let reloadFrames: (id: string) => Promise<number> = async () => 0;
    let development: PluginDevelopment | null = null;
    if (options.pluginDir) {
      development = await startPluginDevelopment({
        core,
        dir: options.pluginDir,
        stagingDir: profile.staging,
        reloadFrames: (id) => reloadFrames(id),
        log: options.log,
      });
      const watched = development;
      cleanups.push(async () => watched.close());
    } else {
      await installDevExamples(core, join(repoRoot, 'examples'));
      options.log(`Plugins: the bundled examples (${core.plugins.list().length}); review and activate one on the Plugins page`);
    }

    // The token keeps other local programs (and other browser profiles) from reading what the host serves.
    const token = randomBytes(24).toString('base64url');
    let appOrigin = '';
    const pluginServer: RunningServer = await startPluginServer(
      (id) => servablePluginDir(core.plugins, id),
      () => appOrigin,
      { token },
    );
    cleanups.push(() => pluginServer.close());
    const pluginOrigin = (id: string) => `http://${id}.localhost:${pluginServer.port}`;
    const appServer = await startAppServer(rendererDir, `http://*.localhost:${pluginServer.port}`, { token });
    cleanups.push(() => appServer.close());
    appOrigin = appServer.origin;
    const version = (JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';

    const dispatcher = createIpcDispatcher(core, {
      ...options.dialogs,
      archiveStagingDir: join(profile.root, 'archive-staging'),
      pluginFrame: (id, entry) => ({ url: `${pluginOrigin(id)}/${token}/${entry}`, origin: pluginOrigin(id) }),
      appInfo: () => ({ version, platform: process.platform, devMode: true }),
      prompter,
    });

    const browser: Browser = await chromium.launch({
      executablePath: options.browserPath,
      headless: options.headless,
      // Playwright talks to the browser over a pipe (--remote-debugging-pipe), never a debugging port.
      args: [
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        // Chromium refuses to start its sandbox as root; a root run (a container) goes without it.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        ...harnessBrowserSwitches,
      ],
    });
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: options.headless ? { width: 1280, height: 820 } : null });
    const page = await context.newPage();
    const bridge = await connectGatehouse(page, dispatcher, appOrigin);
    cleanups.push(async () => bridge.dispose());
    await guardFrameNavigation(page, pluginServer.port, (id) => servablePluginDir(core.plugins, id) !== null);
    // The browser profile is new on every run, so the one-screen explanation of the model would greet an author on
    // each start: it is shown when the examples are offered (a newcomer's tour), not while developing a plugin.
    if (options.pluginDir) {
      await page.addInitScript({
        content: "if (window === window.top) { try { localStorage.setItem('gatehouse.welcomed', '1'); } catch { /* shown instead */ } }",
      });
    }
    await page.goto(`${appOrigin}/${token}/index.html`);
    options.log(
      `Browser: ${options.browserPath}${options.headless ? ' (headless)' : ''}; content on 127.0.0.1:${appServer.port} and *.localhost:${pluginServer.port}, token-protected`,
    );

    reloadFrames = (id) => reloadOpenFrames(page, id, pluginServer.port);
    if (development) await openPluginInUi(page, development.plugin.name);

    let resolveClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
    let closing: Promise<void> | null = null;
    const close = (): Promise<void> => (closing ??= stop().then(resolveClosed));
    // Closing the window (or the Gatehouse tab) ends the run, like quitting the app.
    browser.once('disconnected', () => void close());
    page.once('close', () => void close());

    return {
      page,
      core,
      profile,
      pluginId: development?.plugin.id ?? null,
      appOrigin,
      pluginOrigin,
      ports: [appServer.port, pluginServer.port],
      onReload(listener) {
        return development ? development.onReload(listener) : () => false;
      },
      closed,
      close,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Selects the plugin in the sidebar, as a user would, so the run opens on it. */
async function openPluginInUi(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Plugins' })
    .getByRole('button', { name, exact: true })
    .click({ timeout: 10_000 })
    .catch(() => undefined);
}

/** Reloads every open frame of the plugin by navigating it to its own URL, which the navigation guard checks. */
async function reloadOpenFrames(page: Page, id: string, pluginPort: number): Promise<number> {
  const pluginIdOf = localhostPluginUrls(pluginPort);
  const frames = page.frames().filter((frame) => frame !== page.mainFrame() && pluginIdOf(frame.url()) === id);
  await Promise.all(frames.map((frame) => frame.goto(frame.url()).catch(() => undefined)));
  return frames.length;
}
