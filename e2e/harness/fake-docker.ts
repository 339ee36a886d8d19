// A fake docker CLI (e2e/fixtures/tools/fake-docker.py; no Docker daemon runs here) behind the Docker panel's
// own scope ids, so the shipped example runs unchanged: the presets' rules and confirmation, this file as the
// only executable (pinned by sha256), and instead of the preset's docker socket (it does not exist here) the
// fake's state folder: readable by the read-only scope, writable by the managing one (start and stop).
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createProcessPresets } from '../../src/core/policy/process-presets';
import { repoRoot } from './paths';

const FIXTURE = join(repoRoot, 'e2e', 'fixtures', 'tools', 'fake-docker.py');
const SCOPE_IDS = ['docker-cli', 'docker-cli-manage'];

/** A container as the fake's `ps --format {{json .}}` prints it. */
export interface FakeContainer {
  ID: string;
  Names: string;
  Image: string;
  State: string;
  Status: string;
  Ports: string;
}

/** What the fake lists until something changes it. */
export const FAKE_CONTAINERS: readonly FakeContainer[] = [
  { ID: '0123456789ab', Names: 'web', Image: 'nginx:1.27', State: 'running', Status: 'Up 2 minutes', Ports: '80/tcp' },
  { ID: 'abcdef012345', Names: 'db', Image: 'postgres:16', State: 'exited', Status: 'Exited (0) 1 hour ago', Ports: '' },
];

const stateDirOf = (fakePath: string) => join(dirname(fakePath), 'state');

/** Replaces the fake daemon's containers, as another docker client would: its `events` reports the change. */
export async function setFakeContainers(fakePath: string, containers: readonly FakeContainer[]): Promise<void> {
  const file = join(stateDirOf(fakePath), 'containers.json');
  await writeFile(`${file}.suite`, JSON.stringify(containers));
  await rename(`${file}.suite`, file);
}

/** The fake daemon's containers now. */
export async function fakeContainers(fakePath: string): Promise<FakeContainer[]> {
  return JSON.parse(await readFile(join(stateDirOf(fakePath), 'containers.json'), 'utf8')) as FakeContainer[];
}

/** Copies the fake into `binDir/fake-docker/docker`; answers its path and the two scopes that allow it. */
export async function installFakeDocker(binDir: string, cwdRoot: string): Promise<{ path: string; scopes: unknown[] }> {
  const dir = join(binDir, 'fake-docker');
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'docker');
  const stateDir = stateDirOf(path);
  await mkdir(stateDir, { recursive: true });
  await setFakeContainers(path, FAKE_CONTAINERS);
  await copyFile(FIXTURE, path);
  await chmod(path, 0o755);
  const sha256 = createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
  const scopes = createProcessPresets({ cwdRoots: [cwdRoot] })
    .filter((scope) => SCOPE_IDS.includes(scope.id))
    .map(({ sandbox: _sandbox, ...scope }) => ({
      ...scope,
      title: `${scope.title} (fake docker)`,
      executables: [{ path, sha256 }],
      sandbox: scope.id === 'docker-cli' ? { readPaths: [stateDir] } : { writePaths: [stateDir] },
    }));
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
