import { join } from 'node:path';
import { group, leaves, type ToolGrammar } from './tool-grammar';

/** terraform: Go flag syntax (`-name=value`), only `-chdir`, help and version before the subcommand. */
export const terraformGrammar: ToolGrammar = {
  tool: 'terraform',
  style: 'go',
  clusterShortGlobals: false,
  abbreviatesLongOptions: false,
  persistentGlobals: false,
  globalOptions: [
    { names: ['-chdir'], takesValue: true, valueNeedsEquals: true, path: true, chdir: true },
    { names: ['-help', '-h'], takesValue: false },
    { names: ['-version', '-v'], takesValue: false },
  ],
  root: {
    children: {
      ...leaves(
        'init validate plan apply destroy console fmt force-unlock get graph import login logout modules output refresh show taint test untaint version',
      ),
      metadata: group('functions'),
      providers: group('lock mirror schema', {}, true),
      state: group('identities list mv pull push replace-provider rm show'),
      workspace: group('delete list new select show'),
    },
  },
  canonicalPrefixes: [],
  valueOptions: ['-var', '-target', '-replace', '-lock-timeout', '-parallelism', '-lockfile', '-platform', '-filter'],
  pathOptions: [
    { flag: '-var-file' },
    { flag: '-out' },
    { flag: '-state' },
    { flag: '-state-out' },
    { flag: '-backup' },
    { flag: '-plugin-dir' },
    { flag: '-backend-config' },
    { flag: '-generate-config-out' },
    { flag: '-test-directory' },
    { flag: '-plan' },
    { flag: '-fs-mirror' },
    // A module source: a registry or remote address, or a local folder that must lie inside the roots.
    { flag: '-from-module', accepts: 'path-or-remote' },
  ],
  deniedFlags: [],
  deniedArguments: [],
  // TF_CLI_ARGS* add arguments the argument rules never saw; the others move config, plugins or logs.
  isForbiddenEnvKey: (key) =>
    key.startsWith('TF_CLI_') ||
    key === 'TF_PLUGIN_CACHE_DIR' ||
    key === 'TF_DATA_DIR' ||
    key === 'TF_LOG_PATH' ||
    key === 'TF_REATTACH_PROVIDERS',
  hostEnv: {},
  // `fmt [path...]`, `show [path]`, `apply [planfile]`; addresses and ids elsewhere never name host files,
  // but a path-like one is checked all the same.
  operands: [
    ...['import', 'state', 'taint', 'untaint', 'workspace', 'force-unlock', 'output', 'providers lock'].map((subcommand) => ({
      subcommand,
      kinds: [],
      rest: 'word' as const,
    })),
  ],
  defaultOperand: 'path',
  foldsWordSeparators: false,
  // Providers run from .terraform/ and terraform.d/ in the working folder, and from ~/.terraform.d.
  codeLoading: {
    workingFolder: (path) => !(path.length === 0 || ['fmt', 'version'].includes(path[0] as string)),
    configPaths: (home) => [join(home, '.terraformrc'), join(home, '.terraform.d')],
    codeOptions: ['-plugin-dir'],
    neutralized: false,
  },
};
