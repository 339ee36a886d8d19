import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { isAbsolute } from 'node:path';
import { scopeViolation } from '../action-failure';
import { CHILD_PATH } from '../process/child-env';
import { isInside, resolveRealPath } from './process-paths';
import { gitHostEnv, overridesFor, parseConfigList, unneutralizableKeys } from './process-tools/git-neutralize';
import type { ParsedGlobal } from './process-tools/parse-tool-argv';

const PROBE_TIMEOUT_MS = 10_000;
const PROBE_MAX_BYTES = 4 * 1024 * 1024;

export interface GitProbeTarget {
  /** The real path of the git executable the invocation will run. */
  resolved: string;
  spawnCwd: string;
  /** The invocation's global options; those that choose the repository are repeated for the probe. */
  globals: readonly ParsedGlobal[];
  /** The real paths of the scope's roots. */
  roots: readonly string[];
  /** False for `init` and `clone`, which make a new repository where an operand says. */
  inRepository: boolean;
}

interface ProbeOutput {
  code: number | null;
  stdout: string;
}

/** Runs git with only the host's environment: it reads configuration and runs nothing the repository names. */
function runGit(target: GitProbeTarget, args: string[]): Promise<ProbeOutput> {
  const env = { PATH: CHILD_PATH, HOME: homedir(), ...gitHostEnv([]) };
  return new Promise((resolve) => {
    execFile(
      target.resolved,
      args,
      { cwd: target.spawnCwd, env, timeout: PROBE_TIMEOUT_MS, maxBuffer: PROBE_MAX_BYTES, encoding: 'utf8' },
      (error, stdout) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout });
      },
    );
  });
}

function repositoryArgs(globals: readonly ParsedGlobal[]): string[] {
  const args: string[] = [];
  for (const { name, value, option } of globals) {
    if (option.names.includes('-C') && value !== null) args.push('-C', value);
    else if ((option.names.includes('--git-dir') || option.names.includes('--work-tree')) && value !== null) args.push(`${name}=${value}`);
    else if (option.names.includes('--bare')) args.push('--bare');
  }
  return args;
}

async function checkInsideRoots(paths: readonly string[], roots: readonly string[], what: string): Promise<void> {
  for (const path of paths) {
    if (!isAbsolute(path))
      throw scopeViolation('git-config-unreadable', `git reported its ${what} as "${path}", not an absolute path.`, { path });
    const real = await resolveRealPath(path);
    if (!roots.some((root) => isInside(real, root))) {
      throw scopeViolation('git-repository-outside-roots', `The repository's ${what} (${path}) is not inside this scope's folders.`, {
        path,
        resolved: real,
      });
    }
  }
}

/**
 * Reads the configuration git will see for this invocation (every file, includes followed) and returns
 * the host environment that neutralises it: the fixed overrides plus one per driver and remote the
 * configuration names. Refuses a repository whose git folder or work tree lies outside the scope's roots
 * (a `.git` file or `core.worktree` pointing elsewhere), and configuration git cannot read.
 */
export async function neutralizedGitEnv(target: GitProbeTarget): Promise<Record<string, string>> {
  const repo = repositoryArgs(target.globals);
  // rev-parse prints each answer in turn and stops at the first it cannot give (a bare repository has no
  // top level; outside a repository there is nothing), so whatever it printed is what exists.
  const [config, dirs] = await Promise.all([
    runGit(target, [...repo, 'config', '--list', '-z']),
    runGit(target, [...repo, 'rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir', '--show-toplevel']),
  ]);
  if (config.code !== 0) {
    throw scopeViolation(
      'git-config-unreadable',
      'git could not read the configuration of this repository, so the host cannot make it safe to run.',
      {
        exitCode: config.code,
      },
    );
  }
  if (target.inRepository) {
    await checkInsideRoots(
      dirs.stdout.split('\n').filter((line) => line !== ''),
      target.roots,
      'git folder or work tree',
    );
  }
  const entries = parseConfigList(config.stdout);
  const refused = unneutralizableKeys(entries);
  if (refused.length > 0) {
    throw scopeViolation(
      'git-config-runs-program',
      `The repository's configuration names a program git would run (${refused.join(', ')}); remove it to use git here.`,
      {
        keys: refused,
      },
    );
  }
  return gitHostEnv(overridesFor(entries));
}
