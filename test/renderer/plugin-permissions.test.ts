import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDefaultFsScopes } from '../../src/core/policy/fs-presets';
import { createProcessPresets } from '../../src/core/policy/process-presets';
import { DEFAULT_CLIPBOARD_POLICY } from '../../src/core/policy/clipboard-policy';
import { capabilityRisk, describeCapability, riskLabel, type ScopeRiskFacts } from '../../src/shared/capability-risk';
import { effectivePermissions, type PermissionFacts } from '../../src/renderer/lib/plugin-permissions';

// The host's own presets and default policy, shaped like its scope listing (presets are marked as such).
const listing = {
  fs: createDefaultFsScopes('/home/someone').map((scope) => ({ ...scope, preset: true })),
  process: createProcessPresets({ cwdRoots: ['/srv/work'], home: '/home/someone' }).map((scope) => ({ ...scope, preset: true })),
} as unknown as PermissionFacts['scopes'] & { fs: ScopeRiskFacts[]; process: ScopeRiskFacts[] };
const facts: PermissionFacts = { scopes: listing, clipboard: DEFAULT_CLIPBOARD_POLICY };

const plugin = (capabilities: string[], granted: string[] = capabilities) => ({ capabilities, granted });

test('clipboard lines follow the host policy: reading asks, writing never asks by default', () => {
  const lines = effectivePermissions(plugin(['system.clipboard.read', 'system.clipboard.write']), facts);
  assert.deepEqual(
    lines.map((line) => [line.what, line.ask, line.askText]),
    [
      ['Read what you copied', 'asks', 'asks every time'],
      ['Replace the clipboard text', 'never', 'never asks'],
    ],
  );
  const strict = effectivePermissions(plugin(['system.clipboard.write']), {
    ...facts,
    clipboard: { readConfirmation: 'always', writeConfirmation: 'always' },
  });
  assert.equal(strict[0]?.askText, 'asks every time');
  const loading = effectivePermissions(plugin(['system.clipboard.write']), { ...facts, clipboard: null });
  assert.equal(loading[0]?.ask, 'unknown');
});

test('a read-only preset offers to remember for its own time; a managing preset asks every time', () => {
  const lines = effectivePermissions(
    plugin(['system.process.exec', 'system.process.scope.git', 'system.process.scope.docker-cli-manage']),
    facts,
  );
  assert.equal(lines.length, 2, 'the exec capability is folded into the scope lines');
  assert.deepEqual(lines[0], {
    capability: 'system.process.scope.git',
    what: 'Run programs in “git (read-only)”',
    ask: 'remembers',
    askText: 'asks; remembered for 10 minutes if you allow it',
    risk: 'read',
    warning: null,
  });
  assert.equal(lines[1]?.askText, 'asks every time');
  assert.equal(lines[1]?.risk, 'destructive');
});

test('a scope set to never ask says so, and a secret it passes is named (never its value)', () => {
  const secretScope = {
    ...(listing.process.find((scope) => scope.id === 'git') as ScopeRiskFacts),
    id: 'tok',
    title: 'Token tool',
    preset: false,
    confirmation: { mode: 'never' },
    secretEnv: { API_TOKEN: 'api-token' },
  };
  const lines = effectivePermissions(plugin(['system.process.exec', 'system.process.scope.tok']), {
    ...facts,
    scopes: { ...listing, process: [...listing.process, secretScope] },
  });
  assert.equal(lines[0]?.askText, 'never asks');
  assert.equal(lines[0]?.warning, 'Gives the program the secret “api-token” (as API_TOKEN) from your keychain');
  assert.equal(lines[0]?.risk, 'change', 'a scope of the user’s own is never called read-only');
});

test('lines that cannot work say why: missing umbrella, missing scope, umbrella alone, nothing granted', () => {
  const noExec = effectivePermissions(plugin(['system.process.exec', 'system.process.scope.git'], ['system.process.scope.git']), facts);
  assert.equal(noExec[0]?.ask, 'unusable');
  assert.match(noExec[0]?.askText ?? '', /system\.process\.exec/);
  const missing = effectivePermissions(plugin(['system.fs.mutate', 'system.fs.scope.nowhere']), facts);
  assert.equal(missing[0]?.askText, 'no such scope is set up, so every request is refused');
  assert.equal(missing[0]?.risk, 'destructive', 'an unknown scope is judged as the worst case');
  const alone = effectivePermissions(plugin(['system.fs.mutate', 'system.fs.scope.workspace'], ['system.fs.mutate']), facts);
  assert.deepEqual(
    alone.map((line) => line.askText),
    ['no folder scope granted, so it can change nothing'],
  );
  assert.deepEqual(effectivePermissions(plugin(['system.hosts.write'], []), facts), []);
});

test('risk tiers: few capabilities can delete or replace, and the words say which', () => {
  const tiers = Object.fromEntries(
    ['system.clipboard.read', 'system.clipboard.write', 'system.hosts.write', 'system.fs.mutate', 'system.process.exec'].map(
      (capability) => [capability, capabilityRisk(capability)],
    ),
  );
  assert.deepEqual(tiers, {
    'system.clipboard.read': 'read',
    'system.clipboard.write': 'change',
    'system.hosts.write': 'change',
    'system.fs.mutate': 'change',
    'system.process.exec': 'change',
  });
  const byScope = (kind: 'fs' | 'process') =>
    Object.fromEntries(listing[kind].map((scope) => [scope.id, capabilityRisk(`system.${kind}.scope.${scope.id}`, scope)]));
  assert.deepEqual(byScope('process'), {
    'docker-cli': 'read',
    'docker-cli-manage': 'destructive',
    kubectl: 'read',
    'kubectl-manage': 'destructive',
    helm: 'read',
    'helm-manage': 'destructive',
    terraform: 'read',
    'terraform-manage': 'destructive',
    git: 'read',
    'git-write': 'destructive',
    'git-release': 'change',
    // Creates a key pair, never replaces a file.
    'ssh-keygen': 'change',
  });
  assert.deepEqual(byScope('fs'), { workspace: 'destructive' });
  assert.equal(capabilityRisk('system.fs.scope.logs', { id: 'logs', allowedOperations: ['mkdir', 'appendFile'] }), 'change');
  assert.equal(capabilityRisk('system.something.else'), 'destructive');
  assert.deepEqual(
    ['read', 'change', 'destructive'].map((tier) => riskLabel(tier as 'read')),
    ['Reads only', 'Changes things', 'Can delete or replace'],
  );
});

test('a scoped capability is described by its scope title when the host lists it, else by its id', () => {
  const git = listing.process.find((scope) => scope.id === 'git') ?? null;
  assert.equal(describeCapability('system.process.scope.git', git), 'Run programs in “git (read-only)”');
  assert.equal(describeCapability('system.fs.scope.workspace', listing.fs[0]), 'Change files in “Gatehouse workspace”');
  assert.equal(describeCapability('system.process.scope.gone', null), 'Process scope “gone”');
});
