import { test } from 'node:test';
import assert from 'node:assert/strict';
import { processScopeSchema, type ProcessScopeInput } from '../../../src/core/policy/process-scope';
import { executableSafetyProblem, isShellOrCommandRunner } from '../../../src/core/policy/process-executable-safety';

const base: ProcessScopeInput = {
  id: 'x',
  title: 'X',
  executables: [{ path: '/usr/bin/docker' }],
  tool: 'docker',
  rules: { allowedSubcommands: ['container ls'] },
  timeoutCeilingMs: 1000,
  maxOutputBytes: 1024,
  confirmation: { mode: 'always' },
};

function issues(input: unknown): string[] {
  const parsed = processScopeSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

test('a valid scope parses, with defaults for omitted rule lists', () => {
  const scope = processScopeSchema.parse(base);
  assert.deepEqual(scope.rules.deniedFlags, []);
  assert.deepEqual(scope.cwdRoots, []);
  assert.deepEqual(scope.allowedEnvKeys, []);
  assert.deepEqual(scope.secretEnv, {});
});

test('shells and command runners are refused in every scope, even with literal argv patterns', () => {
  for (const path of [
    '/bin/sh',
    '/bin/bash',
    '/usr/bin/zsh',
    '/usr/bin/env',
    '/usr/bin/xargs',
    '/usr/bin/sudo',
    '/bin/busybox',
    '/usr/bin/pwsh',
    'C:\\Windows\\System32\\cmd.exe',
  ]) {
    assert.equal(isShellOrCommandRunner(path), true, path);
    const found = issues({ ...base, tool: 'none', rules: { argv: [['--version']] }, executables: [{ path }] });
    assert.ok(
      found.some((issue) => issue.startsWith('executables.0.path')),
      `${path}: ${found.join('; ')}`,
    );
  }
});

test('interpreters and command-running tools need tool "none" with literal argv patterns', () => {
  for (const path of [
    '/usr/bin/python3',
    '/usr/bin/python3.12',
    '/usr/bin/node',
    '/usr/bin/find',
    '/bin/tar',
    '/usr/bin/curl',
    '/usr/bin/perl',
    '/usr/bin/ssh',
    '/usr/bin/nohup',
    '/usr/bin/timeout',
  ]) {
    assert.ok(executableSafetyProblem(path, 'docker', false), `${path} under a grammar`);
    assert.ok(executableSafetyProblem(path, 'none', false), `${path} with regex patterns`);
    assert.equal(executableSafetyProblem(path, 'none', true), null, `${path} with literal argv`);
    assert.ok(issues({ ...base, tool: 'none', rules: { argv: [['-c', { regex: '.*' }]] }, executables: [{ path }] }).length > 0, path);
    assert.deepEqual(issues({ ...base, tool: 'none', rules: { argv: [['/opt/tools/report.py']] }, executables: [{ path }] }), [], path);
  }
  assert.equal(executableSafetyProblem('/usr/bin/docker', 'docker', false), null);
});

test('env keys: loader keys, host-owned keys and tool config keys cannot be allowed by a scope', () => {
  for (const key of ['LD_PRELOAD', 'DYLD_INSERT_LIBRARIES', 'NODE_OPTIONS', 'PATH', 'HOME', 'XDG_CONFIG_HOME', 'DOCKER_CONFIG', 'lower']) {
    assert.ok(issues({ ...base, allowedEnvKeys: [key] }).length > 0, key);
  }
  assert.ok(
    issues({
      ...base,
      tool: 'git',
      rules: { allowedSubcommands: ['status'] },
      executables: [{ path: '/usr/bin/git' }],
      allowedEnvKeys: ['GIT_DIR'],
    }).length > 0,
  );
  assert.ok(
    issues({
      ...base,
      tool: 'kubectl',
      rules: { allowedSubcommands: ['get'] },
      executables: [{ path: '/usr/bin/kubectl' }],
      allowedEnvKeys: ['KUBECONFIG'],
    }).length > 0,
  );
  assert.ok(
    issues({
      ...base,
      tool: 'terraform',
      rules: { allowedSubcommands: ['plan'] },
      executables: [{ path: '/usr/bin/terraform' }],
      allowedEnvKeys: ['TF_CLI_ARGS_plan'],
    }).length > 0,
  );
  assert.deepEqual(issues({ ...base, allowedEnvKeys: ['DOCKER_HOST', 'HTTPS_PROXY'] }), []);
  assert.deepEqual(issues({ ...base, secretEnv: { REGISTRY_TOKEN: 'registry-token' } }), []);
  assert.ok(issues({ ...base, secretEnv: { LD_PRELOAD: 'x' } }).length > 0, 'a secret cannot fill a loader key');
  assert.ok(issues({ ...base, secretEnv: { DOCKER_CONFIG: 'x' } }).length > 0, 'nor a tool config key');
  assert.ok(issues({ ...base, secretEnv: { TOKEN: 'bad/name' } }).length > 0, 'secret names have no slash');
});

test('rules must fit the tool: grammar subcommands must exist, none takes argv patterns only', () => {
  assert.ok(issues({ ...base, rules: { allowedSubcommands: ['contianer ls'] } }).some((i) => i.startsWith('rules.allowedSubcommands.0')));
  assert.ok(issues({ ...base, rules: { allowedSubcommands: ['container ls'], deniedGlobalOptions: ['--nope'] } }).length > 0);
  assert.ok(issues({ ...base, rules: { allowedSubcommands: ['container ls'], argv: [['x']] } }).length > 0);
  assert.ok(issues({ ...base, tool: 'none', executables: [{ path: '/usr/bin/true' }], rules: { allowedSubcommands: ['x'] } }).length > 0);
  assert.ok(issues({ ...base, rules: { allowedSubcommands: ['container ls'], deniedArguments: ['('] } }).length > 0, 'bad regex');
  assert.ok(issues({ ...base, executables: [{ path: 'docker' }] }).length > 0, 'relative executable');
  assert.ok(issues({ ...base, executables: [{ path: '/usr/bin/docker', sha256: 'ABC' }] }).length > 0, 'bad pin');
  assert.ok(issues({ ...base, id: 'Not Normal' }).length > 0, 'scope id must be normalized');
  assert.ok(issues({ ...base, confirmation: { mode: 'per-command' } }).length > 0, 'per-command needs rememberMs');
  assert.ok(issues({ ...base, timeoutCeilingMs: 3_600_001 }).length > 0);
});
