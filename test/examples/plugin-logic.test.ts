import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createFilesystemMutateActionRequest,
  createScopedProcessExecActionRequest,
  createScopedWorkflowRequest,
  getRequiredCapabilities,
  type PrivilegedActionRequest,
} from '@gatehouse/plugin-sdk';
import { pluginManifestSchema } from '@gatehouse/plugin-sdk';
import { getExamplePlugin, runPluginScript, type ExamplePlugin } from './example-plugins';

// The plugin scripts run here as they are shipped; what they build goes through the SDK's own builders.

/** Plain data, so values built by plugin code compare structurally. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function assertCovered(example: ExamplePlugin, request: PrivilegedActionRequest): void {
  const declared = new Set<string>(pluginManifestSchema.parse(example.manifest).capabilities);
  for (const capability of getRequiredCapabilities(request)) {
    assert.ok(declared.has(capability), `${example.name} needs ${capability} but does not declare it`);
  }
}

interface Transform {
  id: string;
  label: string;
  apply(text: string): string;
}

test('clipboard-tools: each transform gives the expected text and refuses what it cannot read', () => {
  const transforms = runPluginScript(getExamplePlugin('clipboard-tools'), 'transforms.js').ClipboardTransforms as Transform[];
  const apply = (id: string, text: string) => {
    const transform = transforms.find((t) => t.id === id);
    assert.ok(transform, `no transform ${id}`);
    return transform.apply(text);
  };
  assert.deepEqual(
    transforms.map((t) => t.label),
    ['Trim', 'UPPER CASE', 'lower case', 'Base64 encode', 'Base64 decode', 'Pretty-print JSON', 'Sort lines', 'Remove duplicate lines'],
  );
  assert.equal(apply('trim', '  a  \n b \t\n\n'), 'a\n b');
  assert.equal(apply('upper', 'Straße ok'), 'STRASSE OK');
  assert.equal(apply('lower', 'ÀB C'), 'àb c');

  const unicode = 'héllo ✓ 🚀';
  const encoded = apply('base64-encode', unicode);
  assert.equal(encoded, Buffer.from(unicode, 'utf8').toString('base64'));
  assert.equal(apply('base64-decode', encoded), unicode);
  assert.equal(apply('base64-decode', ` ${encoded.slice(0, 8)}\n${encoded.slice(8)} `), unicode, 'whitespace is ignored');
  const urlSafe = Buffer.from([0xfb, 0xff]).toString('base64url');
  assert.throws(() => apply('base64-decode', urlSafe), /not UTF-8/, 'bytes that are not UTF-8 are refused');
  assert.equal(apply('base64-decode', Buffer.from('a?b>').toString('base64url')), 'a?b>', 'URL-safe input decodes');
  assert.throws(() => apply('base64-decode', 'not base64!!'), /not base64/);
  assert.throws(() => apply('base64-decode', 'abcde'), /not base64/, 'a length that no base64 text has');

  assert.equal(apply('json-pretty', '{"a":[1,{"b":null}]}'), '{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ]\n}\n');
  assert.throws(() => apply('json-pretty', '{a: 1}'), /not valid JSON/);

  assert.equal(apply('sort-lines', 'b\na\nc\n'), 'a\nb\nc\n', 'keeps the final newline');
  assert.equal(apply('sort-lines', 'b\r\na'), 'a\r\nb', 'keeps CRLF line ends');
  assert.equal(apply('dedupe-lines', 'x\ny\nx\n\ny\n'), 'x\ny\n\n');
});

interface DockerModule {
  READ_SCOPE: string;
  MANAGE_SCOPE: string;
  commands: Record<'listContainers' | 'listImages' | 'version', () => string[]> & Record<'start' | 'stop', (id: string) => string[]>;
  parseJsonLines(stdout: string): Record<string, unknown>[];
  toContainer(raw: Record<string, unknown>): { id: string; name: string; state: string };
  describeDockerProblem(response: unknown, scope: string): string | null;
  parseVersion(stdout: string): { client: string; server: string | null } | null;
}

test('docker-panel: only fixed argv and container ids from docker ps reach a request, in declared scopes', () => {
  const example = getExamplePlugin('docker-panel');
  const docker = runPluginScript(example, 'docker.js').Docker as DockerModule;
  assert.deepEqual(plain(docker.commands.listContainers()), ['ps', '--all', '--format', '{{json .}}']);
  assert.deepEqual(plain(docker.commands.listImages()), ['images', '--format', '{{json .}}']);
  assert.deepEqual(plain(docker.commands.version()), ['version', '--format', '{{json .}}']);
  assert.deepEqual(plain(docker.commands.stop('3f2a9c1b7d4e')), ['stop', '3f2a9c1b7d4e']);
  for (const hostile of ['--privileged', 'web; rm -rf /', '3F2A9C1B7D4E', 'abc', '', '3f2a9c1b7d4e --rm']) {
    assert.throws(() => docker.commands.start(hostile), /Not a container id/, `accepted ${JSON.stringify(hostile)}`);
  }
  const requests = [
    [docker.READ_SCOPE, docker.commands.listContainers()],
    [docker.READ_SCOPE, docker.commands.listImages()],
    [docker.READ_SCOPE, docker.commands.version()],
    [docker.MANAGE_SCOPE, docker.commands.start('3f2a9c1b7d4e')],
    [docker.MANAGE_SCOPE, docker.commands.stop('3f2a9c1b7d4e')],
  ] as const;
  for (const [scope, args] of requests) {
    assertCovered(example, createScopedProcessExecActionRequest(scope, { command: '/usr/bin/docker', args: plain([...args]) }));
  }
});

test('docker-panel: reads docker JSON output and names the common failures in plain words', () => {
  const docker = runPluginScript(getExamplePlugin('docker-panel'), 'docker.js').Docker as DockerModule;
  const stdout = [
    JSON.stringify({ ID: '3f2a9c1b7d4e', Names: 'web,alias', Image: 'nginx', State: 'running', Status: 'Up 2 hours' }),
    'WARNING: something the CLI printed',
    '[1,2]',
    JSON.stringify({ ID: '1a2b3c4d5e6f', Names: 'job', Image: 'busybox', Status: 'Exited (0) 1 hour ago' }),
  ].join('\n');
  const containers = plain(docker.parseJsonLines(stdout).map(docker.toContainer));
  assert.deepEqual(
    containers.map((c) => [c.id, c.name, c.state]),
    [
      ['3f2a9c1b7d4e', 'web', 'running'],
      ['1a2b3c4d5e6f', 'job', 'exited'],
    ],
  );
  const notInstalled = 'Docker is not installed or not allowed on this machine';
  assert.equal(docker.describeDockerProblem({ ok: false, code: 'PROCESS_SPAWN_ENOENT' }, 'docker-cli'), notInstalled);
  assert.equal(
    docker.describeDockerProblem({ ok: false, code: 'SCOPE_VIOLATION', details: { reason: 'executable-not-allowed' } }, 'docker-cli'),
    notInstalled,
  );
  assert.equal(
    docker.describeDockerProblem({ ok: false, code: 'SCOPE_VIOLATION', details: { reason: 'subcommand-denied' } }, 'docker-cli'),
    null,
  );
  assert.match(
    docker.describeDockerProblem(
      {
        ok: false,
        code: 'PROCESS_EXIT_NON_ZERO',
        result: { stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.' },
      },
      'docker-cli',
    ) ?? '',
    /daemon is not running/,
  );
  assert.match(docker.describeDockerProblem({ ok: false, code: 'SCOPE_NOT_CONFIGURED' }, 'docker-cli-manage') ?? '', /"docker-cli-manage"/);
  const version = plain(docker.parseVersion(JSON.stringify({ Client: { Version: '28.2.2', ApiVersion: '1.50' }, Server: null })));
  assert.equal(version?.client, '28.2.2');
  assert.equal(version?.server, null);
  assert.equal(docker.parseVersion(''), null);
});

interface Templates {
  templates: { id: string; title: string; files(name: string): { path: string; content: string }[] }[];
  toOperations(projectPath: string, files: { path: string; content: string }[], separator?: string): { type: string; path: string }[];
}

test('project-scaffolder: every template becomes a valid fs.mutate batch in the workspace scope, folders before files', () => {
  const example = getExamplePlugin('project-scaffolder');
  const { templates, toOperations } = runPluginScript(example, 'templates.js').ScaffoldTemplates as Templates;
  assert.deepEqual(
    templates.map((t) => t.title),
    ['TypeScript library', 'Static site'],
  );
  for (const template of templates) {
    const files = template.files('demo-lib');
    assert.ok(
      files.some((file) => file.path === 'README.md') &&
        files.some((file) => file.path === 'package.json') &&
        files.some((file) => file.path === '.gitignore'),
    );
    assert.equal((JSON.parse(files.find((file) => file.path === 'package.json')?.content ?? '{}') as { name?: string }).name, 'demo-lib');
    for (const [root, separator] of [
      ['/home/me/Gatehouse/workspace/demo-lib', '/'],
      ['C:\\Users\\me\\Gatehouse\\workspace\\demo-lib', '\\'],
    ] as const) {
      const operations = plain(toOperations(root, files, separator));
      const request = createFilesystemMutateActionRequest({ scope: 'workspace', operations: operations as never, dryRun: true });
      assertCovered(example, request);
      const made = new Set<string>();
      for (const operation of operations) {
        assert.ok(operation.path === root || operation.path.startsWith(root + separator), `${operation.path} is outside ${root}`);
        const parent = operation.path.slice(0, operation.path.lastIndexOf(separator));
        if (operation.path !== root) assert.ok(made.has(parent), `${operation.path} comes before its folder ${parent}`);
        if (operation.type === 'mkdir') made.add(operation.path);
      }
      assert.equal(operations.filter((op) => op.type === 'writeFile').length, files.length);
    }
  }
});

interface ReleaseSteps {
  SCOPE: string;
  GATED_STEP_IDS: string[];
  isVersion(value: string): boolean;
  buildWorkflow(repository: string, version: string, dryRun: boolean): Record<string, unknown>;
  commandLine(step: { args: string[] }): string;
}

test('release-workflow: the workflow validates, gates the tag and push steps, and continues past a missing tag', () => {
  const example = getExamplePlugin('release-workflow');
  const release = runPluginScript(example, 'release-steps.js').ReleaseSteps as ReleaseSteps;
  for (const good of ['1.2.0', '0.0.1', '2.0.0-rc.1']) assert.equal(release.isVersion(good), true, good);
  for (const bad of ['v1.2.0', '1.2', '-1.0.0', '1.2.0 --force', '1.2.0-', '1.2.0-a..b', ''])
    assert.equal(release.isVersion(bad), false, bad);

  const request = createScopedWorkflowRequest(release.SCOPE, plain(release.buildWorkflow('/home/me/src/app', '1.2.0', false)) as never);
  assertCovered(example, request);
  const { payload } = request;
  assert.equal(payload.kind, 'process-sequence');
  assert.equal(payload.scope, 'git-release');
  assert.deepEqual(
    payload.steps.map((step) => [step.id, step.command, step.cwd, step.onError ?? 'abort']),
    [
      ['check-tree', '/usr/bin/git', '/home/me/src/app', 'abort'],
      ['last-tag', '/usr/bin/git', '/home/me/src/app', 'continue'],
      ['create-tag', '/usr/bin/git', '/home/me/src/app', 'abort'],
      ['push-tag', '/usr/bin/git', '/home/me/src/app', 'abort'],
    ],
  );
  assert.deepEqual(payload.steps[2]?.args, ['tag', '-a', 'v1.2.0', '-m', 'Release v1.2.0']);
  assert.deepEqual(payload.steps[3]?.args, ['push', 'origin', 'v1.2.0']);
  assert.deepEqual(payload.confirmation?.requiredForStepIds, ['create-tag', 'push-tag']);
  assert.equal(release.commandLine({ args: ['tag', '-m', 'Release v1'] }), 'git tag -m "Release v1"');

  const dry = createScopedWorkflowRequest(release.SCOPE, plain(release.buildWorkflow('/home/me/src/app', '1.2.0', true)) as never);
  assert.equal(dry.payload.dryRun, true);
});
