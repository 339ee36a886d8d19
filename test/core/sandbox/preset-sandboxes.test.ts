// The presets' sandbox needs, stated honestly: the network only where the tool talks to a server, no
// credential implied, docker's root-equivalence said in its risk text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProcessPresets } from '../../../src/core/policy/process-presets';

const home = '/home/someone';
const presets = createProcessPresets({ cwdRoots: ['/work'], home });
const byId = (id: string) => {
  const scope = presets.find((candidate) => candidate.id === id);
  assert.ok(scope, id);
  return scope;
};

test('the network only for tools that talk to a server themselves', () => {
  const networked = presets.filter((scope) => scope.sandbox.network).map((scope) => scope.id);
  assert.deepEqual(networked, ['kubectl', 'kubectl-manage', 'helm', 'helm-manage', 'terraform-manage', 'git-write', 'git-release']);
});

test('no preset implies a credential: nothing under ~/.ssh, ~/.aws, ~/.config/gcloud or ~/.docker', () => {
  for (const scope of presets) {
    for (const path of [...scope.sandbox.readPaths, ...scope.sandbox.writePaths]) {
      assert.doesNotMatch(path, /\/\.(ssh|aws|docker|gnupg)(\/|$)|\/gcloud(\/|$)/, `${scope.id}: ${path}`);
      if (path.startsWith(`${home}/`))
        assert.match(
          path,
          /\/\.(kube|terraform\.d|gitconfig)(\/|$)|\/helm$|\/\.config\/git$/,
          `${scope.id} names only its own tool's configuration: ${path}`,
        );
    }
    assert.equal(scope.sandbox.allowUnsandboxed, false, `${scope.id} never runs unsandboxed`);
  }
});

test('docker needs its socket and says it is root-equivalent; kubectl and helm need the kubeconfig', () => {
  for (const id of ['docker-cli', 'docker-cli-manage']) {
    assert.deepEqual(byId(id).sandbox.writePaths, ['/var/run/docker.sock']);
    assert.match(byId(id).risk ?? '', /root-equivalent/);
  }
  for (const id of ['kubectl', 'kubectl-manage', 'helm', 'helm-manage'])
    assert.ok(byId(id).sandbox.readPaths.includes(`${home}/.kube`), id);
  assert.match(byId('kubectl').risk ?? '', /exec credential plugins/);
  assert.match(byId('git-write').risk ?? '', /ssh key/);
  assert.deepEqual(byId('git-write').sandbox.readPaths, [`${home}/.gitconfig`, `${home}/.config/git`], 'the git configuration, no key');
});
