// Which kind of run this is and what it may load: decided from the build-time constant and Electron's own
// `app.isPackaged`, never from the environment alone. Pure (no electron import), so it is tested under Node.
import { join } from 'node:path';
import { parseUrl } from '../shared/parse-url';

export interface ShellModeInput {
  /** The build-time constant: true only in a bundle built with `--mode development`. */
  devBuild: boolean;
  /** Electron's `app.isPackaged`. */
  isPackaged: boolean;
  /** `ELECTRON_RENDERER_URL` as electron-vite's dev server sets it. */
  rendererUrl: string | undefined;
}

export interface ShellMode {
  /** Developer mode (unsigned local plugins, the example plugins, the development key): never in a packaged app. */
  devMode: boolean;
  /** The dev server to load the renderer from, or null to serve the built renderer. */
  rendererUrl: string | null;
}

/** Refused start-up configuration, with a reason for the start-up dialog. */
export class ShellModeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellModeError';
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server URL when it is a plain http(s) URL on a loopback host with an explicit port, else null.
 * A URL from the environment decides which code gets the app's preload API, so nothing remote qualifies.
 */
export function loopbackDevServerUrl(raw: string | undefined): string | null {
  const url = parseUrl(raw);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  if (url.username || url.password || !url.port || !LOOPBACK_HOSTS.has(url.hostname)) return null;
  return url.href;
}

/**
 * Developer mode needs both a development build and an unpackaged app; the renderer URL counts only then,
 * and a development run given a URL that is not a loopback dev server refuses to start.
 */
export function resolveShellMode(input: ShellModeInput): ShellMode {
  const devMode = input.devBuild && !input.isPackaged;
  if (!devMode || !input.rendererUrl) return { devMode, rendererUrl: null };
  const rendererUrl = loopbackDevServerUrl(input.rendererUrl);
  if (rendererUrl === null) {
    throw new ShellModeError(
      'ELECTRON_RENDERER_URL must be an http URL of a development server on this machine (localhost, 127.0.0.1 or [::1], with a port).',
    );
  }
  return { devMode, rendererUrl };
}

/**
 * The profile folder of an unpackaged run: beside the packaged app's, never the same, so nothing a
 * development run writes (settings, trusted keys, plugins) is read by a packaged build.
 */
export function unpackagedUserDataPath(appDataDir: string, appName: string): string {
  return join(appDataDir, `${appName}-dev`);
}
