// The Electron shell: one boot sequence, one concern per step, the window last.
import { app, session, type BrowserWindow } from 'electron';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPlatformHostsElevation } from '../core/hosts/hosts-elevation';
import { createHostCore, createInteractivePrompter, type HostCore } from '../core/index';
import { createElectronClipboard } from './adapters/electron-clipboard';
import { createElectronDialogs } from './adapters/electron-dialogs';
import { createElectronSettings } from './adapters/electron-settings';
import { appCsp } from './app-csp';
import { registerPrivilegedSchemes, serveAppContent, servePluginContent } from './content-protocols';
import { installDevExamples, readDevelopmentPublisher } from './dev-examples';
import { denyAllPermissions, hardenAllWebContents } from './hardening';
import { createIpcDispatcher } from './ipc-dispatcher';
import { wireIpc } from './ipc-wiring';
import { lockDownNetwork } from './network-lockdown';
import { servablePluginDir } from './plugin-content';
import { APP_HOST, APP_SCHEME, PLUGIN_SCHEME, originOf } from './url-policy';
import { createAppWindow } from './window';

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
const appOrigin = devServerUrl ? (originOf(devServerUrl) as string) : `${APP_SCHEME}://${APP_HOST}`;
const startUrl = devServerUrl ?? `${APP_SCHEME}://${APP_HOST}/index.html`;
const csp = appCsp({ pluginFrameSource: `${PLUGIN_SCHEME}:`, ...(devServerUrl ? { devServerOrigin: appOrigin } : {}) });
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));
const devMode = !app.isPackaged;

let mainWindow: BrowserWindow | null = null;
const currentWindow = (): BrowserWindow | null => mainWindow;

/** A second launch focuses the running window instead of starting another host on the same data. */
function setupSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  return true;
}

/** Every renderer is sandboxed, and the app's own pages carry the app CSP however they are served. */
function setupSecurityDefaults(): void {
  app.enableSandbox();
  registerPrivilegedSchemes();
  hardenAllWebContents();
  lockDownNetwork({ schemes: [APP_SCHEME, PLUGIN_SCHEME], devServerUrl });
}

function setupAppCsp(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    if (originOf(details.url) !== appOrigin) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp], 'X-Content-Type-Options': ['nosniff'] } });
  });
}

async function setupHostCore(): Promise<{ core: HostCore; prompter: ReturnType<typeof createInteractivePrompter> }> {
  const userData = app.getPath('userData');
  const pluginsDir = join(userData, 'plugins');
  await mkdir(pluginsDir, { recursive: true });
  const prompter = createInteractivePrompter();
  const developmentPublisher = devMode ? await readDevelopmentPublisher(examplesDir) : null;
  const hostsElevation = createPlatformHostsElevation();
  const core = await createHostCore({
    dataDir: join(userData, 'data'),
    pluginsDir,
    settings: createElectronSettings(),
    clipboard: createElectronClipboard(),
    prompter,
    devMode,
    homeDir: app.getPath('home'),
    ...(developmentPublisher ? { builtInPublishers: [developmentPublisher] } : {}),
    ...(hostsElevation ? { hostsElevation } : {}),
  });
  if (devMode) await installDevExamples(core, examplesDir);
  return { core, prompter };
}

function setupContent(core: HostCore): void {
  if (!devServerUrl) serveAppContent(rendererDir, csp);
  servePluginContent(core, appOrigin);
}

function setupIpc(core: HostCore, prompter: ReturnType<typeof createInteractivePrompter>): void {
  const dialogs = createElectronDialogs(currentWindow);
  const dispatcher = createIpcDispatcher(core, {
    chooseFolder: dialogs.chooseFolder,
    chooseFile: dialogs.chooseFile,
    chooseSavePath: dialogs.chooseSavePath,
    pluginFrame: (pluginId, entry) => ({ url: `${PLUGIN_SCHEME}://${pluginId}/${entry}`, origin: `${PLUGIN_SCHEME}://${pluginId}` }),
    appInfo: () => ({ version: app.getVersion(), platform: process.platform, devMode }),
    prompter,
  });
  wireIpc(dispatcher, currentWindow, appOrigin);
}

function setupLifecycle(core: HostCore): void {
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    // Pending confirmations are cancelled and the audit log is closed before the process exits.
    event.preventDefault();
    closed = true;
    void core.close().finally(() => app.quit());
  });
}

function createWindow(core: HostCore): void {
  mainWindow = createAppWindow({
    preloadPath,
    startUrl,
    appOrigin,
    isServablePlugin: (pluginId) => servablePluginDir(core.plugins, pluginId) !== null,
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function boot(): Promise<void> {
  if (!setupSingleInstance()) return;
  setupSecurityDefaults();
  await app.whenReady();
  denyAllPermissions();
  setupAppCsp();
  const { core, prompter } = await setupHostCore();
  setupContent(core);
  setupIpc(core, prompter);
  setupLifecycle(core);
  createWindow(core);
}

boot().catch((error: unknown) => {
  console.error('Gatehouse failed to start:', error instanceof Error ? error.message : error);
  app.exit(1);
});
