// `will-frame-navigate` for a browser the app drives (the browser suite and the development host): every
// navigation of a frame below the app's main frame is checked with the rule the shell enforces
// (src/shared/frame-navigation.ts), so both run what ships.
import type { Page } from 'playwright-core';
import { isPluginFrameNavigationAllowed, localhostPluginUrls } from '../shared/frame-navigation';

export interface NavigationRecord {
  /** Frame navigations refused, as `current -> target`. */
  blocked: string[];
}

/** Installs the guard on `page`; plugin content is served at `http://<id>.localhost:<pluginPort>`. */
export async function guardFrameNavigation(
  page: Page,
  pluginPort: number,
  isServable: (pluginId: string) => boolean,
): Promise<NavigationRecord> {
  const record: NavigationRecord = { blocked: [] };
  const pluginIdOf = localhostPluginUrls(pluginPort);
  await page.route('**/*', async (route, request) => {
    if (!request.isNavigationRequest()) return route.fallback();
    const frame = request.frame();
    if (frame === page.mainFrame()) return route.fallback();
    // Playwright does not say who started a navigation. As the shell does without an initiator, a
    // navigation of a direct child of the app's document counts as the app's own; the rule only lets
    // that point an empty frame at a plugin.
    const nav = { target: request.url(), current: frame.url(), initiatedByApp: frame.parentFrame() === page.mainFrame() };
    if (isPluginFrameNavigationAllowed(nav, isServable, pluginIdOf)) return route.fallback();
    record.blocked.push(`${nav.current || 'about:blank'} -> ${nav.target}`);
    return route.abort('blockedbyclient');
  });
  return record;
}
