// Defaults that hold for every web contents and session: no permissions, no webviews, no downloads,
// no windows, no top-level navigation. The app window adds its own narrower rules in window.ts.
import { app, session } from 'electron';

/** Denies every permission request and check, device access and download, in the default session. */
export function denyAllPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
}

/**
 * Any web contents ever created (the app window included, before window.ts adds its own rules) gets no
 * webview, no new windows and no main-frame navigation.
 */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
  });
}
