// The scope editor keeps a scope's sandbox: read back from a scope, written back unchanged, denied by default.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_PROCESS_FORM, processFormFromScope, processScopeFromForm } from '../../src/renderer/lib/scope-forms';
import { processScopeSchema } from '../../src/core/policy/process-scope';

const base = {
  ...EMPTY_PROCESS_FORM,
  id: 'kube',
  title: 'Kube',
  executables: '/usr/bin/kubectl',
  tool: 'kubectl' as const,
  allowedSubcommands: 'get',
};

test('a new scope denies everything in its sandbox, and the host accepts what the form writes', () => {
  const { scope } = processScopeFromForm(base);
  assert.deepEqual(scope?.sandbox, { network: false, readPaths: [], writePaths: [], allowUnsandboxed: false });
  assert.equal(processScopeSchema.safeParse(scope).success, true);
});

test('the sandbox and risk text survive an edit round trip', () => {
  const sandbox = { network: true, readPaths: ['/home/u/.kube'], writePaths: ['/home/u/.kube/cache'], allowUnsandboxed: true };
  const form = processFormFromScope({ ...processScopeFromForm(base).scope, sandbox, risk: 'runs exec plugins' });
  assert.equal(form.sandboxNetwork, true);
  const { scope } = processScopeFromForm(form);
  assert.deepEqual(scope?.sandbox, sandbox);
  assert.equal(scope?.risk, 'runs exec plugins');
});

test('a relative path or the whole filesystem is an error on the sandbox field', () => {
  assert.match(processScopeFromForm({ ...base, sandboxReadPaths: 'relative/path' }).errors.sandbox ?? '', /absolute/);
  assert.match(processScopeFromForm({ ...base, sandboxWritePaths: '/' }).errors.sandbox ?? '', /narrower/);
});
