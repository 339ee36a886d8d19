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
import type { PluginInfo } from '../shared/plugin-info';
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
import { stageUnsigned } from './stage-unsigned';
import { watchPluginFolder } from './watch-plugin';

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
    });
    cleanups.push(() => core.close());

    options.log(`Profile: ${profile.root} (developer mode; removed on exit)`);
    options.log(`Clipboard: ${clipboard.description}`);
    options.log(`Keychain: ${keychain.description}`);
    options.log(`Hosts file: a scratch copy at ${profile.hostsPath} (Settings can point elsewhere)`);

    let plugin: PluginInfo | null = null;
    if (options.pluginDir) {
      plugin = await installUnsigned(core, options.pluginDir, profile.staging);
      await core.plugins.setGrants(plugin.id, plugin.capabilities);
      plugin = (await core.plugins.setStatus(plugin.id, 'active')) ?? plugin;
      const caps = plugin.capabilities.length ? plugin.capabilities.join(', ') : 'none';
      options.log(`Plugin: ${plugin.name} (${plugin.id}) from ${options.pluginDir}, unsigned; granted what it declares (${caps})`);
    } else {
      await installDevExamples(core, join(repoRoot, 'examples'));
      options.log(`Plugins: the bundled examples (${core.plugins.list().length}); review and activate one on the Plugins page`);
    }

    // The token keeps other local programs (and other browser profiles) from reading what the host serves.
    const token = randomBytes(24).toString('base64url');
    let appOrigin = '';
    const pluginServer: RunningServer = await startPluginServer((id) => servablePluginDir(core.plugins, id), () => appOrigin, { token });
    cleanups.push(() => pluginServer.close());
    const pluginOrigin = (id: string) => `http://${id}.localhost:${pluginServer.port}`;
    const appServer = await startAppServer(rendererDir, `http://*.localhost:${pluginServer.port}`, { token });
    cleanups.push(() => appServer.close());
    appOrigin = appServer.origin;
    const version = (JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';

    const dispatcher = createIpcDispatcher(core, {
      ...options.dialogs,
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
      await page.addInitScript({ content: "if (window === window.top) { try { localStorage.setItem('gatehouse.welcomed', '1'); } catch { /* shown instead */ } }" });
    }
    await page.goto(`${appOrigin}/${token}/index.html`);
    options.log(`Browser: ${options.browserPath}${options.headless ? ' (headless)' : ''}; content on 127.0.0.1:${appServer.port} and *.localhost:${pluginServer.port}, token-protected`);

    const reloadListeners = new Set<(ok: boolean) => void>();
    if (plugin && options.pluginDir) {
      const id = plugin.id;
      await openPluginInUi(page, plugin.name);
      const watcher = watchPluginFolder(options.pluginDir, async () => {
        const ok = await reloadPlugin(core, page, id, options.pluginDir as string, profile.staging, pluginServer.port, options.log);
        reloadListeners.forEach((listener) => listener(ok));
      });
      cleanups.push(async () => watcher.close());
      options.log(`Watching ${options.pluginDir}: a change reloads the open frame, grants kept`);
    }

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
      pluginId: plugin?.id ?? null,
      appOrigin,
      pluginOrigin,
      ports: [appServer.port, pluginServer.port],
      onReload(listener) {
        reloadListeners.add(listener);
        return () => reloadListeners.delete(listener);
      },
      closed,
      close,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Stages the folder without its signature and installs it; an update of an installed plugin keeps its grants. */
async function installUnsigned(core: HostCore, pluginDir: string, stagingDir: string): Promise<PluginInfo> {
  const staged = await stageUnsigned(pluginDir, stagingDir);
  return core.plugins.install(staged);
}

/** Selects the plugin in the sidebar, as a user would, so the run opens on it. */
async function openPluginInUi(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Plugins' })
    .getByRole('button', { name, exact: true })
    .click({ timeout: 10_000 })
    .catch(() => undefined);
}

/** Installs the folder again and reloads every open frame of the plugin; a folder that does not install is reported and the old version stays. */
async function reloadPlugin(core: HostCore, page: Page, id: string, pluginDir: string, stagingDir: string, pluginPort: number, log: (line: string) => void): Promise<boolean> {
  let info: PluginInfo;
  try {
    info = await installUnsigned(core, pluginDir, stagingDir);
  } catch (error) {
    log(`Reload refused: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
  if (info.id !== id) {
    log(`Reload refused: the manifest now names "${info.id}", not "${id}"; restart the development host for a new id.`);
    return false;
  }
  if (!info.mayAct) {
    log(`Reloaded ${info.name} ${info.version}; it now waits for consent (new capabilities) on the Plugins page.`);
    return true;
  }
  const pluginIdOf = localhostPluginUrls(pluginPort);
  const frames = page.frames().filter((frame) => frame !== page.mainFrame() && pluginIdOf(frame.url()) === id);
  // A navigation of the frame to its own URL: the same reload a plugin may do itself, checked by the guard.
  await Promise.all(frames.map((frame) => frame.goto(frame.url()).catch(() => undefined)));
  log(`Reloaded ${info.name} ${info.version} (${frames.length} open frame${frames.length === 1 ? '' : 's'})`);
  return true;
}
