import { join } from 'node:path';
import { group, leaves, type ToolGrammar } from './tool-grammar';

const FILENAME_COMMANDS = [
  'apply', 'create', 'delete', 'replace', 'diff', 'get', 'describe', 'label', 'annotate', 'patch', 'scale', 'wait', 'rollout', 'set', 'expose', 'autoscale', 'edit', 'auth', 'certificate', 'debug', 'exec',
];
const CONTAINER_COMMANDS = ['logs', 'exec', 'attach', 'debug', 'cp'];

/** kubectl: cobra persistent flags (allowed before and after the subcommand), groups such as `config` and `create`. */
export const kubectlGrammar: ToolGrammar = {
  tool: 'kubectl',
  style: 'gnu',
  clusterShortGlobals: true,
  abbreviatesLongOptions: false,
  persistentGlobals: true,
  // Options that choose the server, the credentials or the config file are refused: a plugin could send the
  // user's credentials elsewhere, act as someone else, or load a kubeconfig whose exec plugin runs a program.
  globalOptions: [
    { names: ['-n', '--namespace'], takesValue: true },
    { names: ['-s', '--server'], takesValue: true, denied: true },
    { names: ['--kubeconfig'], takesValue: true, path: true, denied: true },
    { names: ['--kuberc'], takesValue: true, path: true, denied: true },
    { names: ['--context'], takesValue: true },
    { names: ['--cluster'], takesValue: true, denied: true },
    { names: ['--user'], takesValue: true, denied: true },
    { names: ['--as'], takesValue: true, denied: true },
    { names: ['--as-group'], takesValue: true, denied: true },
    { names: ['--as-uid'], takesValue: true, denied: true },
    { names: ['--token'], takesValue: true, denied: true },
    { names: ['--username'], takesValue: true, denied: true },
    { names: ['--password'], takesValue: true, denied: true },
    { names: ['--certificate-authority'], takesValue: true, path: true, denied: true },
    { names: ['--client-certificate'], takesValue: true, path: true, denied: true },
    { names: ['--client-key'], takesValue: true, path: true, denied: true },
    { names: ['--cache-dir'], takesValue: true, path: true },
    { names: ['--request-timeout'], takesValue: true },
    { names: ['--tls-server-name'], takesValue: true, denied: true },
    { names: ['--profile'], takesValue: true },
    { names: ['--profile-output'], takesValue: true, path: true },
    { names: ['-v', '--v'], takesValue: true },
    { names: ['--vmodule'], takesValue: true },
    { names: ['--log-flush-frequency'], takesValue: true },
    { names: ['--insecure-skip-tls-verify'], takesValue: false, denied: true },
    { names: ['--match-server-version'], takesValue: false },
    { names: ['--warnings-as-errors'], takesValue: false },
    { names: ['--disable-compression'], takesValue: false },
    { names: ['-h', '--help'], takesValue: false },
  ],
  root: {
    children: {
      ...leaves(
        'annotate api-resources api-versions attach autoscale completion cordon cp debug delete describe diff drain edit events exec explain expose get help kustomize label logs options patch port-forward proxy replace run scale taint uncordon version wait',
      ),
      alpha: { children: {} },
      apply: group('edit-last-applied set-last-applied view-last-applied', {}, true),
      auth: group('can-i reconcile whoami'),
      certificate: group('approve deny'),
      'cluster-info': group('dump', {}, true),
      config: group(
        'current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context view',
        { use: 'use-context' },
      ),
      create: {
        runnable: true,
        children: {
          ...leaves(
            'clusterrole clusterrolebinding configmap cronjob deployment ingress job namespace poddisruptionbudget priorityclass quota role rolebinding serviceaccount token',
          ),
          secret: group('docker-registry generic tls'),
          service: group('clusterip externalname loadbalancer nodeport'),
        },
        aliases: {
          cm: 'configmap', cj: 'cronjob', deploy: 'deployment', ing: 'ingress', ns: 'namespace', pdb: 'poddisruptionbudget', pc: 'priorityclass',
          resourcequota: 'quota', svc: 'service', sa: 'serviceaccount',
        },
      },
      plugin: group('list'),
      rollout: group('history pause restart resume status undo'),
      set: group('env image resources selector serviceaccount subject', { sa: 'serviceaccount' }),
      top: group('node pod', { nodes: 'node', no: 'node', pods: 'pod', po: 'pod' }),
    },
  },
  canonicalPrefixes: [],
  valueOptions: [
    '-o', '--output', '-l', '--selector', '--field-selector', '--sort-by', '--template', '--timeout', '--for', '--since', '--since-time', '--tail',
    '--limit-bytes', '--max-log-requests', '--pod-running-timeout', '--replicas', '--image', '--to-revision', '--revision', '--grace-period',
    '--chunk-size', '-L', '--label-columns', '--subresource', '--field-manager', '--type', '--patch', '--container',
    { flag: '-p', subcommand: 'patch' },
    ...CONTAINER_COMMANDS.map((subcommand) => ({ flag: '-c', subcommand })),
  ],
  pathOptions: [
    { flag: '--filename' },
    ...FILENAME_COMMANDS.map((subcommand) => ({ flag: '-f', subcommand })),
    { flag: '-k' },
    { flag: '--kustomize' },
    { flag: '--patch-file' },
    { flag: '--output-directory' },
    { flag: '--from-env-file' },
    { flag: '--from-file', form: 'keyed' },
  ],
  // Each of these makes kubectl (or its kustomize) run a program named in the argument.
  deniedFlags: [
    '--exec-command', '--exec-arg', '--exec-env', '--exec-api-version', '--exec-interactive-mode', '--auth-provider', '--auth-provider-arg',
    '--enable-exec', '--enable-alpha-plugins', '--enable-helm', '--helm-command',
  ],
  deniedArguments: [],
  // A kubeconfig chosen by the plugin could name an exec credential plugin, which kubectl runs.
  isForbiddenEnvKey: (key) => key === 'KUBECONFIG' || key === 'KUBERC' || key === 'KUBECACHEDIR' || key.startsWith('KUBECTL_'),
  hostEnv: {},
  // Resource names, never host paths, except kustomize's folder and cp's local side.
  operands: [
    { subcommand: 'kustomize', kinds: ['path-or-remote'], rest: 'word' },
    { subcommand: 'cp', kinds: ['path', 'path'], rest: 'path' },
  ],
  defaultOperand: 'word',
  foldsWordSeparators: true,
  codeLoading: { workingFolder: () => false, configPaths: (home) => [join(home, '.kube')], codeOptions: [], neutralized: false },
};
