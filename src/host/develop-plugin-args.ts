// `--develop-plugin <dir>`: the app's plugin development run, like VS Code's extension development host.
// Pure (no electron import), so the parsing is tested under Node; main only passes process.argv in.
import { isAbsolute, resolve } from 'node:path';

export const DEVELOP_PLUGIN_SWITCH = '--develop-plugin';

/** A refused `--develop-plugin`: missing folder, given twice, or not a development run. */
export class DevelopPluginArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DevelopPluginArgsError';
  }
}

/**
 * The folder named by `--develop-plugin <dir>` or `--develop-plugin=<dir>` (absolute, resolved against
 * `cwd`), or null when the switch is absent. Outside developer mode (a packaged app, or a production
 * build) the switch is refused outright rather than ignored, so nobody believes an unsigned plugin loaded.
 */
export function developPluginDir(argv: readonly string[], options: { devMode: boolean; cwd: string }): string | null {
  const found: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === DEVELOP_PLUGIN_SWITCH) {
      const value = argv[i + 1];
      if (value === undefined || value === '' || value.startsWith('--'))
        throw new DevelopPluginArgsError(`${DEVELOP_PLUGIN_SWITCH} needs a plugin folder: ${DEVELOP_PLUGIN_SWITCH} <dir>.`);
      found.push(value);
      i += 1;
    } else if (arg.startsWith(`${DEVELOP_PLUGIN_SWITCH}=`)) {
      const value = arg.slice(DEVELOP_PLUGIN_SWITCH.length + 1);
      if (value === '') throw new DevelopPluginArgsError(`${DEVELOP_PLUGIN_SWITCH} needs a plugin folder: ${DEVELOP_PLUGIN_SWITCH} <dir>.`);
      found.push(value);
    }
  }
  if (found.length === 0) return null;
  if (found.length > 1)
    throw new DevelopPluginArgsError(`${DEVELOP_PLUGIN_SWITCH} is given ${found.length} times; develop one plugin per run.`);
  if (!options.devMode) {
    throw new DevelopPluginArgsError(
      `${DEVELOP_PLUGIN_SWITCH} works only in a development run (npm start), never in a packaged Gatehouse: it loads a plugin unsigned.`,
    );
  }
  const dir = found[0] as string;
  return isAbsolute(dir) ? resolve(dir) : resolve(options.cwd, dir);
}
