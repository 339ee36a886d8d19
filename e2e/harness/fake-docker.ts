// A fake docker CLI (e2e/fixtures/tools/fake-docker.py; no Docker daemon runs here) behind the Docker panel's
// own scope ids, so the shipped example runs unchanged: the presets' rules and confirmation, this file as the
// only executable (pinned by sha256), and no sandbox paths (the preset's docker socket does not exist here).
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createProcessPresets } from '../../src/core/policy/process-presets';
import { repoRoot } from './paths';

const FIXTURE = join(repoRoot, 'e2e', 'fixtures', 'tools', 'fake-docker.py');
const SCOPE_IDS = ['docker-cli', 'docker-cli-manage'];

/** Copies the fake into `binDir/fake-docker/docker`; answers its path and the two scopes that allow it. */
export async function installFakeDocker(binDir: string, cwdRoot: string): Promise<{ path: string; scopes: unknown[] }> {
  const dir = join(binDir, 'fake-docker');
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'docker');
  await copyFile(FIXTURE, path);
  await chmod(path, 0o755);
  const sha256 = createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
  const scopes = createProcessPresets({ cwdRoots: [cwdRoot] })
    .filter((scope) => SCOPE_IDS.includes(scope.id))
    .map(({ sandbox: _sandbox, ...scope }) => ({ ...scope, title: `${scope.title} (fake docker)`, executables: [{ path, sha256 }] }));
  return { path, scopes };
}

/**
 * The pids of live processes running the fake with `subcommand`: the shell reading the script and the
 * bubblewrap around it (both name the script's path on their command line). Read from /proc, so a process
 * the UI says is stopped but still runs is found. A zombie has an empty command line and is not counted.
 */
export async function fakeDockerProcesses(fakePath: string, subcommand: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const argv = await readFile(join('/proc', entry, 'cmdline'), 'utf8').then(
      (text) => text.split('\0'),
      () => [] as string[],
    );
    if (argv.includes(fakePath) && argv.includes(subcommand)) found.push(Number(entry));
  }
  return found;
}
