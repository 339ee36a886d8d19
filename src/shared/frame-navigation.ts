// Where a plugin frame may go, as one pure rule: the shell enforces it in `will-frame-navigate`, the
// browser suite's harness enforces the very same function on its Chromium, and the renderer uses the
// URL reading to hand a port only to a frame it pointed at its own plugin.
import { parseUrl as parse } from './parse-url';

/** The scheme that serves plugin content in the app, one origin per plugin: `gatehouse-plugin://<plugin-id>/...`. */
export const PLUGIN_SCHEME = 'gatehouse-plugin';

/** Reads the plugin id out of a plugin-content URL, or null when the URL is not one. */
export type PluginIdOfUrl = (raw: string | null | undefined) => string | null;

/** The app's form, `<scheme>://<plugin-id>/...`: one origin per plugin on a custom scheme. */
export function schemePluginUrls(scheme: string): PluginIdOfUrl {
  return (raw) => {
    const url = parse(raw);
    if (!url || url.protocol !== `${scheme}:` || !url.hostname || url.username || url.password || url.port) return null;
    return url.hostname;
  };
}

/** The browser suite's form, `http://<plugin-id>.localhost:<port>/...`, where Chromium gives each plugin its own origin. */
export function localhostPluginUrls(port: number): PluginIdOfUrl {
  return (raw) => {
    const url = parse(raw);
    if (!url || url.protocol !== 'http:' || url.port !== String(port) || url.username || url.password) return null;
    const match = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.localhost$/.exec(url.hostname);
    return match?.[1] ?? null;
  };
}

export interface FrameNavigation {
  /** Where the frame wants to go. */
  target: string;
  /** The URL the frame shows now ('' or about:blank before its first load). */
  current: string | null;
  /** True when the app's own main frame started this navigation. */
  initiatedByApp: boolean;
}

/**
 * A plugin frame stays on its own origin: the app may point an empty frame at a plugin URL, a frame
 * showing a plugin may move only within that plugin, and nothing else navigates.
 */
export function isPluginFrameNavigationAllowed(
  nav: FrameNavigation,
  isServable: (pluginId: string) => boolean,
  pluginIdOf: PluginIdOfUrl,
): boolean {
  const targetId = pluginIdOf(nav.target);
  if (targetId === null || !isServable(targetId)) return false;
  const currentId = pluginIdOf(nav.current);
  if (currentId !== null) return currentId === targetId;
  const blank = !nav.current || nav.current === 'about:blank';
  return blank && nav.initiatedByApp;
}

/**
 * True when a frame location the host handed out belongs to `pluginId` in either form above (the renderer
 * cannot know whether it runs in the app or in the browser suite, and both forms name the plugin alike).
 */
export function isOwnPluginFrameUrl(pluginId: string, frame: { url: string; origin: string }): boolean {
  const url = parse(frame.url);
  if (!url) return false;
  const id = url.protocol === 'http:' ? localhostPluginUrls(Number(url.port))(frame.url) : schemePluginUrls(PLUGIN_SCHEME)(frame.url);
  return id === pluginId && `${url.protocol}//${url.host}` === frame.origin;
}
