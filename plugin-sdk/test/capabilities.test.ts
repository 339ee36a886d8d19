import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  FIXED_CAPABILITIES,
  capabilitySchema,
  createFilesystemCapabilityBundle,
  createFilesystemScopeCapability,
  createProcessCapabilityBundle,
  createProcessScopeCapability,
  getCapabilityScope,
  getRequiredCapabilities,
  isCapability,
  toValidationIssues,
} from '@gatehouse/plugin-sdk';
import { fullRequests } from './support/fixtures.js';

describe('capabilities', () => {
  it('names the capabilities each action needs', () => {
    assert.deepEqual(getRequiredCapabilities(fullRequests['system.clipboard.read']), ['system.clipboard.read']);
    assert.deepEqual(getRequiredCapabilities(fullRequests['system.clipboard.write']), ['system.clipboard.write']);
    assert.deepEqual(getRequiredCapabilities(fullRequests['system.hosts.write']), ['system.hosts.write']);
    assert.deepEqual(getRequiredCapabilities(fullRequests['system.fs.mutate']), ['system.fs.mutate', 'system.fs.scope.workspace']);
    assert.deepEqual(getRequiredCapabilities(fullRequests['system.process.exec']), ['system.process.exec', 'system.process.scope.docker']);
    assert.deepEqual(getRequiredCapabilities(fullRequests['system.workflow.run']), ['system.process.exec', 'system.process.scope.docker']);
  });

  it('builds scoped capabilities and bundles with normalized scope ids', () => {
    assert.equal(createFilesystemScopeCapability('  My Workspace '), 'system.fs.scope.my-workspace');
    assert.equal(createProcessScopeCapability('Docker CLI'), 'system.process.scope.docker-cli');
    assert.deepEqual(createProcessCapabilityBundle('git'), ['system.process.exec', 'system.process.scope.git']);
    assert.deepEqual(createFilesystemCapabilityBundle('Workspace'), ['system.fs.mutate', 'system.fs.scope.workspace']);
    assert.throws(() => createProcessScopeCapability('---'), TypeError);
    assert.throws(() => createFilesystemScopeCapability('a'.repeat(65)), TypeError);
  });

  it('reads the scope back out of a scoped capability', () => {
    assert.deepEqual(getCapabilityScope('system.fs.scope.workspace'), { kind: 'fs', scope: 'workspace' });
    assert.deepEqual(getCapabilityScope('system.process.scope.git'), { kind: 'process', scope: 'git' });
    assert.equal(getCapabilityScope('system.hosts.write'), null);
  });

  it('accepts every known capability', () => {
    for (const capability of [...FIXED_CAPABILITIES, 'system.fs.scope.workspace', 'system.process.scope.docker-cli']) {
      assert.ok(isCapability(capability), capability);
    }
  });

  const manifest = z.strictObject({ capabilities: z.array(capabilitySchema) });
  for (const capability of [
    'system.shell',
    'system.fs',
    'system.fs.scope.',
    'system.fs.scope.Workspace',
    'system.process.scope.my docker',
    'system.process.scope.-git',
    'system.workflow.run',
    'system.clipboard.*',
    'SYSTEM.CLIPBOARD.READ',
    '',
  ]) {
    it(`rejects unknown capability ${JSON.stringify(capability)} naming its position`, () => {
      assert.equal(isCapability(capability), false);
      const parsed = manifest.safeParse({ capabilities: ['system.clipboard.read', capability] });
      assert.equal(parsed.success, false);
      if (!parsed.success)
        assert.deepEqual(
          toValidationIssues(parsed.error).map((issue) => issue.path),
          ['capabilities[1]'],
        );
    });
  }
});
