// The one app window: isolated, sandboxed, no Node, and it never leaves the app or lets a plugin frame wander.
import { BrowserWindow, shell } from 'electron';
import { createUserGestureTracker, externalLinkTarget, isPluginFrameNavigationAllowed, originOf } from '../host/url-policy';

export interface AppWindowOptions {
  preloadPath: string;
  /** What the window loads: the dev server in development, `gatehouse-app://app/index.html` otherwise. */
  startUrl: string;
  appOrigin: string;
  /** DevTools can be opened at all: only in an unpackaged run. */
  devTools: boolean;
  /** True for plugins whose content may be framed (active and available). */
  isServablePlugin(pluginId: string): boolean;
}

/** Creates the window with the hardened web preferences and its navigation rules, then loads the app. */
export function createAppWindow(options: AppWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Gatehouse',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  });
  const contents = window.webContents;

  // The main frame never navigates; the app is a single page loaded programmatically.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => {
    if (
      event.isMainFrame ||
      !isPluginFrameNavigationAllowed(
        { target: event.url, current: event.frame?.url ?? null, initiatedByApp: false },
        options.isServablePlugin,
      )
    ) {
      event.preventDefault();
    }
  });
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) {
      event.preventDefault();
      return;
    }
    const isAppMainFrame = (frame: Electron.WebFrameMain | null | undefined): boolean =>
      !!frame &&
      frame.parent === null &&
      frame.processId === contents.mainFrame.processId &&
      frame.routingId === contents.mainFrame.routingId &&
      originOf(frame.url) === options.appOrigin;
    // Without a known initiator, a frame that is a direct child of the app's document counts as the app's own.
    const initiator = event.initiator ?? null;
    const initiatedByApp = initiator ? isAppMainFrame(initiator) : isAppMainFrame(event.frame?.parent);
    const allowed = isPluginFrameNavigationAllowed(
      { target: event.url, current: event.frame?.url ?? null, initiatedByApp },
      options.isServablePlugin,
    );
    if (!allowed) event.preventDefault();
  });

  // Plugin frames cannot open windows at all (their sandbox has no allow-popups), so only our renderer
  // reaches this handler; it opens https links externally, and only right after a real click or key press
  // in this window, as observed by main through input-event (the renderer cannot fake those).
  const gestures = createUserGestureTracker();
  contents.on('input-event', (_event, input) => gestures.note(input.type));
  contents.setWindowOpenHandler(({ url }) => {
    const target = externalLinkTarget(url);
    if (target !== null && gestures.consume()) void shell.openExternal(target);
    return { action: 'deny' };
  });

  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.startUrl);
  return window;
}
