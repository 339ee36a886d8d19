// The plugin under development, shared by the browser development host and the app's --develop-plugin run:
// load it unsigned from its folder, grant what it declares and activate it; on every change install the
// copy again (grants kept, as for any update that asks for nothing new) and have the shell reload its frames.
import type { HostCore } from '../core/host-core-types';
import type { PluginInfo } from '../shared/plugin-info';
import { findPluginFolder, stageUnsigned } from './stage-unsigned';
import { watchPluginFolder } from './watch-plugin';

export interface PluginDevelopmentOptions {
  core: HostCore;
  /** The folder the author named: the plugin folder itself, or a project whose plugin/ or dist/ holds it. */
  dir: string;
  /** A private folder for the unsigned copy; the previous copy is replaced on every load. */
  stagingDir: string;
  /** The shell's part: reload every open frame of this plugin; answers how many it reloaded. */
  reloadFrames(pluginId: string): Promise<number>;
  log(line: string): void;
  /** For tests: watch nothing, reloads come only from reload(). */
  watch?: boolean;
}

export interface PluginDevelopment {
  plugin: PluginInfo;
  /** The folder holding manifest.json that is watched. */
  pluginDir: string;
  /** Installs the folder again now and reloads the frames; false when the folder did not install. */
  reload(): Promise<boolean>;
  /** Called after each reload, true when it took effect. */
  onReload(listener: (ok: boolean) => void): () => void;
  close(): void;
}

/** Stages the folder without its signature and installs it; an update of an installed plugin keeps its grants. */
export async function installUnsigned(core: HostCore, pluginDir: string, stagingDir: string): Promise<PluginInfo> {
  return core.plugins.install(await stageUnsigned(pluginDir, stagingDir));
}

/** Loads the plugin, activates it with what it declares granted, and watches its folder. Developer mode only. */
export async function startPluginDevelopment(options: PluginDevelopmentOptions): Promise<PluginDevelopment> {
  const { core, stagingDir, log } = options;
  const pluginDir = await findPluginFolder(options.dir);
  if (!pluginDir) throw new Error(`No manifest.json in ${options.dir} (nor in its plugin/ or dist/ folder).`);
  let plugin = await installUnsigned(core, pluginDir, stagingDir);
  // The author runs their own plugin: it gets what it declares, and the Plugins page can take any of it back.
  await core.plugins.setGrants(plugin.id, plugin.capabilities);
  plugin = (await core.plugins.setStatus(plugin.id, 'active')) ?? plugin;
  const id = plugin.id;
  log(`Plugin: ${plugin.name} (${id}) from ${pluginDir}, unsigned; granted what it declares (${plugin.capabilities.join(', ') || 'none'})`);

  const listeners = new Set<(ok: boolean) => void>();
  const reload = async (): Promise<boolean> => {
    let ok: boolean;
    try {
      const info = await installUnsigned(core, pluginDir, stagingDir);
      if (info.id !== id) {
        log(`Reload refused: the manifest now names "${info.id}", not "${id}"; restart for a new id.`);
        ok = false;
      } else if (!info.mayAct) {
        log(`Reloaded ${info.name} ${info.version}; it now waits for consent (new capabilities) on the Plugins page.`);
        ok = true;
      } else {
        const frames = await options.reloadFrames(id);
        log(`Reloaded ${info.name} ${info.version} (${frames} open frame${frames === 1 ? '' : 's'})`);
        ok = true;
      }
    } catch (error) {
      log(`Reload refused: ${error instanceof Error ? error.message : String(error)}`);
      ok = false;
    }
    listeners.forEach((listener) => listener(ok));
    return ok;
  };
  const watcher = options.watch === false ? null : watchPluginFolder(pluginDir, async () => void (await reload()));
  if (watcher) log(`Watching ${pluginDir}: a change reloads the open frame, grants kept`);
  return {
    plugin,
    pluginDir,
    reload,
    onReload(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => watcher?.close(),
  };
}
