// The Electron shell: one boot sequence, one concern per step, the window last.
import { app, dialog, Menu, session, type BrowserWindow } from 'electron';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPlatformHostsElevation } from '../core/hosts/hosts-elevation';
import { createHostCore, createInteractivePrompter, type HostCore } from '../core/index';
import { createElectronClipboard } from './adapters/electron-clipboard';
import { createElectronDialogs } from './adapters/electron-dialogs';
import { createUtilityBackendLauncher } from './adapters/utility-backend-launcher';
import { createConfSettings } from '../host/conf-settings';
import { packagedMenuTemplate } from './app-menu';
import { appCsp } from '../host/app-csp';
import { CLOSE_TIMEOUT_MS, settleWithin } from '../host/bounded-wait';
import { DEV_BUILD, DEVELOPMENT_PUBLISHER } from './build-constants';
import { registerPrivilegedSchemes, serveAppContent, servePluginContent } from './content-protocols';
import { DEBUG_SWITCHES, debugSwitchesIn } from '../host/debug-switches';
import { installDevExamples } from '../host/dev-examples';
import { denyAllPermissions, hardenAllWebContents } from './hardening';
import { createIpcDispatcher } from '../host/ipc-dispatcher';
import { wireIpc } from './ipc-wiring';
import { lockDownNetwork } from './network-lockdown';
import { servablePluginDir } from '../host/plugin-content';
import { resolveShellMode, unpackagedUserDataPath, type ShellMode } from '../host/shell-mode';
import { APP_HOST, APP_SCHEME, PLUGIN_SCHEME, originOf } from '../host/url-policy';
import { createAppWindow } from './window';
import { developPluginDir } from '../host/develop-plugin-args';
import { startPluginDevelopment } from '../host/plugin-development';
import { reloadPluginFrames } from './plugin-development-frames';
import { refuseDevTools, watchWindowHealth } from './window-health';

const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

/** What this run is, fixed before anything else happens. */
interface Shell {
  mode: ShellMode;
  appOrigin: string;
  startUrl: string;
  csp: string;
}

function describeShell(mode: ShellMode): Shell {
  const appOrigin = mode.rendererUrl ? (originOf(mode.rendererUrl) as string) : `${APP_SCHEME}://${APP_HOST}`;
  const startUrl = mode.rendererUrl ?? `${APP_SCHEME}://${APP_HOST}/index.html`;
  const csp = appCsp({ pluginFrameSource: `${PLUGIN_SCHEME}:`, ...(mode.rendererUrl ? { devServerOrigin: appOrigin } : {}) });
  return { mode, appOrigin, startUrl, csp };
}

let mainWindow: BrowserWindow | null = null;
const currentWindow = (): BrowserWindow | null => mainWindow;

/**
 * An unpackaged run keeps its own profile beside the packaged app's, so nothing it writes (settings,
 * plugins, audit) is ever read by a packaged build. Runs before anything reads userData.
 */
function setupProfile(): void {
  if (!app.isPackaged) app.setPath('userData', unpackagedUserDataPath(app.getPath('appData'), app.getName()));
}

/** A packaged build does not start with a debugger switch: remote debugging has no fuse to turn it off. */
function refuseDebugSwitches(): void {
  if (!app.isPackaged) return;
  const found = new Set([...debugSwitchesIn(process.argv), ...DEBUG_SWITCHES.filter((name) => app.commandLine.hasSwitch(name))]);
  if (found.size > 0)
    throw new Error(`Gatehouse does not start with debugging switches (${[...found].map((name) => `--${name}`).join(', ')}).`);
}

/** A second launch focuses the running window instead of starting another host on the same data. */
function setupSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  return true;
}

/** Every renderer is sandboxed, and the app's own pages carry the app CSP however they are served. */
function setupSecurityDefaults(shell: Shell): void {
  app.enableSandbox();
  registerPrivilegedSchemes();
  hardenAllWebContents();
  lockDownNetwork({ schemes: [APP_SCHEME, PLUGIN_SCHEME], devServerUrl: shell.mode.rendererUrl ?? undefined });
}

/** A packaged build gets a small menu of its own: no reload, no DevTools. */
function setupMenu(): void {
  if (app.isPackaged) Menu.setApplicationMenu(Menu.buildFromTemplate(packagedMenuTemplate(process.platform, app.getName())));
}

function setupAppCsp(shell: Shell): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    if (originOf(details.url) !== shell.appOrigin) return callback({});
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [shell.csp], 'X-Content-Type-Options': ['nosniff'] },
    });
  });
}

async function setupHostCore(shell: Shell): Promise<{ core: HostCore; prompter: ReturnType<typeof createInteractivePrompter> }> {
  const userData = app.getPath('userData');
  const pluginsDir = join(userData, 'plugins');
  await mkdir(pluginsDir, { recursive: true });
  const prompter = createInteractivePrompter();
  const { devMode } = shell.mode;
  const hostsElevation = createPlatformHostsElevation();
  const core = await createHostCore({
    dataDir: join(userData, 'data'),
    pluginsDir,
    settings: createConfSettings(userData),
    clipboard: createElectronClipboard(),
    prompter,
    devMode,
    homeDir: app.getPath('home'),
    // The development key is trusted in memory by a development run and never by any other build.
    ...(devMode ? { builtInPublishers: [DEVELOPMENT_PUBLISHER] } : { neverTrustedPublisherKeys: [DEVELOPMENT_PUBLISHER.publicKey] }),
    ...(hostsElevation ? { hostsElevation } : {}),
    backendLauncher: createUtilityBackendLauncher(),
  });
  if (devMode) await installDevExamples(core, examplesDir);
  return { core, prompter };
}

function setupContent(shell: Shell, core: HostCore): void {
  if (!shell.mode.rendererUrl) serveAppContent(rendererDir, shell.csp);
  servePluginContent(core, shell.appOrigin);
}

function setupIpc(shell: Shell, core: HostCore, prompter: ReturnType<typeof createInteractivePrompter>): void {
  const dialogs = createElectronDialogs(currentWindow);
  const dispatcher = createIpcDispatcher(core, {
    chooseFolder: dialogs.chooseFolder,
    chooseFile: dialogs.chooseFile,
    chooseSavePath: dialogs.chooseSavePath,
    archiveStagingDir: join(app.getPath('userData'), 'data', 'archive-staging'),
    pluginFrame: (pluginId, entry) => ({ url: `${PLUGIN_SCHEME}://${pluginId}/${entry}`, origin: `${PLUGIN_SCHEME}://${pluginId}` }),
    appInfo: () => ({ version: app.getVersion(), platform: process.platform, devMode: shell.mode.devMode }),
    prompter,
  });
  wireIpc(dispatcher, currentWindow, shell.appOrigin);
}

function setupLifecycle(core: HostCore): void {
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    // Pending confirmations are cancelled and the audit log is closed before the process exits, but a
    // close that hangs (a stuck disk, a wedged keychain) does not keep the app from quitting.
    event.preventDefault();
    closed = true;
    void settleWithin(core.close(), CLOSE_TIMEOUT_MS).then((outcome) => {
      if (outcome === 'timed-out') console.error(`Gatehouse: the host did not close within ${CLOSE_TIMEOUT_MS} ms; quitting anyway.`);
      app.quit();
    });
  });
}

/**
 * `npm start -- --develop-plugin <dir>`: the plugin loaded unsigned from its folder, watched, its frame
 * reloaded on every change with its grants kept. Development runs only (developPluginDir refuses otherwise).
 */
async function setupPluginDevelopment(core: HostCore, dir: string): Promise<void> {
  const development = await startPluginDevelopment({
    core,
    dir,
    stagingDir: join(app.getPath('userData'), 'data', 'develop-plugin'),
    reloadFrames: async (pluginId) => reloadPluginFrames(mainWindow?.webContents ?? null, pluginId),
    log: (line) => console.log(`Gatehouse --develop-plugin: ${line}`),
  });
  app.on('will-quit', () => development.close());
}

function createWindow(shell: Shell, core: HostCore): void {
  const window = createAppWindow({
    preloadPath,
    startUrl: shell.startUrl,
    appOrigin: shell.appOrigin,
    devTools: !app.isPackaged,
    isServablePlugin: (pluginId) => servablePluginDir(core.plugins, pluginId) !== null,
  });
  mainWindow = window;
  watchWindowHealth(window, () => void window.loadURL(shell.startUrl));
  if (app.isPackaged) refuseDevTools(window);
  window.on('closed', () => {
    mainWindow = null;
  });
}

async function boot(): Promise<void> {
  setupProfile();
  refuseDebugSwitches();
  const shell = describeShell(
    resolveShellMode({ devBuild: DEV_BUILD, isPackaged: app.isPackaged, rendererUrl: process.env.ELECTRON_RENDERER_URL }),
  );
  // Read before anything starts, so a refused --develop-plugin stops the run with its reason.
  const developDir = developPluginDir(process.argv, { devMode: shell.mode.devMode, cwd: process.cwd() });
  if (!setupSingleInstance()) return;
  setupSecurityDefaults(shell);
  await app.whenReady();
  setupMenu();
  denyAllPermissions();
  setupAppCsp(shell);
  const { core, prompter } = await setupHostCore(shell);
  setupContent(shell, core);
  setupIpc(shell, core, prompter);
  setupLifecycle(core);
  if (developDir) await setupPluginDevelopment(core, developDir);
  createWindow(shell, core);
}

boot().catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  console.error('Gatehouse failed to start:', reason);
  // showErrorBox works before and after `ready`, and blocks until the user has read it.
  dialog.showErrorBox('Gatehouse could not start', reason);
  app.exit(1);
});
