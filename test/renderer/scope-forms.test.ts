import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fsScopeSchema } from '../../src/shared/fs-scope-schema';
import { processScopeSchema } from '../../src/core/policy/process-scope';
import {
  EMPTY_FS_FORM,
  EMPTY_PROCESS_FORM,
  fieldOfIssuePath,
  fsFormFromScope,
  fsScopeFromForm,
  processFormFromScope,
  processScopeFromForm,
} from '../../src/renderer/lib/scope-forms';

test('a filled filesystem form gives a scope the host schema accepts, and round-trips', () => {
  const { scope, errors } = fsScopeFromForm({
    ...EMPTY_FS_FORM,
    id: 'notes',
    title: 'Notes',
    roots: '/home/ada/notes\n\n  /home/ada/journal  \n',
    operations: ['writeFile', 'mkdir'],
    maxWriteMb: '1.5',
  });
  assert.deepEqual(errors, {});
  const parsed = fsScopeSchema.parse(scope);
  assert.deepEqual(parsed.roots, ['/home/ada/notes', '/home/ada/journal']);
  assert.deepEqual(parsed.allowedOperations, ['mkdir', 'writeFile']);
  assert.equal(parsed.maxWriteBytes, 1.5 * 1024 * 1024);
  assert.deepEqual(fsScopeFromForm(fsFormFromScope(parsed)).scope, scope);
});

test('the filesystem form names each bad field before anything is sent', () => {
  const { scope, errors } = fsScopeFromForm({
    ...EMPTY_FS_FORM,
    id: 'My Scope',
    title: ' ',
    roots: 'relative/path',
    operations: [],
    maxWriteMb: '0',
  });
  assert.equal(scope, null);
  assert.deepEqual(Object.keys(errors).sort(), ['allowedOperations', 'id', 'maxWriteBytes', 'roots', 'title']);
  assert.match(errors.id ?? '', /my-scope/);
});

test('a filled process form gives a scope the host schema accepts, keeping rules it does not edit', () => {
  const form = processFormFromScope({
    id: 'docker-ro',
    title: 'Docker read-only',
    executables: [{ path: '/usr/bin/docker' }],
    tool: 'docker',
    rules: {
      allowedSubcommands: ['ps', 'image ls'],
      deniedSubcommands: ['run'],
      deniedFlags: ['--privileged', { flag: '-v', subcommand: 'container run' }],
      deniedArguments: ['secret'],
    },
    cwdRoots: ['/srv'],
    allowedEnvKeys: ['DOCKER_HOST'],
    timeoutCeilingMs: 30_000,
    maxOutputBytes: 1024 * 1024,
    confirmation: { mode: 'per-command', rememberMs: 600_000 },
  });
  assert.equal(form.deniedFlags, '--privileged\n-v container run');
  assert.equal(form.rememberMinutes, '10');
  const { scope, errors } = processScopeFromForm(form);
  assert.deepEqual(errors, {});
  const parsed = processScopeSchema.parse(scope);
  assert.deepEqual(parsed.rules.deniedFlags, ['--privileged', { flag: '-v', subcommand: 'container run' }]);
  assert.deepEqual(parsed.rules.deniedArguments, ['secret']);
  assert.deepEqual(parsed.confirmation, { mode: 'per-command', rememberMs: 600_000 });
  assert.equal(parsed.timeoutCeilingMs, 30_000);
});

test('the process form refuses bad programs, pins, subcommands, flags, keys and limits', () => {
  const { scope, errors } = processScopeFromForm({
    ...EMPTY_PROCESS_FORM,
    id: 'x',
    title: 'X',
    executables: '/usr/bin/git NOTAHASH',
    allowedSubcommands: 'Push --force',
    deniedFlags: 'force',
    allowedEnvKeys: 'BAD-KEY',
    timeoutSeconds: '7200',
    maxOutputMb: '-1',
    confirmation: 'per-command',
    rememberMinutes: '99999',
  });
  assert.equal(scope, null);
  assert.deepEqual(Object.keys(errors).sort(), [
    'allowedEnvKeys',
    'allowedSubcommands',
    'confirmation',
    'deniedFlags',
    'executables',
    'maxOutputBytes',
    'timeoutCeilingMs',
  ]);
});

test('host issue paths map to the form field that shows them', () => {
  assert.equal(fieldOfIssuePath('roots[0]'), 'roots');
  assert.equal(fieldOfIssuePath('executables[1].path'), 'executables');
  assert.equal(fieldOfIssuePath('rules.deniedSubcommands[2]'), 'deniedSubcommands');
  assert.equal(fieldOfIssuePath('rules.argv'), 'rules');
  assert.equal(fieldOfIssuePath('confirmation.rememberMs'), 'confirmation');
  assert.equal(fieldOfIssuePath('scope.roots.0'), 'roots', 'a path the IPC door names inside the request');
  assert.equal(fieldOfIssuePath('scope.rules.deniedFlags.1'), 'deniedFlags');
});
