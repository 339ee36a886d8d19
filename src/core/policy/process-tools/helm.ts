import { join } from 'node:path';
import { group, leaves, type ToolGrammar } from './tool-grammar';

const ALLOWED_HELM_ENV = new Set(['HELM_NAMESPACE', 'HELM_KUBECONTEXT', 'HELM_DRIVER', 'HELM_MAX_HISTORY', 'HELM_DEBUG']);

/** helm: cobra persistent flags; unknown top-level words are helm plugins and are never run. */
export const helmGrammar: ToolGrammar = {
  tool: 'helm',
  style: 'gnu',
  clusterShortGlobals: true,
  abbreviatesLongOptions: false,
  persistentGlobals: true,
  globalOptions: [
    { names: ['-n', '--namespace'], takesValue: true },
    { names: ['--kube-context'], takesValue: true },
    { names: ['--kubeconfig'], takesValue: true, path: true, denied: true },
    { names: ['--burst-limit'], takesValue: true },
    { names: ['--qps'], takesValue: true },
    { names: ['--kube-apiserver'], takesValue: true, denied: true },
    { names: ['--kube-as-user'], takesValue: true, denied: true },
    { names: ['--kube-as-group'], takesValue: true, denied: true },
    { names: ['--kube-ca-file'], takesValue: true, path: true, denied: true },
    { names: ['--kube-tls-server-name'], takesValue: true, denied: true },
    { names: ['--kube-token'], takesValue: true, denied: true },
    { names: ['--kube-insecure-skip-tls-verify'], takesValue: false, denied: true },
    { names: ['--registry-config'], takesValue: true, path: true, denied: true },
    { names: ['--repository-cache'], takesValue: true, path: true },
    { names: ['--repository-config'], takesValue: true, path: true, denied: true },
    { names: ['--content-cache'], takesValue: true, path: true },
    { names: ['--color', '--colour'], takesValue: true },
    { names: ['--debug'], takesValue: false },
    { names: ['-h', '--help'], takesValue: false },
  ],
  root: {
    children: {
      ...leaves('create env help history install lint list package pull push rollback status template test uninstall upgrade verify version'),
      completion: group('bash fish powershell zsh'),
      dependency: group('build list update', { ls: 'list', up: 'update' }),
      get: group('all hooks manifest metadata notes values'),
      plugin: group('install list package uninstall update verify', { add: 'install', ls: 'list', rm: 'uninstall', remove: 'uninstall', up: 'update' }),
      registry: group('login logout'),
      repo: group('add index list remove update', { ls: 'list', rm: 'remove', up: 'update' }),
      search: group('hub repo'),
      show: group('all chart crds readme values'),
    },
    aliases: { dep: 'dependency', dependencies: 'dependency', hist: 'history', ls: 'list', fetch: 'pull', inspect: 'show', un: 'uninstall', delete: 'uninstall', del: 'uninstall' },
  },
  canonicalPrefixes: [],
  valueOptions: [
    '-o', '--output', '--set', '--set-string', '--set-json', '--set-literal', '--version', '--repo', '--timeout', '--description', '--max', '--revision',
    '--filter', '-l', '--selector', '--labels', '--kube-version', '--name-template', '--history-max', '--username', '--password',
    { flag: '-s', subcommand: 'template' },
    { flag: '--show-only', subcommand: 'template' },
  ],
  pathOptions: [
    { flag: '-f' },
    { flag: '--values' },
    { flag: '--ca-file' },
    { flag: '--cert-file' },
    { flag: '--key-file' },
    { flag: '--keyring' },
    { flag: '--output-dir' },
    { flag: '--untardir' },
    { flag: '-d', subcommand: 'package' },
    { flag: '-d', subcommand: 'pull' },
    { flag: '--destination' },
    { flag: '--set-file', form: 'keyed-list' },
  ],
  // A post-renderer is an executable helm runs on the rendered manifests.
  deniedFlags: ['--post-renderer', '--post-renderer-args', '--pass-credentials'],
  deniedArguments: [],
  // HELM_PLUGINS and the *_HOME keys move helm's plugin folder, whose plugins helm runs.
  isForbiddenEnvKey: (key) => key === 'KUBECONFIG' || (key.startsWith('HELM_') && !ALLOWED_HELM_ENV.has(key)),
  hostEnv: {},
  // Charts are folders, archives or `oci://` / `https://` references; a repo/chart name passes as a path inside the folder.
  operands: [],
  defaultOperand: 'path-or-remote',
  foldsWordSeparators: true,
  // The kubeconfig (exec credential plugins), helm's plugins (downloaders run for chart URLs) and its repository config.
  codeLoading: {
    workingFolder: () => false,
    configPaths: (home) => [join(home, '.kube'), join(home, '.config', 'helm'), join(home, '.local', 'share', 'helm'), join(home, '.cache', 'helm')],
    codeOptions: [],
    neutralized: false,
  },
};
