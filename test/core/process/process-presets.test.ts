import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkArgumentRules } from '../../../src/core/policy/check-argument-rules';
import { isInterpreterOrRunner } from '../../../src/core/policy/process-executable-safety';
import { availableProcessPresets, createProcessPresets } from '../../../src/core/policy/process-presets';
import { throwsWith } from './process-test-helpers';

const presets = createProcessPresets({ cwdRoots: ['/work'] });
const byId = (id: string) => {
  const scope = presets.find((candidate) => candidate.id === id);
  assert.ok(scope, id);
  return scope;
};

test('every tool has a read-only preset and a mutating one that confirms every time', () => {
  assert.deepEqual(
    presets.map((scope) => scope.id),
    [
      'docker-cli',
      'docker-cli-manage',
      'kubectl',
      'kubectl-manage',
      'helm',
      'helm-manage',
      'terraform',
      'terraform-manage',
      'git',
      'git-write',
      'git-release',
      'ssh-keygen',
    ],
  );
  for (const scope of presets) {
    assert.deepEqual(scope.cwdRoots, ['/work']);
    // ssh-keygen makes a key pair: confirmed every time like the mutating scopes.
    if (scope.id.includes('-manage') || ['git-write', 'git-release', 'ssh-keygen'].includes(scope.id))
      assert.deepEqual(scope.confirmation, { mode: 'always' }, scope.id);
    else assert.equal(scope.confirmation.mode, 'per-command', scope.id);
  }
});

test('no preset names an interpreter, shell or command runner', () => {
  for (const scope of presets) {
    for (const { path } of scope.executables) assert.equal(isInterpreterOrRunner(path), false, `${scope.id}: ${path}`);
  }
});

const refusals: Record<string, string[][]> = {
  'docker-cli': [
    ['run', 'alpine', 'sh'],
    ['container', 'run', 'alpine'],
    ['--context', 'x', 'run', 'alpine'],
    ['exec', '-it', 'c', 'sh'],
    ['container', 'exec', 'c', 'sh'],
    ['container', 'create', 'alpine'],
    ['compose', 'up'],
    ['buildx', 'build', '.'],
    ['build', '.'],
    ['start', 'c'],
    ['stop', 'c'],
    ['-H', 'ssh://h', 'ps'],
    ['--config', '/tmp/cfg', 'ps'],
    ['debug', 'c'],
    ['cp', 'c:/etc/shadow', '.'],
    // events reports and takes no operands; the daemon's address and the CLI's configuration stay the user's.
    ['events', 'extra'],
    ['system', 'events', '--filter', 'type=container', 'x'],
    ['-H', 'tcp://h:2375', 'events'],
    ['--config', '/tmp/cfg', 'events'],
    ['system', 'prune'],
  ],
  'docker-cli-manage': [
    ['run', '--privileged', 'alpine'],
    ['start', '-ai', 'c'],
    ['start', '--attach', 'c'],
    ['container', 'start', '-i', 'c'],
    ['exec', 'c', 'sh'],
    ['compose', 'run', 'x'],
    ['container', 'create', '-v', '/:/h', 'alpine'],
  ],
  kubectl: [
    ['exec', 'pod', '--', 'sh'],
    ['-n', 'x', 'exec', 'pod'],
    ['run', 'x', '--image=alpine'],
    ['debug', 'node/x'],
    ['attach', 'pod'],
    ['port-forward', 'pod', '80'],
    ['proxy'],
    ['cp', 'pod:/etc/x', '.'],
    ['get', '--raw', '/api'],
    ['get', 'secrets', '-o', 'yaml'],
    ['get', 'secret/x'],
    ['get', 'pods,secrets'],
    ['config', 'view', '--raw'],
    ['config', 'set-credentials', 'u', '--exec-command=sh'],
    ['whoami-plugin'],
    ['apply', '-f', 'x.yaml'],
    ['edit', 'deploy/x'],
    // Secrets in every spelling, and manifests the host cannot look into.
    ['get', 'Secret/x'],
    ['get', 'secret.v1'],
    ['get', 'SECRETS'],
    ['get', 'pods,Secrets.v1.'],
    ['describe', 'secrets', 'x'],
    ['get', '-f', '-'],
    ['get', '-f', 'list.yaml'],
    ['get', '--filename=x.yaml'],
    ['get', '-k', 'dir'],
    ['describe', '-Rf', 'dir'],
    // The server, the credentials and the kubeconfig are the user's, never the plugin's.
    ['--server', 'https://evil.example', 'get', 'pods'],
    ['-s=https://evil.example', 'get', 'pods'],
    ['get', 'pods', '--token', 't'],
    ['get', 'pods', '--as', 'admin'],
    ['get', 'pods', '--as_group=system:masters'],
    ['--kubeconfig', 'k', 'get', 'pods'],
    ['get', 'pods', '--insecure_skip_tls_verify'],
    ['--kuberc', 'r', 'get', 'pods'],
    ['get', 'pods', '--user', 'other'],
    ['get', 'pods', '--cluster', 'other'],
  ],
  'kubectl-manage': [
    ['exec', 'pod', 'sh'],
    ['create', '--raw', '/api/v1/x', '-f', 'x.json'],
    ['create', 'token', 'sa'],
    ['config', 'set-credentials', 'x'],
    ['krew', 'install', 'x'],
    ['apply', 'edit-last-applied', 'deploy/x'],
    ['run', 'x', '--image=alpine'],
  ],
  helm: [
    ['plugin', 'install', 'x'],
    ['diff', 'upgrade'],
    ['install', 'r', 'c'],
    ['template', 'c', '--post-renderer', 'sh'],
    ['template', 'c', '--set-file', 'a=/etc/passwd'],
    ['--kube-apiserver', 'https://evil.example', 'list'],
    ['list', '--kube-token', 't'],
    ['list', '--kubeconfig', 'k'],
    ['status', 'r', '--kube-as-user', 'admin'],
    ['list', '--kube_apiserver=https://evil.example'],
    ['repo', 'list', '--repository-config', 'r.yaml'],
    ['list', '--registry-config=c.json'],
  ],
  'helm-manage': [
    ['plugin', 'install', 'https://x'],
    ['upgrade', 'r', 'c', '--post-renderer=./x'],
    ['install', 'r', 'c', '--post-renderer-args', 'x'],
    ['registry', 'login', 'h'],
  ],
  terraform: [['console'], ['-chdir=x', 'console'], ['apply'], ['login'], ['state', 'push', 'x'], ['providers', 'mirror', 'x']],
  'terraform-manage': [['console'], ['login'], ['test'], ['state', 'push', 'x'], ['-chdir', 'x', 'plan']],
  git: [
    ['-c', 'core.sshCommand=sh', 'fetch'],
    ['-C', '/x', '-c', 'core.sshCommand=y', 'fetch'],
    ['--config-env=core.pager=X', 'log'],
    ['--exec-path=/tmp', 'status'],
    ['fetch', 'origin'],
    ['st'],
    ['filter-branch', 'x'],
    ['submodule', 'foreach', 'id'],
    ['config', 'core.sshCommand', 'x'],
    ['diff', '--no-index', '/etc/shadow', 'x'],
    ['log', '--output=/tmp/x'],
    ['commit', '-m', 'x'],
    ['help', '-w', 'log'],
    ['bisect', 'run', 'sh'],
    ['for-each-repo', '--config=x', 'gc'],
  ],
  'git-write': [
    ['fetch', '--upload-pack=evil'],
    ['clone', '-u', 'evil', 'h:r'],
    ['clone', 'ext::sh -c id', 'd'],
    ['push', '--receive-pack=x'],
    ['pull', '--upload-p=x'],
    ['clone', '--recurse-submodules', 'https://h/r'],
    ['submodule', 'update'],
    ['config', 'alias.x', '!sh'],
    ['rebase', '-x', 'id'],
    ['st'],
    ['remote', 'add', 'o', 'ext::sh'],
    ['-c', 'core.hooksPath=/tmp', 'commit'],
  ],
};

test('each preset refuses its dangerous subcommands, flags and global options', () => {
  for (const [id, cases] of Object.entries(refusals)) {
    const scope = byId(id);
    for (const argv of cases) throwsWith(() => checkArgumentRules(scope, argv), 'SCOPE_VIOLATION');
  }
});

test('each preset allows its everyday commands', () => {
  const allowed: Record<string, string[][]> = {
    'docker-cli': [
      ['ps', '-a'],
      ['container', 'ls', '--format', '{{.Names}}'],
      ['logs', '--tail', '20', 'web'],
      ['images'],
      ['version'],
      ['--context', 'prod', 'inspect', 'x'],
      ['events', '--filter', 'type=container', '--format', '{{json .}}'],
      ['system', 'events', '--since', '10m', '--until', '1s', '-f', 'event=start'],
    ],
    'docker-cli-manage': [
      ['start', 'web'],
      ['container', 'stop', '-t', '5', 'web'],
      ['pull', 'alpine:3'],
    ],
    kubectl: [
      ['get', 'pods', '-n', 'x', '-o', 'wide'],
      ['--context', 'prod', 'logs', 'pod', '-f'],
      ['config', 'current-context'],
      ['rollout', 'status', 'deploy/x'],
    ],
    'kubectl-manage': [
      ['apply', '-f', 'x.yaml'],
      ['rollout', 'restart', 'deploy/x'],
      ['scale', 'deploy/x', '--replicas=2'],
    ],
    helm: [
      ['list', '-A'],
      ['status', 'r'],
      ['template', 'r', './chart', '-f', 'values.yaml'],
    ],
    'helm-manage': [
      ['upgrade', '--install', 'r', './chart', '-f', 'v.yaml'],
      ['repo', 'add', 'x', 'https://charts.example.com'],
    ],
    terraform: [['validate'], ['-chdir=infra', 'output', '-json'], ['state', 'list']],
    'terraform-manage': [
      ['plan', '-var-file=dev.tfvars', '-out=plan.bin'],
      ['apply', 'plan.bin'],
    ],
    git: [
      ['status', '--porcelain'],
      ['-C', 'repo', 'log', '-n', '5', '--oneline'],
      ['diff', 'HEAD~1'],
    ],
    'git-write': [
      ['commit', '-m', 'msg'],
      ['fetch', 'origin'],
      ['push', 'origin', 'main'],
      ['clone', 'https://example.com/r.git'],
    ],
  };
  for (const [id, cases] of Object.entries(allowed)) {
    const scope = byId(id);
    for (const argv of cases) assert.doesNotThrow(() => checkArgumentRules(scope, argv), `${id}: ${argv.join(' ')}`);
  }
});

test('availableProcessPresets keeps only installed executables and drops presets with none', async () => {
  const installed = new Set(['/usr/local/bin/docker', '/usr/bin/git']);
  const available = await availableProcessPresets({ exists: async (path) => installed.has(path) });
  assert.deepEqual(
    available.map((scope) => scope.id),
    ['docker-cli', 'docker-cli-manage', 'git', 'git-write', 'git-release'],
  );
  assert.deepEqual(available[0]?.executables, [{ path: '/usr/local/bin/docker' }]);
});

test('git-release allows tagging and pushing a release but not rewriting or deleting remote refs', async () => {
  const release = presets.find((scope) => scope.id === 'git-release');
  assert.ok(release);
  assert.deepEqual(checkArgumentRules(release, ['tag', '-a', 'v1.2.3', '-m', 'Release 1.2.3']).subcommand, 'tag');
  assert.deepEqual(checkArgumentRules(release, ['push', 'origin', 'v1.2.3']).subcommand, 'push');
  for (const argv of [
    ['push', '--force', 'origin', 'main'],
    ['push', 'origin', '--delete', 'v1'],
    ['push', '--mirror'],
    ['commit', '-m', 'x'],
    ['-c', 'core.sshCommand=sh', 'push'],
  ]) {
    assert.throws(
      () => checkArgumentRules(release, argv),
      (error: { code?: string }) => error.code === 'SCOPE_VIOLATION',
      argv.join(' '),
    );
  }
});
