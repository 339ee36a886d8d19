import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeLoadingWarnings } from '../../src/renderer/lib/code-loading-overlap';

const fs = [{ id: 'workspace', roots: ['/home/u/Gatehouse/workspace'] }];

test('a terraform scope whose working folders overlap a writable folder gets a warning; git does not', () => {
  const terraform = { tool: 'terraform', cwdRoots: ['/home/u'] };
  assert.equal(codeLoadingWarnings(terraform, fs).length, 1);
  assert.match(codeLoadingWarnings(terraform, fs)[0] as string, /cannot run terraform there/);
  assert.deepEqual(codeLoadingWarnings({ tool: 'terraform', cwdRoots: ['/srv/infra'] }, fs), []);
  assert.deepEqual(codeLoadingWarnings({ tool: 'git', cwdRoots: ['/home/u'] }, fs), [], 'git is neutralised');
});

test('kubectl, helm and docker warn when a writable folder holds their configuration', () => {
  const kube = [{ id: 'k', roots: ['/home/u/.kube'] }];
  assert.equal(codeLoadingWarnings({ tool: 'kubectl', cwdRoots: ['/x'] }, kube).length, 1);
  assert.equal(codeLoadingWarnings({ tool: 'helm', cwdRoots: ['/x'] }, kube).length, 1);
  assert.deepEqual(codeLoadingWarnings({ tool: 'docker', cwdRoots: ['/x'] }, kube), []);
  assert.deepEqual(codeLoadingWarnings({ tool: 'kubectl', cwdRoots: ['/x'] }, fs), []);
});
