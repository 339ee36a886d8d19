import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkArgumentRules } from '../../../src/core/policy/check-argument-rules';
import type { ProcessArgumentRules } from '../../../src/core/policy/process-scope';
import type { ProcessTool } from '../../../src/core/policy/process-tools';
import { makeScope, throwsWith } from './process-test-helpers';

function scopeFor(tool: ProcessTool, rules: Partial<ProcessArgumentRules>) {
  return makeScope({ tool, executables: [{ path: `/usr/bin/${tool === 'none' ? 'true' : tool}` }], rules });
}

const dockerScope = scopeFor('docker', {
  allowedSubcommands: ['container', 'image ls', 'version', ''],
  deniedSubcommands: ['container run', 'container exec', 'container create'],
  deniedFlags: ['--privileged', '-v', '--mount', '-t'],
});

test('docker: run, container run and global-option tricks all resolve to the denied "container run"', () => {
  for (const argv of [
    ['run', 'alpine'],
    ['container', 'run', 'alpine'],
    ['--context', 'x', 'run', 'alpine'],
    ['-c', 'x', 'container', 'run', 'alpine'],
    ['-H', 'tcp://x:2375', 'run', 'alpine'],
    ['--host=tcp://x', 'run', 'alpine'],
    ['-D', '-l', 'debug', 'run', 'alpine'],
    ['-Dl', 'debug', 'run', 'alpine'],
    ['--tlsverify', '--tlscacert=ca.pem', 'container', 'run'],
  ]) {
    const failure = throwsWith(() => checkArgumentRules(dockerScope, argv), 'SCOPE_VIOLATION', 'subcommand-denied');
    assert.equal(failure.details?.subcommand, 'container run', argv.join(' '));
  }
  throwsWith(() => checkArgumentRules(dockerScope, ['exec', '-it', 'c', 'sh']), 'SCOPE_VIOLATION', 'subcommand-denied');
  throwsWith(() => checkArgumentRules(dockerScope, ['container', 'create', 'x']), 'SCOPE_VIOLATION', 'subcommand-denied');
});

test('docker: synonyms are canonical (ps → container ls, container list → container ls, rmi → image rm)', () => {
  assert.equal(checkArgumentRules(dockerScope, ['ps', '-a']).subcommand, 'container ls');
  assert.equal(checkArgumentRules(dockerScope, ['container', 'list']).subcommand, 'container ls');
  assert.equal(checkArgumentRules(dockerScope, ['container', 'ps']).subcommand, 'container ls');
  assert.equal(checkArgumentRules(dockerScope, ['images']).subcommand, 'image ls');
  assert.equal(checkArgumentRules(dockerScope, ['--context', 'prod', 'logs', 'web']).subcommand, 'container logs');
  assert.equal(checkArgumentRules(dockerScope, []).subcommand, '');
  throwsWith(() => checkArgumentRules(dockerScope, ['rmi', 'alpine']), 'SCOPE_VIOLATION', 'subcommand-not-allowed');
  const buildx = scopeFor('docker', { allowedSubcommands: ['buildx'], deniedSubcommands: ['image build'] });
  throwsWith(() => checkArgumentRules(buildx, ['buildx', 'build', '.']), 'SCOPE_VIOLATION', 'subcommand-denied');
  throwsWith(() => checkArgumentRules(buildx, ['buildx', 'b', '.']), 'SCOPE_VIOLATION', 'subcommand-denied');
});

test('docker: a scope that denies "run" by its short name denies every spelling of it', () => {
  const scope = scopeFor('docker', { allowedSubcommands: ['container'], deniedSubcommands: ['run'] });
  throwsWith(() => checkArgumentRules(scope, ['container', 'run', 'x']), 'SCOPE_VIOLATION', 'subcommand-denied');
  assert.equal(checkArgumentRules(scope, ['container', 'ls']).subcommand, 'container ls');
});

test('docker: unknown global options, plugins and unknown words are refused, not guessed', () => {
  throwsWith(() => checkArgumentRules(dockerScope, ['--frobnicate', 'ps']), 'SCOPE_VIOLATION', 'unknown-option');
  throwsWith(() => checkArgumentRules(dockerScope, ['-Dz', 'ps']), 'SCOPE_VIOLATION', 'unknown-option');
  throwsWith(() => checkArgumentRules(dockerScope, ['--', 'ps']), 'SCOPE_VIOLATION', 'unknown-option');
  throwsWith(() => checkArgumentRules(dockerScope, ['--context']), 'SCOPE_VIOLATION', 'unknown-option');
  const plugin = throwsWith(() => checkArgumentRules(dockerScope, ['scout', 'cves']), 'SCOPE_VIOLATION', 'subcommand-not-allowed');
  assert.equal(plugin.details?.unknown, true);
  throwsWith(() => checkArgumentRules(dockerScope, ['container', 'shell']), 'SCOPE_VIOLATION', 'subcommand-not-allowed');
});

test('docker: an option between a group and its subcommand cannot hide the subcommand', () => {
  throwsWith(() => checkArgumentRules(dockerScope, ['container', '--rm', 'run', 'alpine']), 'SCOPE_VIOLATION', 'unknown-option');
  throwsWith(() => checkArgumentRules(dockerScope, ['container', '-q', 'exec', 'x']), 'SCOPE_VIOLATION', 'unknown-option');
});

test('docker: denied flags are found alone, as --flag=value, in short clusters and with attached values', () => {
  for (const argv of [
    ['container', 'start', '--privileged'],
    ['container', 'start', '--privileged=true'],
    ['container', 'start', '--mount=type=bind,src=/,dst=/h'],
    ['container', 'start', '-v', '/:/host'],
    ['container', 'start', '-v/:/host'],
    ['container', 'start', '-v=/:/host'],
    ['container', 'start', '-it', 'c'],
    ['container', 'start', '-ti', 'c'],
  ]) {
    throwsWith(() => checkArgumentRules(dockerScope, argv), 'SCOPE_VIOLATION', 'flag-denied');
  }
  assert.equal(checkArgumentRules(dockerScope, ['container', 'start', '-a', 'c']).subcommand, 'container start');
});

test('kubectl: persistent global options before or after the subcommand do not change it', () => {
  const scope = scopeFor('kubectl', {
    allowedSubcommands: ['get', 'logs', 'config view', 'create'],
    deniedSubcommands: ['exec'],
    deniedGlobalOptions: ['--as'],
  });
  throwsWith(() => checkArgumentRules(scope, ['--namespace', 'x', 'exec', 'pod', '--', 'sh']), 'SCOPE_VIOLATION', 'subcommand-denied');
  throwsWith(() => checkArgumentRules(scope, ['-n', 'x', '--context=prod', 'exec', 'pod']), 'SCOPE_VIOLATION', 'subcommand-denied');
  throwsWith(() => checkArgumentRules(scope, ['-nkube-system', 'exec', 'pod']), 'SCOPE_VIOLATION', 'subcommand-denied');
  assert.equal(checkArgumentRules(scope, ['get', 'pods', '-n', 'x']).subcommand, 'get');
  throwsWith(() => checkArgumentRules(scope, ['--as', 'admin', 'get', 'pods']), 'SCOPE_VIOLATION', 'global-option-denied');
  throwsWith(() => checkArgumentRules(scope, ['get', 'pods', '--as=admin']), 'SCOPE_VIOLATION', 'global-option-denied');
  throwsWith(() => checkArgumentRules(scope, ['--bogus', 'get']), 'SCOPE_VIOLATION', 'unknown-option');
  throwsWith(() => checkArgumentRules(scope, ['ns', 'list']), 'SCOPE_VIOLATION', 'subcommand-not-allowed');
  throwsWith(() => checkArgumentRules(scope, ['config', '--kubeconfig=k', 'set-credentials', 'x']), 'SCOPE_VIOLATION', 'unknown-option');
  throwsWith(() => checkArgumentRules(scope, ['create', '-f', 'x.yaml', 'deployment', 'd']), 'SCOPE_VIOLATION', 'unknown-option');
  assert.equal(checkArgumentRules(scope, ['create', '-f', 'x.yaml']).subcommand, 'create');
  assert.equal(checkArgumentRules(scope, ['create', 'deploy', 'd', '--image=nginx']).subcommand, 'create deployment');
  throwsWith(
    () => checkArgumentRules(scope, ['config', 'set-credentials', 'u', '--exec-command=/bin/sh']),
    'SCOPE_VIOLATION',
    'subcommand-not-allowed',
  );
  const wide = scopeFor('kubectl', { allowedSubcommands: ['config', 'kustomize'] });
  throwsWith(
    () => checkArgumentRules(wide, ['config', 'set-credentials', 'u', '--exec-command=/bin/sh']),
    'SCOPE_VIOLATION',
    'flag-denied',
  );
  throwsWith(
    () => checkArgumentRules(wide, ['kustomize', '--enable-helm', '--helm-command', '/bin/sh', '.']),
    'SCOPE_VIOLATION',
    'flag-denied',
  );
});

test('kubectl: option values that are paths are collected for the roots check, with their forms', () => {
  const scope = scopeFor('kubectl', { allowedSubcommands: ['apply', 'logs', 'create'] });
  const apply = checkArgumentRules(scope, [
    '--cache-dir',
    '/k/cache',
    'apply',
    '-f',
    'a.yaml',
    '--filename=b.yaml',
    '-k',
    'dir',
    '--cache-dir=/k2',
  ]);
  assert.deepEqual(
    apply.pathValues.map((v) => [v.option, v.value]),
    [
      ['--cache-dir', '/k/cache'],
      ['-f', 'a.yaml'],
      ['--filename', 'b.yaml'],
      ['-k', 'dir'],
      ['--cache-dir', '/k2'],
    ],
  );
  assert.deepEqual(checkArgumentRules(scope, ['logs', '-f', 'pod']).pathValues, [], 'logs -f means follow');
  const secret = checkArgumentRules(scope, ['create', 'secret', 'generic', 's', '--from-file=key=/etc/shadow']);
  assert.deepEqual(
    secret.pathValues.map((v) => [v.value, v.form]),
    [['key=/etc/shadow', 'keyed']],
  );
});

test('git: -c, --config-env, --exec-path and -p are refused as global options', () => {
  const scope = scopeFor('git', { allowedSubcommands: ['fetch', 'status', 'log'] });
  throwsWith(() => checkArgumentRules(scope, ['-C', '/x', '-c', 'core.sshCommand=y', 'fetch']), 'SCOPE_VIOLATION', 'global-option-denied');
  throwsWith(() => checkArgumentRules(scope, ['-c', 'alias.st=!sh', 'status']), 'SCOPE_VIOLATION', 'global-option-denied');
  throwsWith(() => checkArgumentRules(scope, ['--config-env=core.pager=EVIL', 'log']), 'SCOPE_VIOLATION', 'global-option-denied');
  throwsWith(() => checkArgumentRules(scope, ['--exec-path=/tmp/x', 'status']), 'SCOPE_VIOLATION', 'global-option-denied');
  throwsWith(() => checkArgumentRules(scope, ['-p', 'log']), 'SCOPE_VIOLATION', 'global-option-denied');
  throwsWith(() => checkArgumentRules(scope, ['-ccore.pager=x', 'log']), 'SCOPE_VIOLATION', 'unknown-option');
  throwsWith(() => checkArgumentRules(scope, ['--super-prefix=x', 'log']), 'SCOPE_VIOLATION', 'unknown-option');
  const ok = checkArgumentRules(scope, ['-C', 'repo', '--no-pager', 'log', '-n', '3']);
  assert.equal(ok.subcommand, 'log');
  assert.deepEqual(ok.pathValues, [{ option: '-C', value: 'repo', form: 'plain', chdir: true }]);
});

test('git: aliases and external git-* programs (unknown words) are refused; stage is add', () => {
  const scope = scopeFor('git', {
    allowedSubcommands: ['status', 'add', 'clone', 'fetch', 'submodule', 'rebase', 'push'],
    deniedSubcommands: ['submodule foreach'],
  });
  throwsWith(() => checkArgumentRules(scope, ['st']), 'SCOPE_VIOLATION', 'subcommand-not-allowed');
  throwsWith(() => checkArgumentRules(scope, ['lfs', 'pull']), 'SCOPE_VIOLATION', 'subcommand-not-allowed');
  assert.equal(checkArgumentRules(scope, ['stage', 'x']).subcommand, 'add');
  throwsWith(() => checkArgumentRules(scope, ['submodule', 'foreach', 'sh', '-c', 'id']), 'SCOPE_VIOLATION', 'subcommand-denied');
  throwsWith(() => checkArgumentRules(scope, ['submodule', '--quiet', 'foreach', 'id']), 'SCOPE_VIOLATION', 'unknown-option');
  assert.equal(checkArgumentRules(scope, ['submodule', 'status']).subcommand, 'submodule status');
});

test('git: program-running flags are refused in every spelling, including unique-prefix abbreviations', () => {
  const scope = scopeFor('git', { allowedSubcommands: ['clone', 'fetch', 'push', 'rebase', 'status', 'ls-remote', 'init'] });
  for (const argv of [
    ['fetch', '--upload-pack=touch /tmp/x', 'origin'],
    ['fetch', '--upload-pack', 'evil', 'origin'],
    ['fetch', '--upload-p=evil', 'origin'],
    ['fetch', '--upl=evil'],
    ['push', '--receive-pack=evil'],
    ['push', '--exec=evil'],
    ['clone', '-u', 'evil', 'https://h/r'],
    ['clone', '-c', 'core.sshCommand=evil', 'ssh://h/r'],
    ['clone', '--config=core.hooksPath=/tmp', 'https://h/r'],
    ['clone', '--template=/tmp/hooks', 'https://h/r'],
    ['init', '--template=/tmp/hooks'],
    ['rebase', '-x', 'sh -c id', 'main'],
    ['rebase', '--exec', 'id', 'main'],
    ['ls-remote', '-u', 'evil', 'origin'],
  ]) {
    throwsWith(() => checkArgumentRules(scope, argv), 'SCOPE_VIOLATION', 'flag-denied');
  }
  assert.equal(checkArgumentRules(scope, ['status', '-u']).subcommand, 'status', '-u is harmless outside clone and ls-remote');
});

test('git: ext:: and other remote-helper URLs and program-naming config keys are refused anywhere', () => {
  const scope = scopeFor('git', { allowedSubcommands: ['clone', 'fetch', 'remote', 'config'] });
  throwsWith(() => checkArgumentRules(scope, ['clone', 'ext::sh -c touch% /tmp/pwned', 'dir']), 'SCOPE_VIOLATION', 'argument-pattern');
  throwsWith(() => checkArgumentRules(scope, ['fetch', 'fd::17']), 'SCOPE_VIOLATION', 'argument-pattern');
  throwsWith(() => checkArgumentRules(scope, ['remote', 'add', 'o', 'ext::evil']), 'SCOPE_VIOLATION', 'argument-pattern');
  throwsWith(() => checkArgumentRules(scope, ['config', 'core.sshCommand', 'evil']), 'SCOPE_VIOLATION', 'argument-pattern');
  throwsWith(() => checkArgumentRules(scope, ['config', 'CORE.FSMONITOR', 'evil']), 'SCOPE_VIOLATION', 'argument-pattern');
  assert.equal(checkArgumentRules(scope, ['clone', 'https://example.com/r.git', 'dir']).subcommand, 'clone');
});

test('helm and terraform: plugins, post-renderers, console and Go-style flags', () => {
  const helm = scopeFor('helm', { allowedSubcommands: ['template', 'list', 'install'] });
  throwsWith(() => checkArgumentRules(helm, ['diff', 'upgrade']), 'SCOPE_VIOLATION', 'subcommand-not-allowed');
  throwsWith(() => checkArgumentRules(helm, ['template', 'c', '--post-renderer', '/bin/sh']), 'SCOPE_VIOLATION', 'flag-denied');
  throwsWith(() => checkArgumentRules(helm, ['template', 'c', '--post-renderer=./x']), 'SCOPE_VIOLATION', 'flag-denied');
  assert.equal(checkArgumentRules(helm, ['ls']).subcommand, 'list');
  const values = checkArgumentRules(helm, ['install', 'r', 'c', '-f', 'v.yaml', '--set-file', 'a=x.txt,b=/etc/passwd']);
  assert.deepEqual(
    values.pathValues.map((v) => [v.option, v.value, v.form]),
    [
      ['-f', 'v.yaml', 'plain'],
      ['--set-file', 'a=x.txt,b=/etc/passwd', 'keyed-list'],
      ['operand 0', 'r', 'plain'],
      ['operand 1', 'c', 'plain'],
    ],
  );

  const tf = scopeFor('terraform', { allowedSubcommands: ['plan', 'validate', 'state list'], deniedSubcommands: ['console'] });
  throwsWith(() => checkArgumentRules(tf, ['console']), 'SCOPE_VIOLATION', 'subcommand-denied');
  throwsWith(() => checkArgumentRules(tf, ['-chdir=infra', 'console']), 'SCOPE_VIOLATION', 'subcommand-denied');
  throwsWith(() => checkArgumentRules(tf, ['-chdir', 'infra', 'plan']), 'SCOPE_VIOLATION', 'unknown-option');
  throwsWith(() => checkArgumentRules(tf, ['-var-file=x', 'plan']), 'SCOPE_VIOLATION', 'unknown-option');
  const plan = checkArgumentRules(tf, [
    '--chdir=infra',
    'plan',
    '-var-file',
    'a.tfvars',
    '--var-file=b.tfvars',
    '-out=plan.bin',
    '-var',
    'x=1',
  ]);
  assert.deepEqual(
    plan.pathValues.map((v) => [v.option, v.value, v.chdir]),
    [
      ['-chdir', 'infra', true],
      ['-var-file', 'a.tfvars', false],
      ['-var-file', 'b.tfvars', false],
      ['-out', 'plan.bin', false],
    ],
  );
  assert.equal(checkArgumentRules(tf, ['state', 'list']).subcommand, 'state list');
});

test('operand patterns: each operand must match its pattern and extra operands are refused', () => {
  const scope = scopeFor('docker', {
    allowedSubcommands: ['container logs', 'container ls'],
    positional: [{ subcommand: 'container logs', patterns: ['web-[a-z0-9]+'] }],
  });
  assert.equal(checkArgumentRules(scope, ['logs', '--tail', '10', '-f', 'web-1']).subcommand, 'container logs');
  assert.equal(checkArgumentRules(scope, ['logs', '-n', '5', 'web-1']).subcommand, 'container logs');
  throwsWith(() => checkArgumentRules(scope, ['logs', 'db-1']), 'SCOPE_VIOLATION', 'argument-pattern');
  throwsWith(() => checkArgumentRules(scope, ['logs', 'web-1', 'db-1']), 'SCOPE_VIOLATION', 'argument-pattern');
  throwsWith(() => checkArgumentRules(scope, ['logs', '--', '--web-1']), 'SCOPE_VIOLATION', 'argument-pattern');
  // An option the grammar does not know takes no value, so its would-be value counts as an operand.
  throwsWith(() => checkArgumentRules(scope, ['logs', '--unknown', 'web-1', 'db-1']), 'SCOPE_VIOLATION', 'argument-pattern');
  const rest = scopeFor('git', {
    allowedSubcommands: ['log'],
    positional: [{ subcommand: 'log', patterns: ['main'], rest: '[a-z/]+\\.md' }],
  });
  assert.equal(checkArgumentRules(rest, ['log', 'main', '--', 'readme.md', 'docs/a.md']).subcommand, 'log');
  throwsWith(() => checkArgumentRules(rest, ['log', 'main', '--', 'x.txt']), 'SCOPE_VIOLATION', 'argument-pattern');
});

test('tool none: only exact argv patterns, literal or regex, argument for argument', () => {
  const scope = scopeFor('none', { argv: [['--version'], ['greet', { regex: '[a-z]{1,8}' }], []] });
  assert.equal(checkArgumentRules(scope, ['--version']).subcommand, null);
  assert.equal(checkArgumentRules(scope, []).subcommand, null);
  assert.equal(checkArgumentRules(scope, ['greet', 'bob']).subcommand, null);
  throwsWith(() => checkArgumentRules(scope, ['greet', 'bob', 'x']), 'SCOPE_VIOLATION', 'argument-pattern');
  throwsWith(() => checkArgumentRules(scope, ['greet', 'bob; id']), 'SCOPE_VIOLATION', 'argument-pattern');
  throwsWith(() => checkArgumentRules(scope, ['greet', 'bobbobbob']), 'SCOPE_VIOLATION', 'argument-pattern');
  throwsWith(() => checkArgumentRules(scope, ['--version', '']), 'SCOPE_VIOLATION', 'argument-pattern');
  const empty = scopeFor('none', {});
  throwsWith(() => checkArgumentRules(empty, []), 'SCOPE_VIOLATION', 'argument-pattern');
});
