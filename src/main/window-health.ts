// What the app does when its window fails: a page that did not load, a renderer that crashed or hangs,
// a preload that threw. Each case is logged without page content and told to the user in a dialog that
// offers the one sensible next step; the app never keeps running a window without its host API.
import { app, dialog, type BrowserWindow } from 'electron';

/** Watches one app window; `reload` loads the start URL again (the main frame never navigates by itself). */
export function watchWindowHealth(window: BrowserWindow, reload: () => void): void {
  const contents = window.webContents;

  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    // ERR_ABORTED (-3) is a navigation the app itself refused (a plugin frame leaving its origin).
    if (!isMainFrame || errorCode === -3) return;
    console.error(`Gatehouse window failed to load ${validatedURL}: ${errorDescription} (${errorCode})`);
    const choice = dialog.showMessageBoxSync(window, {
      type: 'error',
      title: 'Gatehouse',
      message: 'Gatehouse could not load its window.',
      detail: `${errorDescription} (${errorCode})`,
      buttons: ['Try again', 'Quit'],
      defaultId: 0,
      cancelId: 1,
    });
    if (choice === 0) reload();
    else app.quit();
  });

  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    console.error(`Gatehouse window renderer gone: ${details.reason} (exit code ${details.exitCode})`);
    if (window.isDestroyed()) return;
    const choice = dialog.showMessageBoxSync(window, {
      type: 'error',
      title: 'Gatehouse',
      message: 'The Gatehouse window stopped working.',
      detail: `Reason: ${details.reason}.`,
      buttons: ['Reload', 'Quit'],
      defaultId: 0,
      cancelId: 1,
    });
    if (choice === 0) reload();
    else app.quit();
  });

  window.on('unresponsive', () => {
    console.error('Gatehouse window is not responding');
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      title: 'Gatehouse',
      message: 'The Gatehouse window is not responding.',
      buttons: ['Wait', 'Reload'],
      defaultId: 0,
      cancelId: 0,
    });
    if (choice === 1) reload();
  });

  // Without its preload the window has no host API: say so and quit rather than show a broken app.
  contents.on('preload-error', (_event, preloadPath, error) => {
    console.error(`Gatehouse preload ${preloadPath} failed: ${error.message}`);
    dialog.showErrorBox('Gatehouse could not start', `The window's bridge to the host failed to load: ${error.message}`);
    app.quit();
  });
}

/** A packaged build never shows DevTools, however they were asked for. */
export function refuseDevTools(window: BrowserWindow): void {
  window.webContents.on('devtools-opened', () => window.webContents.closeDevTools());
}
