import { join } from 'node:path';
import { group, leaves, type ToolGrammar } from './tool-grammar';

const LS_RM = { list: 'ls', remove: 'rm' } as const;

const CONTAINER_COMMANDS =
  'attach commit cp create diff exec export inspect kill logs ls pause port prune rename restart rm run start stats stop top unpause update wait';
const CONTAINER_SHORTCUTS =
  'attach commit cp create diff exec export kill logs pause port rename restart rm run start stats stop top unpause update wait';
const IMAGE_SHORTCUTS = 'build history import load pull push save tag';

const LISTS = ['container ls', 'image ls', 'network ls', 'volume ls', 'system events'];

/** The docker CLI: cobra root flags before the subcommand, management commands, legacy shortcuts. */
export const dockerGrammar: ToolGrammar = {
  tool: 'docker',
  style: 'gnu',
  clusterShortGlobals: true,
  abbreviatesLongOptions: false,
  persistentGlobals: false,
  globalOptions: [
    { names: ['--config'], takesValue: true, path: true },
    { names: ['-c', '--context'], takesValue: true },
    { names: ['-D', '--debug'], takesValue: false },
    { names: ['-H', '--host'], takesValue: true },
    { names: ['-l', '--log-level'], takesValue: true },
    { names: ['--tls'], takesValue: false },
    { names: ['--tlsverify'], takesValue: false },
    { names: ['--tlscacert'], takesValue: true, path: true },
    { names: ['--tlscert'], takesValue: true, path: true },
    { names: ['--tlskey'], takesValue: true, path: true },
    { names: ['-v', '--version'], takesValue: false },
    { names: ['-h', '--help'], takesValue: false },
  ],
  root: {
    children: {
      ...leaves(`${CONTAINER_SHORTCUTS} ${IMAGE_SHORTCUTS} ps images rmi events info inspect login logout search version`),
      container: { children: leaves(CONTAINER_COMMANDS), aliases: { ps: 'ls', ...LS_RM } },
      image: group('build history import inspect load ls prune pull push rm save tag', LS_RM),
      network: group('connect create disconnect inspect ls prune rm', LS_RM),
      volume: group('create inspect ls prune rm update', LS_RM),
      system: group('df dial-stdio events info prune'),
      builder: group('build du ls prune'),
      buildx: group('bake build create debug dial-stdio du history imagetools inspect ls prune rm stop use version', { b: 'build' }),
      compose: group(
        'attach bridge build commit config cp create down events exec export images kill logs ls pause port ps publish pull push restart rm run scale start stats stop top unpause up version volumes wait watch',
      ),
      context: group('create export import inspect ls rm show update use', LS_RM),
      plugin: group('create disable enable inspect install ls push rm set upgrade', LS_RM),
      secret: group('create inspect ls rm', LS_RM),
      config: group('create inspect ls rm', LS_RM),
      service: group('create inspect logs ls ps rm rollback scale update', LS_RM),
      stack: group('config deploy ls ps rm services', { ...LS_RM, down: 'rm', up: 'deploy' }),
      swarm: group('ca init join join-token leave unlock unlock-key update'),
      node: group('demote inspect ls promote ps rm update', LS_RM),
      trust: { children: { ...leaves('inspect revoke sign'), key: group('generate load'), signer: group('add remove') } },
      manifest: group('annotate create inspect push rm'),
      checkpoint: group('create ls rm', LS_RM),
    },
  },
  canonicalPrefixes: [
    ...CONTAINER_SHORTCUTS.split(' ').map((name) => [name, `container ${name}`] as const),
    ...IMAGE_SHORTCUTS.split(' ').map((name) => [name, `image ${name}`] as const),
    ['ps', 'container ls'],
    ['images', 'image ls'],
    ['rmi', 'image rm'],
    ['events', 'system events'],
    ['info', 'system info'],
    ['builder build', 'image build'],
    ['buildx build', 'image build'],
  ],
  valueOptions: [
    '--format',
    '--filter',
    '--since',
    '--until',
    '--tail',
    '--signal',
    '--time',
    '--type',
    '--platform',
    ...LISTS.map((subcommand) => ({ flag: '-f', subcommand })),
    { flag: '-n', subcommand: 'container ls' },
    { flag: '-n', subcommand: 'container logs' },
    { flag: '-t', subcommand: 'container stop' },
    { flag: '-t', subcommand: 'container restart' },
    { flag: '-s', subcommand: 'container kill' },
  ],
  pathOptions: [
    { flag: '-f', subcommand: 'image build' },
    { flag: '--file', subcommand: 'image build' },
    { flag: '--iidfile' },
    { flag: '--cidfile' },
    { flag: '--env-file' },
    { flag: '--label-file' },
    { flag: '-o', subcommand: 'image save' },
    { flag: '--output', subcommand: 'image save' },
    { flag: '-o', subcommand: 'container export' },
    { flag: '--output', subcommand: 'container export' },
    { flag: '-i', subcommand: 'image load' },
    { flag: '--input', subcommand: 'image load' },
    { flag: '-o', subcommand: 'image build' },
    { flag: '--output', subcommand: 'image build' },
    { flag: '-f', subcommand: 'compose' },
    { flag: '--file', subcommand: 'compose' },
    { flag: '--project-directory', subcommand: 'compose' },
    { flag: '--env-file', subcommand: 'compose' },
    { flag: '-f', subcommand: 'buildx bake' },
    { flag: '--file', subcommand: 'buildx bake' },
  ],
  deniedFlags: [],
  deniedArguments: [],
  // DOCKER_CONFIG can point the CLI at a plugin folder whose binaries it then runs.
  isForbiddenEnvKey: (key) => key === 'DOCKER_CONFIG' || key.startsWith('DOCKER_CLI_'),
  hostEnv: {},
  // Operands are names, images and the command a container runs; these few are host paths.
  operands: [
    { subcommand: 'image build', kinds: ['path-or-remote'], rest: 'path-or-remote' },
    { subcommand: 'image import', kinds: ['path-or-remote'], rest: 'word' },
    { subcommand: 'container cp', kinds: ['path', 'path'], rest: 'path' },
    { subcommand: 'context import', kinds: ['word', 'path'], rest: 'word' },
    { subcommand: 'context export', kinds: ['word', 'path'], rest: 'word' },
  ],
  defaultOperand: 'word',
  foldsWordSeparators: false,
  // CLI plugins (compose, buildx and any other) and credential helpers are named in ~/.docker.
  codeLoading: {
    workingFolder: () => false,
    configPaths: (home) => [join(home, '.docker')],
    codeOptions: ['--config'],
    neutralized: false,
  },
};
