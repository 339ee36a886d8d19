// What a backend may read is its bundle folder, but Node's permission model follows a symbolic link out of
// it (documented), and the OS sandbox shows the root filesystem read-only: one link in the folder would be
// a read of /etc, /mnt or any file the user can read. A signed bundle cannot hold a link (its copy is
// made without any); a developer-mode folder is served as it is on disk. So before every start, whichever
// launcher runs it, the folder must hold only regular files and folders, within the bundle limits.
import { realpath } from 'node:fs/promises';
import { isDisplayText, isPluginBundleError, walkBundle } from '@gatehouse/plugin-sdk/node';

/** Why a backend may not start from this folder (stable code and words), or null when it may. */
export async function backendBundleProblem(bundleDir: string): Promise<{ code: 'BACKEND_BUNDLE_UNSAFE'; reason: string } | null> {
  try {
    await walkBundle(await realpath(bundleDir));
    return null;
  } catch (error) {
    // A file name is the plugin's text: named only when it is plain text.
    const named = isPluginBundleError(error) ? error.detail.path : undefined;
    const path = typeof named === 'string' && named.length <= 200 && isDisplayText(named) ? ` (${named})` : '';
    const what = error instanceof Error ? error.message : String(error);
    return { code: 'BACKEND_BUNDLE_UNSAFE', reason: `the backend's bundle folder cannot be shown to it: ${what}${path}` };
  }
}
