import { readFile } from 'node:fs/promises';

/** The file name of the SDK's browser build, as the README and the examples copy it into a plugin folder. */
export const SDK_BROWSER_BUILD_NAME = 'gatehouse-plugin-sdk.global.js';

// src/node/lint and dist/node/lint both sit three folders below the package root.
const OWN_BUILD = new URL('../../../dist/gatehouse-plugin-sdk.global.js', import.meta.url);

/** True for a path whose last component is the SDK's browser build name. */
export function isSdkBrowserBuildPath(path: string): boolean {
  return path === SDK_BROWSER_BUILD_NAME || path.endsWith(`/${SDK_BROWSER_BUILD_NAME}`);
}

/** This package's own browser build, or null where it is not built (a source checkout before `build`). */
export async function readOwnBrowserBuild(): Promise<string | null> {
  return readFile(OWN_BUILD, 'utf8').catch(() => null);
}
