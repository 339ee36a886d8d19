import { access, constants } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { processScopeSchema, type ProcessScope, type ProcessScopeInput } from './process-scope';
import type { ProcessTool } from './process-tools';

const INSTALL_DIRS = ['/usr/bin', '/usr/local/bin', '/opt/homebrew/bin', '/snap/bin'];

const READ_MEMORY_MS = 10 * 60 * 1000;
const MIB = 1024 * 1024;

type PresetInput = Omit<ProcessScopeInput, 'executables' | 'cwdRoots' | 'tool'>;

function preset(tool: Exclude<ProcessTool, 'none'>, binary: string, cwdRoots: string[], input: PresetInput): ProcessScopeInput {
  return { ...input, tool, cwdRoots, executables: INSTALL_DIRS.map((dir) => ({ path: `${dir}/${binary}` })) };
}

// Subcommands that start a shell or a program in a container, or a host-side program.
const DOCKER_RUNNERS = [
  'container run',
  'container exec',
  'container create',
  'container attach',
  'container cp',
  'container commit',
  'container export',
  'compose',
  'buildx',
  'image build',
  'plugin',
  'system dial-stdio',
  'swarm',
  'service',
  'stack',
  'secret',
  'config',
  'trust',
];
const DOCKER_HOST_ACCESS = [
  '--privileged',
  '-v',
  '--volume',
  '--mount',
  '--device',
  '--cap-add',
  '--security-opt',
  '--pid',
  '--ipc',
  '--userns',
  '--volumes-from',
];

const KUBECTL_RUNNERS = [
  'exec',
  'run',
  'debug',
  'attach',
  'port-forward',
  'proxy',
  'cp',
  'edit',
  'plugin',
  'alpha',
  'kustomize',
  'create token',
];
const KUBECTL_CONFIG_WRITES = [
  'config set',
  'config set-cluster',
  'config set-context',
  'config set-credentials',
  'config unset',
  'config delete-cluster',
  'config delete-context',
  'config delete-user',
  'config rename-context',
  'config use-context',
];

const GIT_RUNNERS = [
  'config',
  'submodule',
  'filter-branch',
  'bisect',
  'hook',
  'difftool',
  'mergetool',
  'help',
  'for-each-repo',
  'send-email',
  'instaweb',
  'credential',
  'fsmonitor--daemon',
  'maintenance',
  'gui',
  'citool',
  'gitk',
];
const GIT_READS = [
  'status',
  'log',
  'diff',
  'show',
  'rev-parse',
  'ls-files',
  'ls-tree',
  'blame',
  'describe',
  'shortlog',
  'cat-file',
  'rev-list',
  'merge-base',
  'show-ref',
  'for-each-ref',
  'name-rev',
  'diff-tree',
  'diff-index',
  'diff-files',
  'version',
];

const TERRAFORM_RUNNERS = ['console', 'login', 'logout', 'state push', 'test'];

/**
 * What each preset's tool needs beyond its working roots, and nothing more: the network only where the
 * tool itself talks to a server, and of the home only the tool's own configuration. Credentials (an ssh
 * key, cloud provider files) are never implied: the user names them on a copy of the preset.
 */
function presetSandboxes(home: string) {
  const kube = join(home, '.kube');
  const gitConfig = [join(home, '.gitconfig'), join(home, '.config', 'git')];
  return {
    // The CLI talks to the daemon over its socket only; the daemon, not the CLI, pulls images.
    docker: { network: false, writePaths: ['/var/run/docker.sock'] },
    kubectl: { network: true, readPaths: [kube], writePaths: [join(kube, 'cache')] },
    helm: { network: true, readPaths: [kube, join(home, '.config', 'helm')], writePaths: [join(home, '.cache', 'helm')] },
    helmManage: {
      network: true,
      readPaths: [kube],
      writePaths: [join(home, '.config', 'helm'), join(home, '.cache', 'helm'), join(home, '.local', 'share', 'helm')],
    },
    terraformRead: { network: false, readPaths: [join(home, '.terraform.d')] },
    terraform: { network: true, readPaths: [join(home, '.terraform.d')], writePaths: [join(home, '.terraform.d', 'plugin-cache')] },
    // The user's own git configuration (identity, aliases); a credential helper's store stays hidden.
    gitRead: { network: false, readPaths: gitConfig },
    gitRemote: { network: true, readPaths: gitConfig },
  };
}

const RISK = {
  docker:
    'The Docker daemon runs as root: whatever may talk to its socket is root-equivalent on this machine, and the sandbox cannot hold what the daemon does. The argument rules are the only limit here.',
  kubectl:
    'kubectl runs the exec credential plugins its kubeconfig names; they run inside the sandbox with the network and ~/.kube. Plugins that need cloud credentials (~/.aws, ~/.config/gcloud) fail until a copy of this scope names those paths.',
  helm: 'Helm talks to the cluster with the network and ~/.kube; charts from repositories are templates, not code, but hooks of an installed chart run in the cluster.',
  terraformRead: 'Without the network, state held in a remote backend cannot be read; a copy of this scope that declares the network can.',
  terraform:
    'init and plan download and run provider plugins with the network, inside the sandbox; providers need the cloud credentials a copy of this scope names (none are implied).',
  gitRemote:
    'fetch, pull, push and clone use the network. No credential is implied: an ssh key or credential file must be named in the sandbox read paths of a copy of this scope.',
};

/**
 * The built-in process scopes, each tool split into a read-only scope (confirmed per command, remembered
 * for ten minutes) and a mutating one (confirmed every time). None allows a shell, an interpreter, or a
 * subcommand that runs a command or a program chosen through its arguments.
 *
 * Decisions: docker start/stop live in `docker-cli-manage`, without attaching (`-a`, `-i`); git `fetch`
 * lives in `git-write` because it talks to remotes with the user's credentials, writes refs and objects and
 * may start auto-maintenance hooks; git commands that run repository hooks (commit, checkout, merge, pull,
 * push, rebase) live in `git-write` too.
 */
export function createProcessPresets(options: { cwdRoots?: readonly string[]; home?: string } = {}): ProcessScope[] {
  const roots = [...(options.cwdRoots ?? [])];
  const sandbox = presetSandboxes(options.home ?? homedir());
  const inputs: ProcessScopeInput[] = [
    preset('docker', 'docker', roots, {
      id: 'docker-cli',
      sandbox: sandbox.docker,
      risk: RISK.docker,
      title: 'Docker (read-only)',
      rules: {
        allowedSubcommands: [
          '',
          'container ls',
          'container inspect',
          'container logs',
          'container top',
          'container stats',
          'container port',
          'container diff',
          'image ls',
          'image inspect',
          'image history',
          'inspect',
          'version',
          'system info',
          'system df',
          'network ls',
          'network inspect',
          'volume ls',
          'volume inspect',
          'context ls',
          'context show',
          'system events',
        ],
        deniedSubcommands: DOCKER_RUNNERS,
        deniedGlobalOptions: ['-H', '--config'],
        deniedFlags: DOCKER_HOST_ACCESS,
        // `docker events` only reports what the daemon does; its options (--filter, --format, --since,
        // --until) take values, and it takes no operands.
        positional: [{ subcommand: 'system events', patterns: [] }],
      },
      timeoutCeilingMs: 60_000,
      maxOutputBytes: MIB,
      confirmation: { mode: 'per-command', rememberMs: READ_MEMORY_MS },
    }),
    preset('docker', 'docker', roots, {
      id: 'docker-cli-manage',
      sandbox: sandbox.docker,
      risk: RISK.docker,
      title: 'Docker (start, stop and remove containers, pull images)',
      rules: {
        allowedSubcommands: [
          'container start',
          'container stop',
          'container restart',
          'container pause',
          'container unpause',
          'container kill',
          'container rm',
          'image pull',
          'image rm',
          'image tag',
        ],
        deniedSubcommands: DOCKER_RUNNERS,
        deniedGlobalOptions: ['-H', '--config'],
        deniedFlags: [...DOCKER_HOST_ACCESS, '-a', '--attach', '-i', '--interactive'],
      },
      timeoutCeilingMs: 5 * 60_000,
      maxOutputBytes: MIB,
      confirmation: { mode: 'always' },
    }),
    preset('kubectl', 'kubectl', roots, {
      id: 'kubectl',
      sandbox: sandbox.kubectl,
      risk: RISK.kubectl,
      title: 'kubectl (read-only, no secrets)',
      rules: {
        allowedSubcommands: [
          '',
          'get',
          'describe',
          'logs',
          'explain',
          'api-resources',
          'api-versions',
          'version',
          'cluster-info',
          'top',
          'events',
          'config view',
          'config current-context',
          'config get-contexts',
          'config get-clusters',
          'config get-users',
          'rollout status',
          'rollout history',
          'auth can-i',
          'auth whoami',
        ],
        deniedSubcommands: [...KUBECTL_RUNNERS, ...KUBECTL_CONFIG_WRITES, 'cluster-info dump'],
        deniedFlags: ['--raw', '--flatten'],
        deniedResources: ['secrets'],
      },
      timeoutCeilingMs: 60_000,
      maxOutputBytes: MIB,
      confirmation: { mode: 'per-command', rememberMs: READ_MEMORY_MS },
    }),
    preset('kubectl', 'kubectl', roots, {
      id: 'kubectl-manage',
      sandbox: sandbox.kubectl,
      risk: RISK.kubectl,
      title: 'kubectl (apply and change resources)',
      rules: {
        allowedSubcommands: [
          'apply',
          'create',
          'delete',
          'replace',
          'patch',
          'scale',
          'label',
          'annotate',
          'rollout restart',
          'rollout undo',
          'rollout pause',
          'rollout resume',
          'cordon',
          'uncordon',
          'drain',
          'taint',
          'set',
          'expose',
          'autoscale',
          'wait',
          'diff',
        ],
        deniedSubcommands: [...KUBECTL_RUNNERS, 'config', 'apply edit-last-applied'],
        deniedFlags: ['--raw'],
      },
      timeoutCeilingMs: 10 * 60_000,
      maxOutputBytes: MIB,
      confirmation: { mode: 'always' },
    }),
    preset('helm', 'helm', roots, {
      id: 'helm',
      sandbox: sandbox.helm,
      risk: RISK.helm,
      title: 'Helm (read-only)',
      rules: {
        allowedSubcommands: [
          '',
          'list',
          'status',
          'history',
          'get',
          'show',
          'search',
          'repo list',
          'version',
          'template',
          'lint',
          'dependency list',
          'env',
        ],
        deniedSubcommands: ['plugin', 'registry', 'install', 'upgrade', 'uninstall', 'rollback', 'test'],
        deniedFlags: ['--set-file'],
      },
      timeoutCeilingMs: 2 * 60_000,
      maxOutputBytes: 4 * MIB,
      confirmation: { mode: 'per-command', rememberMs: READ_MEMORY_MS },
    }),
    preset('helm', 'helm', roots, {
      id: 'helm-manage',
      sandbox: sandbox.helmManage,
      risk: RISK.helm,
      title: 'Helm (install, upgrade and remove releases)',
      rules: {
        allowedSubcommands: [
          'install',
          'upgrade',
          'uninstall',
          'rollback',
          'repo add',
          'repo update',
          'repo remove',
          'dependency build',
          'dependency update',
          'pull',
          'test',
        ],
        deniedSubcommands: ['plugin', 'registry'],
      },
      timeoutCeilingMs: 15 * 60_000,
      maxOutputBytes: 4 * MIB,
      confirmation: { mode: 'always' },
    }),
    preset('terraform', 'terraform', roots, {
      id: 'terraform',
      sandbox: sandbox.terraformRead,
      risk: RISK.terraformRead,
      title: 'Terraform (read-only)',
      rules: {
        allowedSubcommands: [
          '',
          'validate',
          'show',
          'output',
          'state list',
          'state show',
          'providers',
          'providers schema',
          'version',
          'graph',
          'workspace list',
          'workspace show',
        ],
        deniedSubcommands: [
          ...TERRAFORM_RUNNERS,
          'providers mirror',
          'providers lock',
          'apply',
          'destroy',
          'import',
          'force-unlock',
          'state mv',
          'state rm',
        ],
      },
      timeoutCeilingMs: 5 * 60_000,
      maxOutputBytes: 4 * MIB,
      confirmation: { mode: 'per-command', rememberMs: READ_MEMORY_MS },
    }),
    preset('terraform', 'terraform', roots, {
      id: 'terraform-manage',
      sandbox: sandbox.terraform,
      risk: RISK.terraform,
      title: 'Terraform (init, plan, apply)',
      rules: {
        allowedSubcommands: [
          'init',
          'plan',
          'apply',
          'destroy',
          'fmt',
          'refresh',
          'import',
          'taint',
          'untaint',
          'workspace new',
          'workspace select',
          'workspace delete',
          'get',
          'providers lock',
          'force-unlock',
        ],
        deniedSubcommands: TERRAFORM_RUNNERS,
      },
      timeoutCeilingMs: 30 * 60_000,
      maxOutputBytes: 4 * MIB,
      confirmation: { mode: 'always' },
    }),
    preset('git', 'git', roots, {
      id: 'git',
      sandbox: sandbox.gitRead,
      title: 'git (read-only)',
      rules: {
        allowedSubcommands: ['', ...GIT_READS],
        deniedSubcommands: [...GIT_RUNNERS, 'fetch', 'pull', 'push', 'clone'],
        deniedFlags: ['--output', '--no-index', '--textconv', '--filters', '--ext-diff'],
      },
      timeoutCeilingMs: 60_000,
      maxOutputBytes: 4 * MIB,
      confirmation: { mode: 'per-command', rememberMs: READ_MEMORY_MS },
    }),
    preset('git', 'git', roots, {
      id: 'git-write',
      sandbox: sandbox.gitRemote,
      risk: RISK.gitRemote,
      title: 'git (commit, branch, fetch and push)',
      rules: {
        allowedSubcommands: [
          'add',
          'commit',
          'checkout',
          'switch',
          'restore',
          'reset',
          'merge',
          'rebase',
          'cherry-pick',
          'revert',
          'stash',
          'fetch',
          'pull',
          'push',
          'tag',
          'branch',
          'mv',
          'rm',
          'clean',
          'clone',
          'init',
          'remote',
        ],
        deniedSubcommands: GIT_RUNNERS,
        deniedFlags: ['--recurse-submodules', '--recursive', '--no-index', '--ext-diff'],
      },
      allowedEnvKeys: ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL'],
      timeoutCeilingMs: 10 * 60_000,
      maxOutputBytes: 4 * MIB,
      confirmation: { mode: 'always' },
    }),
    preset('git', 'git', roots, {
      id: 'git-release',
      sandbox: sandbox.gitRemote,
      risk: RISK.gitRemote,
      title: 'git (inspect, tag and push a release)',
      rules: {
        allowedSubcommands: ['status', 'describe', 'log', 'rev-parse', 'tag', 'push'],
        deniedSubcommands: GIT_RUNNERS,
        // A release adds a tag; rewriting or deleting remote refs is a different job.
        deniedFlags: ['--force', '-f', '--force-with-lease', '--delete', '-d', '--mirror', '--prune', '--all', '--recurse-submodules'],
      },
      allowedEnvKeys: ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL'],
      timeoutCeilingMs: 10 * 60_000,
      maxOutputBytes: 4 * MIB,
      confirmation: { mode: 'always' },
    }),
    // Its two forms are fixed (process-tools/ssh-keygen.ts): create an ed25519 pair, print a public key.
    preset('ssh-keygen', 'ssh-keygen', roots, {
      id: 'ssh-keygen',
      sandbox: { network: false },
      title: 'ssh-keygen (create a key pair, show a public key)',
      risk: 'A new key has no passphrase: it is protected by its file mode (0600) and its folder. An existing key is never replaced.',
      timeoutCeilingMs: 60_000,
      maxOutputBytes: 64 * 1024,
      confirmation: { mode: 'always' },
    }),
  ];
  return inputs.map((input) => processScopeSchema.parse(input));
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The presets with only the executables installed on this machine; a preset none of whose paths exist is
 * left out.
 */
export async function availableProcessPresets(
  options: { cwdRoots?: readonly string[]; exists?: (path: string) => Promise<boolean> } = {},
): Promise<ProcessScope[]> {
  const exists = options.exists ?? isExecutableFile;
  const presets = createProcessPresets(options);
  const kept = await Promise.all(
    presets.map(async (scope) => {
      const present = await Promise.all(scope.executables.map(async (entry) => ((await exists(entry.path)) ? entry : null)));
      const executables = present.filter((entry): entry is NonNullable<typeof entry> => entry !== null);
      return executables.length > 0 ? { ...scope, executables } : null;
    }),
  );
  return kept.filter((scope): scope is ProcessScope => scope !== null);
}
