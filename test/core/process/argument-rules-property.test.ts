import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ActionFailure } from '../../../src/core/action-failure';
import { checkArgumentRules } from '../../../src/core/policy/check-argument-rules';
import { makeScope } from './process-test-helpers';

// Every way the docker CLI spells each canonical command, written out by hand from the CLI's help.
const DOCKER_SPELLINGS: Record<string, string[][]> = {
  'container run': [['run'], ['container', 'run']],
  'container exec': [['exec'], ['container', 'exec']],
  'container create': [['create'], ['container', 'create']],
  'container start': [['start'], ['container', 'start']],
  'container logs': [['logs'], ['container', 'logs']],
  'container ls': [['ps'], ['container', 'ls'], ['container', 'ps'], ['container', 'list']],
  'image ls': [['images'], ['image', 'ls'], ['image', 'list']],
  'image build': [['build'], ['image', 'build'], ['builder', 'build'], ['buildx', 'build'], ['buildx', 'b']],
  'system info': [['info'], ['system', 'info']],
  version: [['version']],
};
const COMMANDS = Object.keys(DOCKER_SPELLINGS);
const RULE_ENTRIES = [...COMMANDS, 'container', 'image', 'system'];
const GLOBALS = [
  ['--context', 'prod'],
  ['-c', 'prod'],
  ['-H', 'tcp://h:2375'],
  ['--host=unix:///x'],
  ['-D'],
  ['--debug'],
  ['-l', 'info'],
  ['-Dl', 'warn'],
  ['--tls'],
  ['--tlsverify'],
];
const TRAILING = ['-a', '--format', '{{.ID}}', 'alpine', 'web', '-q', '--', 'sh', '-it', '--rm', 'run', 'exec'];

const covers = (entry: string, command: string) => command === entry || command.startsWith(`${entry} `);

const invocation = fc.record({
  command: fc.constantFrom(...COMMANDS),
  spelling: fc.nat(),
  globals: fc.array(fc.constantFrom(...GLOBALS), { maxLength: 4 }),
  trailing: fc.array(fc.constantFrom(...TRAILING), { maxLength: 5 }),
  allowed: fc.subarray(RULE_ENTRIES),
  denied: fc.subarray(RULE_ENTRIES),
});

test('docker: whatever the spelling and global options, a denied canonical command is never allowed, and an allowed one is', () => {
  fc.assert(
    fc.property(invocation, ({ command, spelling, globals, trailing, allowed, denied }) => {
      const spellings = DOCKER_SPELLINGS[command] as string[][];
      const words = spellings[spelling % spellings.length] as string[];
      const argv = [...globals.flat(), ...words, ...trailing];
      const scope = makeScope({
        tool: 'docker',
        executables: [{ path: '/usr/bin/docker' }],
        rules: { allowedSubcommands: allowed, deniedSubcommands: denied },
      });
      const shouldPass = allowed.some((entry) => covers(entry, command)) && !denied.some((entry) => covers(entry, command));
      let passed: boolean;
      let subcommand: string | null = null;
      try {
        subcommand = checkArgumentRules(scope, argv).subcommand;
        passed = true;
      } catch (error) {
        assert.ok(error instanceof ActionFailure && error.code === 'SCOPE_VIOLATION', String(error));
        passed = false;
      }
      assert.equal(passed, shouldPass, `${argv.join(' ')} (allowed ${allowed.join(',')}; denied ${denied.join(',')})`);
      if (passed) assert.equal(subcommand, command);
    }),
    { numRuns: 400 },
  );
});

test('docker: an option slipped between a group and its subcommand never lets a denied command through', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('run', 'exec', 'create'),
      fc.array(fc.constantFrom('--rm', '-q', '-it', '--format', 'x', '--privileged=false', '-a'), { minLength: 1, maxLength: 3 }),
      fc.array(fc.constantFrom('alpine', 'sh', '-c', 'id'), { maxLength: 3 }),
      (sub, between, after) => {
        const scope = makeScope({
          tool: 'docker',
          executables: [{ path: '/usr/bin/docker' }],
          rules: { allowedSubcommands: ['container'], deniedSubcommands: ['container run', 'container exec', 'container create'] },
        });
        const argv = ['container', ...(between[0]?.startsWith('-') ? between : ['-q', ...between]), sub, ...after];
        assert.throws(
          () => checkArgumentRules(scope, argv),
          (error: unknown) => error instanceof ActionFailure && error.code === 'SCOPE_VIOLATION',
          argv.join(' '),
        );
      },
    ),
    { numRuns: 200 },
  );
});

const GIT_SAFE_GLOBALS = [
  ['-C', 'repo'],
  ['--no-pager'],
  ['-P'],
  ['--git-dir=.git'],
  ['--work-tree', '.'],
  ['--no-optional-locks'],
  ['--literal-pathspecs'],
];
const GIT_DENIED_GLOBALS = [
  ['-c', 'core.sshCommand=touch /tmp/x'],
  ['--config-env=core.pager=X'],
  ['--config-env', 'a.b=C'],
  ['--exec-path=/tmp'],
  ['-p'],
  ['--paginate'],
];

test('git: a denied global option anywhere in the global section is refused, whatever surrounds it', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...GIT_SAFE_GLOBALS), { maxLength: 3 }),
      fc.constantFrom(...GIT_DENIED_GLOBALS),
      fc.array(fc.constantFrom(...GIT_SAFE_GLOBALS), { maxLength: 3 }),
      fc.constantFrom('status', 'log', 'fetch', 'diff'),
      (before, denied, after, sub) => {
        const scope = makeScope({
          tool: 'git',
          executables: [{ path: '/usr/bin/git' }],
          rules: { allowedSubcommands: ['status', 'log', 'fetch', 'diff'] },
        });
        const argv = [...before.flat(), ...denied, ...after.flat(), sub];
        assert.throws(
          () => checkArgumentRules(scope, argv),
          (error: unknown) => error instanceof ActionFailure && error.details?.reason === 'global-option-denied',
          argv.join(' '),
        );
        assert.equal(checkArgumentRules(scope, [...before.flat(), ...after.flat(), sub]).subcommand, sub);
      },
    ),
    { numRuns: 200 },
  );
});

// Every spelling kubectl accepts for the secrets resource: case, singular or plural, a version and group suffix, a name.
const secretSpelling = fc
  .record({
    word: fc.constantFrom('secret', 'secrets'),
    upper: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    suffix: fc.constantFrom('', '.v1', '.v1.', '.v1.core', '.'),
    name: fc.constantFrom('', '/x', '/db-password'),
  })
  .map(({ word, upper, suffix, name }) => `${[...word].map((char, i) => (upper[i] ? char.toUpperCase() : char)).join('')}${suffix}${name}`);

test('kubectl: a denied resource is refused in every spelling, alone or in a list, wherever it stands', () => {
  const scope = makeScope({
    tool: 'kubectl',
    executables: [{ path: '/usr/bin/kubectl' }],
    rules: { allowedSubcommands: ['get', 'describe'], deniedResources: ['secrets'] },
  });
  fc.assert(
    fc.property(
      secretSpelling,
      fc.constantFrom('get', 'describe'),
      fc.subarray(['pods', 'deploy', 'cm']),
      fc
        .array(fc.constantFrom(['-o', 'yaml'], ['-A'], ['-n', 'kube-system'], ['--show-labels'], ['-oyaml']), { maxLength: 3 })
        .map((pairs) => pairs.flat()),
      (secret, verb, others, flags) => {
        const list = [...others, secret].join(',');
        let refused = false;
        try {
          checkArgumentRules(scope, [verb, ...flags, list]);
        } catch (error) {
          refused = error instanceof ActionFailure && error.details?.reason === 'resource-denied';
        }
        assert.ok(refused, `${verb} ${flags.join(' ')} ${list} was not refused`);
      },
    ),
    { numRuns: 300 },
  );
});
