// Operands and option values that name files: each example from the review, refused before anything runs,
// and where real git can show an effect, the effect is looked for on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkProcessInvocation, type InvocationContext } from '../../../src/core/policy/check-process-invocation';
import { createProcessPresets } from '../../../src/core/policy/process-presets';
import { processScopeSchema, type ProcessScope } from '../../../src/core/policy/process-scope';
import { runCheckedProcess } from '../../../src/core/process/run-checked-process';
import { rejectsWith, tempDir } from './process-test-helpers';

const GIT = '/usr/bin/git';

/** A preset with its executable replaced: real git, or a copy of /bin/echo standing in for a tool not installed here. */
async function preset(id: string, root: string, executable: string): Promise<ProcessScope> {
  const scope = createProcessPresets({ cwdRoots: [root] }).find((candidate) => candidate.id === id);
  assert.ok(scope, id);
  return processScopeSchema.parse({ ...scope, executables: [{ path: executable }], timeoutCeilingMs: 20_000 });
}

/** A stand-in for a tool that is not installed here: /bin/echo under the tool's name. */
async function fixtureTool(dir: string, name: string): Promise<string> {
  await mkdir(join(dir, 'bin'), { recursive: true });
  const path = join(dir, 'bin', name);
  await copyFile('/bin/echo', path);
  return path;
}

async function layout(t: Parameters<typeof tempDir>[0]) {
  const dir = await tempDir(t, 'gh-operands-');
  const outside = await tempDir(t, 'gh-outside-');
  const root = join(dir, 'root');
  await mkdir(join(root, 'sub'), { recursive: true });
  await writeFile(join(outside, 'secret.txt'), 'outside\n');
  await symlink(outside, join(root, 'escape'));
  return { dir, root, outside };
}

const gitRepo = (dir: string) => {
  execFileSync(GIT, ['init', '-q', '-b', 'main', dir]);
  execFileSync(GIT, ['-C', dir, '-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-q', '--allow-empty', '-m', 'one']);
};

test('git init <dir> and git clone <src> <dir> outside the roots are refused and create nothing', async (t) => {
  const { root, outside } = await layout(t);
  const scope = await preset('git-write', root, GIT);
  const target = join(outside, 'new-repo');
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: GIT, args: ['init', target], cwd: root }),
    'SCOPE_VIOLATION',
    'path-outside-roots',
  );
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: GIT, args: ['init', 'escape/new-repo'], cwd: root }),
    'SCOPE_VIOLATION',
    'path-outside-roots',
  );
  gitRepo(join(root, 'src'));
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: GIT, args: ['clone', join(root, 'src'), target], cwd: root }),
    'SCOPE_VIOLATION',
    'path-outside-roots',
  );
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: GIT, args: ['clone', `file://${join(root, 'src')}`, 'copy'], cwd: root }),
    'SCOPE_VIOLATION',
    'path-outside-roots',
  );
  gitRepo(join(outside, 'theirs'));
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: GIT, args: ['clone', join(outside, 'theirs'), 'copy'], cwd: root }),
    'SCOPE_VIOLATION',
    'path-outside-roots',
  );
  assert.deepEqual((await readdir(outside)).sort(), ['secret.txt', 'theirs']);
  assert.equal(existsSync(join(root, 'copy')), false);

  // Inside the roots the same commands run, and a remote URL is still a remote.
  const inside = await checkProcessInvocation(scope, { command: GIT, args: ['init', '-q', 'fresh'], cwd: root });
  await runCheckedProcess(inside);
  assert.ok(existsSync(join(root, 'fresh', '.git')));
  await checkProcessInvocation(scope, { command: GIT, args: ['clone', 'https://example.com/r.git', 'r'], cwd: root });
  await checkProcessInvocation(scope, { command: GIT, args: ['clone', 'git@example.com:r.git', 'r'], cwd: root });
});

test('git push to a local path outside the roots is refused and writes nothing there', async (t) => {
  const { root, outside } = await layout(t);
  const repo = join(root, 'repo');
  gitRepo(repo);
  execFileSync(GIT, ['init', '-q', '--bare', join(outside, 'target.git')]);
  const before = execFileSync(GIT, ['-C', join(outside, 'target.git'), 'for-each-ref']).toString();
  const scope = await preset('git-write', root, GIT);
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: GIT, args: ['push', join(outside, 'target.git'), 'main'], cwd: repo }),
    'SCOPE_VIOLATION',
    'path-outside-roots',
  );
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: GIT, args: ['push', '../../escape/x', 'main'], cwd: repo }),
    'SCOPE_VIOLATION',
    'path-outside-roots',
  );
  assert.equal(execFileSync(GIT, ['-C', join(outside, 'target.git'), 'for-each-ref']).toString(), before);
});

test('read-only git cannot read outside its roots: diff /dev/null, --no-index, blame --contents, -O, --output, -C, --git-dir, --work-tree', async (t) => {
  const { root, outside } = await layout(t);
  const repo = join(root, 'repo');
  gitRepo(repo);
  await writeFile(join(repo, 'f.txt'), 'inside\n');
  await symlink(outside, join(repo, 'escape'));
  const scope = await preset('git', root, GIT);
  const secret = join(outside, 'secret.txt');
  for (const args of [
    ['diff', '/dev/null', 'f.txt'],
    ['diff', secret, 'f.txt'],
    ['diff', '--', secret],
    ['blame', '--contents', secret, 'f.txt'],
    ['blame', `--contents=${secret}`, 'f.txt'],
    ['diff', `-O${secret}`],
    ['log', '-O', secret],
    ['blame', '--ignore-revs-file', secret, 'f.txt'],
    ['-C', outside, 'status'],
    [`--git-dir=${outside}`, 'status'],
    ['--work-tree', outside, 'status'],
    ['show', 'escape/secret.txt'],
    ['-C', '..', 'status'],
    ['log', '--', 'sub\\..\\..\\x'],
  ]) {
    await rejectsWith(() => checkProcessInvocation(scope, { command: GIT, args, cwd: repo }), 'SCOPE_VIOLATION', 'path-outside-roots');
  }
  for (const args of [
    ['diff', '--no-index', 'f.txt', 'f.txt'],
    ['log', '--output=x'],
    ['--exec-path=/tmp', 'status'],
    ['fetch', '--upload-pack=x'],
    ['init', '--template=/tmp'],
  ]) {
    await rejectsWith(() => checkProcessInvocation(scope, { command: GIT, args, cwd: repo }), 'SCOPE_VIOLATION');
  }
  const checked = await checkProcessInvocation(scope, { command: GIT, args: ['diff', 'HEAD', '--', 'f.txt'], cwd: repo });
  const result = await runCheckedProcess(checked).catch((error: { result?: { stdout: string } }) => error.result);
  assert.ok(!String(result?.stdout ?? '').includes('outside'));
});

test('terraform fmt -recursive / and other path operands outside the roots are refused', async (t) => {
  const { dir, root } = await layout(t);
  const terraform = await fixtureTool(dir, 'terraform');
  const scope = await preset('terraform-manage', root, terraform);
  for (const args of [
    ['fmt', '-recursive', '/'],
    ['fmt', 'escape'],
    ['fmt', '../x'],
    ['fmt', '--', '-x'],
    ['fmt', 'a\\b'],
  ]) {
    await rejectsWith(() => checkProcessInvocation(scope, { command: terraform, args, cwd: root }), 'SCOPE_VIOLATION');
  }
  await checkProcessInvocation(scope, { command: terraform, args: ['fmt', '-recursive', 'sub'], cwd: root });
  await checkProcessInvocation(scope, { command: terraform, args: ['fmt', '-'], cwd: root });
  // Resource addresses and ids are not host paths.
  await checkProcessInvocation(scope, {
    command: terraform,
    args: ['import', 'azurerm_resource_group.x', '/subscriptions/1/resourceGroups/x'],
    cwd: root,
  });
});

test('helm dependency build <dir> and chart operands outside the roots are refused; chart URLs are remotes', async (t) => {
  const { dir, root } = await layout(t);
  const helm = await fixtureTool(dir, 'helm');
  const scope = await preset('helm-manage', root, helm);
  for (const args of [
    ['dependency', 'build', '/'],
    ['dependency', 'build', 'escape'],
    ['install', 'r', '/etc'],
    ['install', 'r', 'file:///etc/chart'],
    ['pull', '../c'],
  ]) {
    await rejectsWith(() => checkProcessInvocation(scope, { command: helm, args, cwd: root }), 'SCOPE_VIOLATION', 'path-outside-roots');
  }
  await checkProcessInvocation(scope, { command: helm, args: ['dependency', 'build', 'sub'], cwd: root });
  await checkProcessInvocation(scope, { command: helm, args: ['install', 'r', 'oci://registry.example/charts/c'], cwd: root });
  await checkProcessInvocation(scope, { command: helm, args: ['install', 'r', 'bitnami/nginx'], cwd: root });
});

test('kubectl: credentials cannot be redirected and deny rules cannot be spelt around, through the whole check', async (t) => {
  const { dir, root } = await layout(t);
  const kubectl = await fixtureTool(dir, 'kubectl');
  const scope = await preset('kubectl', root, kubectl);
  const run = (args: string[], env?: Record<string, string>) =>
    checkProcessInvocation(scope, { command: kubectl, args, cwd: root, ...(env ? { env } : {}) });
  for (const args of [
    ['--server=https://evil.example', 'get', 'pods'],
    ['get', 'pods', '--token=t'],
    ['get', 'pods', '--as=admin'],
    ['--kubeconfig=k', 'get', 'pods'],
  ]) {
    await rejectsWith(() => run(args), 'SCOPE_VIOLATION', 'global-option-denied');
  }
  await rejectsWith(() => run(['get', 'pods'], { KUBECONFIG: join(root, 'k') }), 'SCOPE_VIOLATION', 'env-key-not-allowed');
  for (const args of [
    ['get', 'Secret/x'],
    ['get', 'secrets.v1.'],
    ['get', 'deploy,SECRET'],
    ['get', '-f', '-'],
    ['get', '-f', 'x.yaml'],
    ['get', '-k', 'sub'],
  ]) {
    await rejectsWith(() => run(args), 'SCOPE_VIOLATION', 'resource-denied');
  }
  await run(['get', 'pods', '-o', 'wide']);
  await run(['--context', 'prod', 'logs', 'pod', '-f']);
});

test('a backslash, control character or leading "-" is refused where a path is expected, not normalised', async (t) => {
  const { dir, root } = await layout(t);
  const kubectl = await fixtureTool(dir, 'kubectl');
  const scope = await preset('kubectl-manage', root, kubectl);
  for (const value of ['sub\\..\\..\\etc\\passwd', 'x\u0000y', 'x\ny', '-rf', 'escape/x.yaml']) {
    await rejectsWith(
      () => checkProcessInvocation(scope, { command: kubectl, args: ['apply', '-f', value], cwd: root }),
      'SCOPE_VIOLATION',
      'path-outside-roots',
    );
  }
});

test('write-then-execute: terraform in a folder the plugin can write is refused; fmt is not code loading', async (t) => {
  const { dir, root } = await layout(t);
  const terraform = await fixtureTool(dir, 'terraform');
  const scope = await preset('terraform-manage', root, terraform);
  const workspace = join(root, 'sub');
  const context: InvocationContext = { writableRoots: [workspace], homeDir: join(dir, 'home') };
  for (const args of [['init'], ['plan'], ['apply']]) {
    const failure = await rejectsWith(
      () => checkProcessInvocation(scope, { command: terraform, args, cwd: workspace }, context),
      'SCOPE_VIOLATION',
      'code-in-writable-folder',
    );
    assert.match(failure.message, /can write/);
  }
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: terraform, args: [`-chdir=sub`, 'plan'], cwd: root }, context),
    'SCOPE_VIOLATION',
    'code-in-writable-folder',
  );
  await rejectsWith(
    () => checkProcessInvocation(scope, { command: terraform, args: ['init', '-plugin-dir=sub/providers'], cwd: root }, context),
    'SCOPE_VIOLATION',
    'code-in-writable-folder',
  );
  await checkProcessInvocation(scope, { command: terraform, args: ['fmt'], cwd: workspace }, context);
  await checkProcessInvocation(scope, { command: terraform, args: ['plan'], cwd: root }, context);
  await checkProcessInvocation(scope, { command: terraform, args: ['plan'], cwd: workspace }, { homeDir: context.homeDir as string });
});

test('write-then-execute: kubectl and helm are refused when the plugin can write their kubeconfig or plugin folders', async (t) => {
  const { dir, root } = await layout(t);
  const home = join(dir, 'home');
  await mkdir(join(home, '.kube'), { recursive: true });
  const kubectl = await fixtureTool(dir, 'kubectl');
  const helm = await fixtureTool(dir, 'helm');
  const kubeScope = await preset('kubectl', root, kubectl);
  const helmScope = await preset('helm', root, helm);
  await rejectsWith(
    () =>
      checkProcessInvocation(kubeScope, { command: kubectl, args: ['get', 'pods'], cwd: root }, { writableRoots: [home], homeDir: home }),
    'SCOPE_VIOLATION',
    'code-in-writable-folder',
  );
  await rejectsWith(
    () =>
      checkProcessInvocation(
        helmScope,
        { command: helm, args: ['list'], cwd: root },
        { writableRoots: [join(home, '.kube')], homeDir: home },
      ),
    'SCOPE_VIOLATION',
    'code-in-writable-folder',
  );
  // A workspace beside the config is fine.
  await checkProcessInvocation(
    kubeScope,
    { command: kubectl, args: ['get', 'pods'], cwd: root },
    { writableRoots: [join(home, 'Gatehouse', 'workspace')], homeDir: home },
  );
});

test('write-then-execute: git in a folder the plugin can write runs, because its code loading is neutralised', async (t) => {
  const { root } = await layout(t);
  const repo = join(root, 'repo');
  gitRepo(repo);
  const scope = await preset('git', root, GIT);
  const checked = await checkProcessInvocation(scope, { command: GIT, args: ['status'], cwd: repo }, { writableRoots: [root] });
  assert.equal(checked.hostEnv.GIT_CONFIG_NOSYSTEM, '1');
  assert.ok(Object.entries(checked.hostEnv).some(([key, value]) => key.startsWith('GIT_CONFIG_KEY_') && value === 'core.hooksPath'));
});

test('write-then-execute: docker --config in a writable folder and git with a writable ~/.ssh are refused', async (t) => {
  const { dir, root } = await layout(t);
  const home = join(dir, 'home');
  await mkdir(join(home, '.ssh'), { recursive: true });
  const docker = await fixtureTool(dir, 'docker');
  const dockerScope = processScopeSchema.parse({
    ...(await preset('docker-cli', root, docker)),
    rules: { allowedSubcommands: ['version'] },
  });
  const context: InvocationContext = { writableRoots: [join(root, 'sub')], homeDir: home };
  await rejectsWith(
    () => checkProcessInvocation(dockerScope, { command: docker, args: ['--config', 'sub/cfg', 'version'], cwd: root }, context),
    'SCOPE_VIOLATION',
    'code-in-writable-folder',
  );
  await checkProcessInvocation(dockerScope, { command: docker, args: ['version'], cwd: root }, context);

  const repo = join(root, 'repo');
  gitRepo(repo);
  const gitScope = await preset('git-write', root, GIT);
  await rejectsWith(
    () => checkProcessInvocation(gitScope, { command: GIT, args: ['fetch'], cwd: repo }, { writableRoots: [home], homeDir: home }),
    'SCOPE_VIOLATION',
    'code-in-writable-folder',
  );
});

test('terraform init -from-module: a local folder outside the roots is refused, a remote address is not', async (t) => {
  const { dir, root } = await layout(t);
  const terraform = await fixtureTool(dir, 'terraform');
  const scope = await preset('terraform-manage', root, terraform);
  for (const value of ['/etc', 'escape', 'file:///etc', '../m']) {
    await rejectsWith(
      () => checkProcessInvocation(scope, { command: terraform, args: ['init', `-from-module=${value}`], cwd: root }),
      'SCOPE_VIOLATION',
      'path-outside-roots',
    );
  }
  await checkProcessInvocation(scope, { command: terraform, args: ['init', '-from-module=https://example.com/m.zip'], cwd: root });
  await checkProcessInvocation(scope, { command: terraform, args: ['init', '-from-module=hashicorp/consul/aws'], cwd: root });
});

test('kubectl output templates read from a file must lie inside the roots; inline templates are not paths', async (t) => {
  const { dir, root, outside } = await layout(t);
  const kubectl = await fixtureTool(dir, 'kubectl');
  const scope = await preset('kubectl', root, kubectl);
  const secret = join(outside, 'secret.txt');
  for (const args of [
    ['get', 'pods', '-o', `jsonpath-file=${secret}`],
    ['get', 'pods', `--output=go-template-file=${secret}`],
    ['get', 'pods', '-o', 'custom-columns-file=escape/secret.txt'],
    ['get', 'pods', '-o', 'go-template-file', '--template', secret],
  ]) {
    await rejectsWith(() => checkProcessInvocation(scope, { command: kubectl, args, cwd: root }), 'SCOPE_VIOLATION', 'path-outside-roots');
  }
  await checkProcessInvocation(scope, {
    command: kubectl,
    args: ['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}'],
    cwd: root,
  });
  await checkProcessInvocation(scope, {
    command: kubectl,
    args: ['get', 'pods', '-o', 'go-template', '--template', '{{.kind}}'],
    cwd: root,
  });
  await checkProcessInvocation(scope, { command: kubectl, args: ['get', 'pods', '-o', 'jsonpath-file=sub/t.txt'], cwd: root });
});
