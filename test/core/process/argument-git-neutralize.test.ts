// Repository-controlled code: each test plants a program in a real repository's configuration (or hooks,
// or attributes), shows that plain git runs it, then runs the allowed command through the host and asserts
// that the canary file the planted program would create does not exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { checkProcessInvocation } from '../../../src/core/policy/check-process-invocation';
import { runCheckedProcess } from '../../../src/core/process/run-checked-process';
import { makeScope, rejectsWith, tempDir } from './process-test-helpers';

const GIT = '/usr/bin/git';
const SUBCOMMANDS = [
  'status',
  'diff',
  'log',
  'show',
  'add',
  'commit',
  'checkout',
  'restore',
  'merge',
  'fetch',
  'rebase',
  'reset',
  'blame',
  'init',
  'clone',
  'push',
];

interface Fixture {
  root: string;
  repo: string;
  canary: string;
  /** The shell command a planted config runs: it creates the canary. */
  touch: string;
}

/** Plain git, outside the host, with no prompts and no system configuration. */
async function plain(cwd: string, args: string[], input?: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      GIT,
      args,
      {
        cwd,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1' },
        timeout: 20_000,
      },
      (error, stdout, stderr) => resolve({ ok: !error, output: error ? stderr : stdout }),
    );
    // git may exit before reading its input; a closed pipe is not a failure here.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

async function fixture(t: Parameters<typeof tempDir>[0]): Promise<Fixture> {
  const root = await tempDir(t, 'gh-git-');
  const canaryDir = await tempDir(t, 'gh-canary-');
  const repo = join(root, 'repo');
  await mkdir(repo);
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['config', 'user.email', 'a@example.com'],
    ['config', 'user.name', 'A'],
    ['config', 'commit.gpgSign', 'false'],
  ]) {
    await plain(repo, args);
  }
  await writeFile(join(repo, 'f.txt'), 'one\n');
  await plain(repo, ['add', '.']);
  await plain(repo, ['commit', '-qm', 'one']);
  const canary = join(canaryDir, 'canary');
  return { root, repo, canary, touch: `touch ${canary}` };
}

function gitScope(root: string, subcommands: string[] = SUBCOMMANDS) {
  return makeScope({
    tool: 'git',
    executables: [{ path: GIT }],
    rules: { allowedSubcommands: subcommands },
    cwdRoots: [root],
    timeoutCeilingMs: 20_000,
  });
}

/** Runs the command through the host's check and spawn; a refusal or a failing exit is fine, an effect is not. */
async function viaHost(f: Fixture, args: string[], input?: string): Promise<string> {
  try {
    const checked = await checkProcessInvocation(gitScope(f.root), { command: GIT, args, cwd: f.repo, ...(input ? { input } : {}) });
    const result = await runCheckedProcess(checked);
    return `ok: ${result.stdout}`;
  } catch (error) {
    return `failed: ${(error as Error).message}`;
  }
}

type Plant = (f: Fixture) => Promise<unknown>;

/**
 * Plants the same thing in two fresh repositories: plain git runs it in the first (so the test can fail),
 * the host runs the same command in the second and the canary must not appear. Returns the host's outcome.
 */
async function assertNeutralized(t: Parameters<typeof tempDir>[0], plant: Plant, args: string[], input?: string): Promise<string> {
  const control = await fixture(t);
  await plant(control);
  await plain(control.repo, args, input);
  assert.ok(existsSync(control.canary), `plain git ${args.join(' ')} should run the planted program (the test could not fail otherwise)`);
  const f = await fixture(t);
  await plant(f);
  const outcome = await viaHost(f, args, input);
  assert.ok(!existsSync(f.canary), `git ${args.join(' ')} through the host ran the planted program (${outcome})`);
  return outcome;
}

const config = (f: Fixture, key: string, value: string) => plain(f.repo, ['config', key, value]);
const dirty = (f: Fixture) => writeFile(join(f.repo, 'f.txt'), 'one\ntwo\n');
async function script(f: Fixture, name: string, text: string): Promise<string> {
  const path = join(f.root, name);
  await writeFile(path, `#!/bin/sh\n${text}\n`);
  await chmod(path, 0o755);
  return path;
}

test('git: a planted hook in .git/hooks does not run on commit', async (t) => {
  const outcome = await assertNeutralized(
    t,
    async (f) => {
      await writeFile(join(f.repo, '.git', 'hooks', 'post-commit'), `#!/bin/sh\n${f.touch}\n`);
      await chmod(join(f.repo, '.git', 'hooks', 'post-commit'), 0o755);
      await dirty(f);
    },
    ['commit', '-qam', 'two'],
  );
  assert.match(outcome, /^ok/, 'the commit itself still works');
});

test('git: core.hooksPath pointing at planted hooks does not run them', async (t) => {
  await assertNeutralized(
    t,
    async (f) => {
      await mkdir(join(f.repo, 'hooks'));
      await writeFile(join(f.repo, 'hooks', 'pre-commit'), `#!/bin/sh\n${f.touch}\n`);
      await chmod(join(f.repo, 'hooks', 'pre-commit'), 0o755);
      await config(f, 'core.hooksPath', join(f.repo, 'hooks'));
      await dirty(f);
    },
    ['commit', '-qam', 'two'],
  );
});

test('git: core.fsmonitor does not run on status', async (t) => {
  const outcome = await assertNeutralized(
    t,
    async (f) => {
      await config(f, 'core.fsmonitor', f.touch);
      await dirty(f);
    },
    ['status'],
  );
  assert.match(outcome, /^ok/);
});

test('git: diff.external does not run on diff', async (t) => {
  await assertNeutralized(
    t,
    async (f) => {
      await config(f, 'diff.external', f.touch);
      await dirty(f);
    },
    ['diff'],
  );
});

test('git: a diff driver command chosen by .gitattributes does not run', async (t) => {
  await assertNeutralized(
    t,
    async (f) => {
      await writeFile(join(f.repo, '.gitattributes'), '*.txt diff=evil\n');
      await config(f, 'diff.evil.command', f.touch);
      await dirty(f);
    },
    ['diff'],
  );
});

test('git: a textconv driver does not run on log -p, and the diff still shows', async (t) => {
  const outcome = await assertNeutralized(
    t,
    async (f) => {
      await writeFile(join(f.repo, '.git', 'info', 'attributes'), '*.txt diff=evil\n');
      await config(f, 'diff.evil.textconv', `${f.touch}; cat`);
    },
    ['log', '-p', '-1'],
  );
  assert.match(outcome, /^ok: [\s\S]*\+one/);
});

test('git: clean and process filter drivers do not run on add', async (t) => {
  const outcome = await assertNeutralized(
    t,
    async (f) => {
      await writeFile(join(f.repo, '.gitattributes'), '*.txt filter=evil\n');
      await config(f, 'filter.evil.clean', `${f.touch}; cat`);
      await config(f, 'filter.evil.process', f.touch);
      await config(f, 'filter.evil.required', 'true');
      await dirty(f);
    },
    ['add', 'f.txt'],
  );
  assert.match(outcome, /^ok/);
});

test('git: a smudge filter does not run on checkout', async (t) => {
  await assertNeutralized(
    t,
    async (f) => {
      await writeFile(join(f.repo, '.gitattributes'), '*.txt filter=evil\n');
      await config(f, 'filter.evil.smudge', `${f.touch}; cat`);
      await dirty(f);
    },
    ['checkout', '--', 'f.txt'],
  );
});

test('git: a merge driver does not run on merge', async (t) => {
  await assertNeutralized(
    t,
    async (f) => {
      await writeFile(join(f.repo, '.gitattributes'), '*.txt merge=evil\n');
      await plain(f.repo, ['add', '.gitattributes']);
      await plain(f.repo, ['commit', '-qm', 'attrs']);
      await plain(f.repo, ['checkout', '-qb', 'side']);
      await writeFile(join(f.repo, 'f.txt'), 'side\n');
      await plain(f.repo, ['commit', '-qam', 'side']);
      await plain(f.repo, ['checkout', '-q', 'main']);
      await writeFile(join(f.repo, 'f.txt'), 'main\n');
      await plain(f.repo, ['commit', '-qam', 'main']);
      await config(f, 'merge.evil.driver', `${f.touch}; false`);
    },
    ['merge', 'side'],
  );
});

test('git: core.editor does not run on commit', async (t) => {
  await assertNeutralized(
    t,
    async (f) => {
      await config(f, 'core.editor', f.touch);
      await dirty(f);
    },
    ['commit', '-a'],
  );
});

test('git: sequence.editor does not run on rebase -i', async (t) => {
  await assertNeutralized(
    t,
    async (f) => {
      await config(f, 'sequence.editor', f.touch);
      await dirty(f);
      await plain(f.repo, ['commit', '-qam', 'two']);
    },
    ['rebase', '-i', 'HEAD~1'],
  );
});

test('git: gpg.program with commit.gpgSign does not run', async (t) => {
  await assertNeutralized(
    t,
    async (f) => {
      await config(f, 'gpg.program', await script(f, 'gpg.sh', `${f.touch}\nexit 1`));
      await config(f, 'commit.gpgSign', 'true');
      await dirty(f);
    },
    ['commit', '-qam', 'two'],
  );
});

test('git: core.sshCommand does not run on fetch', async (t) => {
  await assertNeutralized(
    t,
    async (f) => {
      await config(f, 'core.sshCommand', `${f.touch}; false`);
      await config(f, 'remote.origin.url', 'ssh://git@127.0.0.1:1/x.git');
    },
    ['fetch', 'origin'],
  );
});

test('git: core.gitProxy does not run on fetch over git://', async (t) => {
  await assertNeutralized(
    t,
    async (f) => {
      await config(f, 'core.gitProxy', await script(f, 'proxy.sh', `${f.touch}\nexit 1`));
      await config(f, 'remote.origin.url', 'git://127.0.0.1:1/x.git');
    },
    ['fetch', 'origin'],
  );
});

test('git: remote.<name>.uploadpack does not run on fetch from a local repository', async (t) => {
  const outcome = await assertNeutralized(
    t,
    async (f) => {
      await plain(f.root, ['clone', '-q', '--bare', f.repo, join(f.root, 'upstream.git')]);
      await config(f, 'remote.origin.url', join(f.root, 'upstream.git'));
      await config(f, 'remote.origin.uploadpack', `${f.touch}; git-upload-pack`);
    },
    ['fetch', 'origin'],
  );
  assert.match(outcome, /git-config-runs-program|names a program/);
});

test('git: an ext:: remote allowed by the repository does not run', async (t) => {
  await assertNeutralized(
    t,
    async (f) => {
      await config(f, 'protocol.ext.allow', 'always');
      await config(f, 'remote.origin.url', `ext::sh -c touch% ${f.canary}`);
    },
    ['fetch', 'origin'],
  );
});

async function unauthorizedServer(t: Parameters<typeof tempDir>[0]): Promise<string> {
  const server = createServer((_request, response) => {
    response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="x"' });
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/x.git`;
}

test('git: a credential helper does not run on fetch', async (t) => {
  const url = await unauthorizedServer(t);
  await assertNeutralized(
    t,
    async (f) => {
      await config(f, 'remote.origin.url', url);
      await config(f, 'credential.helper', `!${f.touch}; true`);
    },
    ['fetch', 'origin'],
  );
});

test('git: a per-URL credential helper does not run on fetch', async (t) => {
  const url = await unauthorizedServer(t);
  await assertNeutralized(
    t,
    async (f) => {
      await config(f, 'remote.origin.url', url);
      await config(f, `credential.${url}.helper`, `!${f.touch}; true`);
    },
    ['fetch', 'origin'],
  );
});

test('git: core.askPass does not run on fetch', async (t) => {
  const url = await unauthorizedServer(t);
  await assertNeutralized(
    t,
    async (f) => {
      await config(f, 'remote.origin.url', url);
      await config(f, 'core.askPass', await script(f, 'askpass.sh', `${f.touch}\necho x`));
    },
    ['fetch', 'origin'],
  );
});

test('git: a filter driver defined in an included file does not run', async (t) => {
  await assertNeutralized(
    t,
    async (f) => {
      await writeFile(join(f.root, 'included.cfg'), `[filter "evil"]\n\tclean = ${f.touch}; cat\n`);
      await config(f, 'include.path', join(f.root, 'included.cfg'));
      await writeFile(join(f.repo, '.gitattributes'), '*.txt filter=evil\n');
      await dirty(f);
    },
    ['add', 'f.txt'],
  );
});

test('git: a driver planted after the check, before the spawn, does not run', async (t) => {
  const f = await fixture(t);
  const checked = await checkProcessInvocation(gitScope(f.root, ['add']), { command: GIT, args: ['add', 'f.txt'], cwd: f.repo });
  await writeFile(join(f.repo, '.gitattributes'), '*.txt filter=late\n');
  await config(f, 'filter.late.clean', `${f.touch}; cat`);
  await dirty(f);
  await runCheckedProcess(checked);
  assert.ok(!existsSync(f.canary), 'the filter planted between check and spawn ran');
});

test('git: a repository whose core.worktree or .git file points outside the roots is refused, and nothing is written there', async (t) => {
  const f = await fixture(t);
  const outside = await tempDir(t, 'gh-outside-');
  await config(f, 'core.worktree', outside);
  await rejectsWith(
    () => checkProcessInvocation(gitScope(f.root), { command: GIT, args: ['reset', '--hard'], cwd: f.repo }),
    'SCOPE_VIOLATION',
    'git-repository-outside-roots',
  );
  assert.deepEqual(await readdir(outside), []);

  const g = await fixture(t);
  const linked = join(g.root, 'linked');
  await mkdir(linked);
  await plain(outside, ['init', '-q', 'elsewhere']);
  await writeFile(join(linked, '.git'), `gitdir: ${join(outside, 'elsewhere', '.git')}\n`);
  await rejectsWith(
    () => checkProcessInvocation(gitScope(g.root), { command: GIT, args: ['status'], cwd: linked }),
    'SCOPE_VIOLATION',
    'git-repository-outside-roots',
  );
});
