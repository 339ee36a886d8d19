// URL decisions of the shell, pure so they can be tested without Electron.
import {
  isPluginFrameNavigationAllowed as isSharedNavigationAllowed,
  PLUGIN_SCHEME,
  schemePluginUrls,
  type FrameNavigation,
} from '../shared/frame-navigation';
import { parseUrl } from '../shared/parse-url';

/** The scheme that serves plugin content, one origin per plugin (defined with the navigation rule). */
export { PLUGIN_SCHEME };
/** The scheme that serves the app's own pages in a built app: `gatehouse-app://app/...`. */
export const APP_SCHEME = 'gatehouse-app';
export const APP_HOST = 'app';

/**
 * `scheme://host[:port]` of a URL, or null. Unlike `URL.origin` it also works for our registered custom
 * schemes, which the WHATWG parser treats as opaque while Chromium gives them tuple origins.
 */
export function originOf(raw: string | null | undefined): string | null {
  const url = parseUrl(raw);
  return url?.host ? `${url.protocol}//${url.host}` : null;
}

/** The plugin id a plugin-content URL belongs to, or null when it is not one. */
export function pluginIdOfUrl(raw: string | null | undefined, pluginScheme = PLUGIN_SCHEME): string | null {
  return schemePluginUrls(pluginScheme)(raw);
}

export type { FrameNavigation } from '../shared/frame-navigation';

/** The shared navigation rule (src/shared/frame-navigation.ts) over the app's plugin scheme. */
export function isPluginFrameNavigationAllowed(nav: FrameNavigation, isServable: (pluginId: string) => boolean): boolean {
  return isSharedNavigationAllowed(nav, isServable, (raw) => pluginIdOfUrl(raw));
}

/**
 * The URL to hand to the OS browser, or null: only `https:` links, parsed by the URL parser, without
 * embedded credentials, re-serialized so the OS sees exactly what was checked.
 */
export function externalLinkTarget(raw: string): string | null {
  const url = parseUrl(raw);
  if (!url || url.protocol !== 'https:' || !url.hostname || url.username || url.password) return null;
  return url.href;
}

/** How recent a user input must be for a link to count as the user's click (Chromium's activation is similar). */
export const USER_GESTURE_WINDOW_MS = 1000;

const GESTURE_INPUTS = new Set(['mouseDown', 'mouseUp', 'keyDown', 'rawKeyDown', 'char', 'gestureTap', 'touchEnd', 'pointerUp']);

/** Remembers when the user last clicked or typed in a window; window.open counts only right after that. */
export function createUserGestureTracker(now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  return {
    note(inputType: string): void {
      if (GESTURE_INPUTS.has(inputType)) last = now();
    },
    /** True once per gesture: a click opens at most one link. */
    consume(): boolean {
      const recent = now() - last <= USER_GESTURE_WINDOW_MS;
      last = Number.NEGATIVE_INFINITY;
      return recent;
    },
  };
}
