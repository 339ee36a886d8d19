// Where the browser suite finds the built app, its own fixtures, and where it leaves screenshots.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The built renderer; GATEHOUSE_RENDERER_DIR points the suite at another build. */
export const rendererDir = process.env.GATEHOUSE_RENDERER_DIR ?? join(repoRoot, 'out', 'renderer');
export const fixturePluginsDir = join(repoRoot, 'e2e', 'fixtures', 'plugins');
export const examplesDir = join(repoRoot, 'examples');
export const screenshotsDir = join(repoRoot, 'e2e', 'screenshots');
/** The SDK's single-file browser build that plugin folders ship next to their pages. */
export const sdkBrowserBuild =
  process.env.GATEHOUSE_SDK_BROWSER_BUILD ?? join(repoRoot, 'plugin-sdk', 'dist', 'gatehouse-plugin-sdk.global.js');
