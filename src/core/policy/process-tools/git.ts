import { join } from 'node:path';
import { gitHostEnv } from './git-neutralize';
import { group, leaves, type ToolGrammar } from './tool-grammar';

const GIT_COMMANDS = `add am annotate apply archive blame branch bugreport cat-file check-attr check-ignore check-mailmap check-ref-format checkout
  checkout-index cherry cherry-pick citool clean clone column commit commit-tree count-objects credential credential-cache credential-store
  describe diagnose diff diff-files diff-index diff-tree difftool fast-export fast-import fetch fetch-pack filter-branch fmt-merge-msg
  for-each-ref for-each-repo format-patch fsck fsmonitor--daemon gc get-tar-commit-id gitk grep gui hash-object help index-pack init instaweb
  interpret-trailers log ls-files ls-remote ls-tree mailinfo mailsplit merge merge-base merge-file merge-index merge-tree mergetool mktag
  mktree mv name-rev pack-objects pack-redundant pack-refs patch-id prune prune-packed pull push range-diff read-tree rebase receive-pack
  repack replace replay request-pull rerere reset restore rev-list rev-parse revert rm send-email send-pack shortlog show show-branch
  show-index show-ref stage status stripspace switch symbolic-ref tag unpack-file unpack-objects update-index update-ref update-server-info
  upload-archive upload-pack var verify-commit verify-pack verify-tag version whatchanged write-tree`;

const ALLOWED_GIT_ENV = new Set([
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_COMMITTER_DATE',
]);

/**
 * git: its own global options (no clusters, `-c` and friends refused), builtins only (an unknown word is an
 * alias or an external `git-*` program), and parse-options' unique-prefix abbreviations after the subcommand.
 */
export const gitGrammar: ToolGrammar = {
  tool: 'git',
  style: 'gnu',
  clusterShortGlobals: false,
  abbreviatesLongOptions: true,
  persistentGlobals: false,
  globalOptions: [
    { names: ['-C'], takesValue: true, path: true, chdir: true },
    { names: ['-c'], takesValue: true, denied: true },
    { names: ['--config-env'], takesValue: true, denied: true },
    { names: ['--exec-path'], takesValue: true, valueNeedsEquals: true, denied: true },
    { names: ['-p', '--paginate'], takesValue: false, denied: true },
    { names: ['-P', '--no-pager'], takesValue: false },
    { names: ['--git-dir'], takesValue: true, path: true },
    { names: ['--work-tree'], takesValue: true, path: true },
    { names: ['--namespace'], takesValue: true },
    { names: ['--attr-source'], takesValue: true },
    { names: ['--list-cmds'], takesValue: true, valueNeedsEquals: true },
    ...[
      '--html-path',
      '--man-path',
      '--info-path',
      '--no-replace-objects',
      '--no-lazy-fetch',
      '--no-optional-locks',
      '--no-advice',
      '--bare',
      '--literal-pathspecs',
      '--glob-pathspecs',
      '--noglob-pathspecs',
      '--icase-pathspecs',
    ].map((name) => ({ names: [name], takesValue: false })),
    { names: ['-v', '--version'], takesValue: false },
    { names: ['-h', '--help'], takesValue: false },
  ],
  root: {
    children: {
      ...leaves(GIT_COMMANDS),
      bisect: group('bad good help log new next old replay reset run skip start terms view visualize'),
      bundle: group('create list-heads unbundle verify'),
      'commit-graph': group('verify write'),
      config: group('edit get list remove-section rename-section set unset', {}, true),
      hook: group('run'),
      maintenance: group('register run start stop unregister'),
      'multi-pack-index': group('expire repack verify write'),
      notes: group('add append copy edit get-ref list merge prune remove show', {}, true),
      reflog: group('delete exists expire list show', {}, true),
      refs: group('migrate verify'),
      remote: group('add get-url prune remove rename set-branches set-head set-url show update', { rm: 'remove' }, true),
      'sparse-checkout': group('add check-rules disable init list reapply set'),
      stash: group('apply branch clear create drop export import list pop push save show store', {}, true),
      submodule: group('absorbgitdirs add deinit foreach init set-branch set-url status summary sync update', {}, true),
      worktree: group('add list lock move prune remove repair unlock'),
    },
  },
  canonicalPrefixes: [['stage', 'add']],
  valueOptions: [
    '--author',
    '--committer',
    '--since',
    '--after',
    '--until',
    '--before',
    '--grep',
    '--depth',
    '--branch',
    '--strategy',
    '--strategy-option',
    '--message',
    '--format',
    '--date',
    '--sort',
    '--points-at',
    '--match',
    '--exclude',
    '--origin',
    ...['commit', 'tag', 'merge', 'stash', 'notes', 'revert', 'cherry-pick'].map((subcommand) => ({ flag: '-m', subcommand })),
    ...['log', 'shortlog', 'rev-list', 'whatchanged'].map((subcommand) => ({ flag: '-n', subcommand })),
    ...['merge', 'rebase', 'pull'].map((subcommand) => ({ flag: '-s', subcommand })),
    { flag: '-b', subcommand: 'checkout' },
    { flag: '-b', subcommand: 'clone' },
    { flag: '-c', subcommand: 'switch' },
    { flag: '-C', subcommand: 'switch' },
    { flag: '-X', subcommand: 'merge' },
  ],
  pathOptions: [
    ...['commit', 'tag', 'merge', 'notes'].map((subcommand) => ({ flag: '-F', subcommand })),
    { flag: '--file' },
    { flag: '--output' },
    { flag: '--output-directory' },
    { flag: '-o', subcommand: 'format-patch' },
    { flag: '--pathspec-from-file' },
    { flag: '--template' },
    { flag: '--reference' },
    { flag: '--reference-if-able' },
    { flag: '--separate-git-dir' },
    { flag: '--exclude-from' },
    { flag: '--git-dir' },
    { flag: '--work-tree' },
    // Options that read a file: a read-only scope must not read one outside its folders through them.
    { flag: '--contents', subcommand: 'blame' },
    { flag: '--ignore-revs-file', subcommand: 'blame' },
    { flag: '-S', subcommand: 'blame' },
    ...['diff', 'log', 'show', 'whatchanged', 'diff-tree', 'diff-index', 'diff-files', 'format-patch'].map((subcommand) => ({
      flag: '-O',
      subcommand,
    })),
    { flag: '--signature-file' },
    { flag: '-t', subcommand: 'commit' },
    { flag: '-f', subcommand: 'grep' },
    { flag: '-X', subcommand: 'ls-files' },
    { flag: '-o', subcommand: 'archive' },
    { flag: '--remote', subcommand: 'archive' },
  ],
  // Each names a program git runs, or a config or template that makes it run one.
  deniedFlags: [
    '--upload-pack',
    '--receive-pack',
    '--exec',
    '--extcmd',
    '--open-files-in-pager',
    '--config-env',
    { flag: '-u', subcommand: 'clone' },
    { flag: '-c', subcommand: 'clone' },
    { flag: '--config', subcommand: 'clone' },
    { flag: '--template', subcommand: 'clone' },
    { flag: '--template', subcommand: 'init' },
    { flag: '-u', subcommand: 'ls-remote' },
    { flag: '-x', subcommand: 'rebase' },
    { flag: '-x', subcommand: 'difftool' },
    { flag: '-O', subcommand: 'grep' },
  ],
  // `<transport>::<address>` runs the remote helper git-remote-<transport> (`ext::` runs any command); the config keys name programs.
  deniedArguments: [/(^|[=,])[A-Za-z][A-Za-z0-9+.-]*::/, /core\.(sshcommand|fsmonitor|hookspath|pager|editor|askpass)/i],
  isForbiddenEnvKey: (key) => key.startsWith('GIT_') && !ALLOWED_GIT_ENV.has(key),
  // Configuration given this way outranks the repository's own, so a hostile .git/config cannot switch these on.
  hostEnv: gitHostEnv([]),
  // Every operand may be a path (`git diff /dev/null x` reads outside the repository); remotes may be URLs.
  operands: [
    { subcommand: 'clone', kinds: ['git-remote', 'path'], rest: 'path' },
    { subcommand: 'fetch', kinds: ['git-remote'], rest: 'path' },
    { subcommand: 'pull', kinds: ['git-remote'], rest: 'path' },
    { subcommand: 'push', kinds: ['git-remote'], rest: 'path' },
    { subcommand: 'ls-remote', kinds: ['git-remote'], rest: 'path' },
    { subcommand: 'remote add', kinds: ['path', 'git-remote'], rest: 'path' },
    { subcommand: 'remote set-url', kinds: ['path', 'git-remote', 'git-remote'], rest: 'path' },
    { subcommand: 'submodule add', kinds: ['git-remote'], rest: 'path' },
  ],
  defaultOperand: 'path',
  foldsWordSeparators: false,
  // Hooks, drivers, editors, helpers: all switched off by the host's command-line configuration. ssh, which
  // git runs for ssh remotes, reads ~/.ssh/config (ProxyCommand, LocalCommand) and is not.
  codeLoading: { workingFolder: () => true, configPaths: (home) => [join(home, '.ssh')], codeOptions: [], neutralized: true },
};
