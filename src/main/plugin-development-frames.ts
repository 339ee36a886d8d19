// The Electron half of `--develop-plugin`: reload the open frames of the plugin under development. The
// rest (argument, staging, watching, reinstall with grants kept) is Electron-free in src/host.
import type { WebContents } from 'electron';
import { PLUGIN_SCHEME } from '../host/url-policy';

/** Reloads every frame in `contents` served from the plugin's own origin; answers how many. */
export function reloadPluginFrames(contents: WebContents | null, pluginId: string): number {
  if (!contents || contents.isDestroyed()) return 0;
  const prefix = `${PLUGIN_SCHEME}://${pluginId}/`;
  const frames = contents.mainFrame.framesInSubtree.filter((frame) => frame !== contents.mainFrame && frame.url.startsWith(prefix));
  // The frame reloads its own URL: the same navigation a plugin may make itself, checked by the window's guards.
  for (const frame of frames) frame.reload();
  return frames.length;
}
