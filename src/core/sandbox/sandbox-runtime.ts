import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { ActionFailure } from '../action-failure';
import type { ProcessSandbox } from '../../shared/process-sandbox-schema';
import { bwrapArgs } from './bwrap-args';
import { SANDBOX_EXEC_PATH, sandboxExecArgs } from './macos-profile';
import type { SandboxPlan } from './sandbox-plan';
import { untrustedBinaryProblem } from './trusted-binary';

/** Where bubblewrap is looked for, in order: system package locations only, never PATH. */
export const BWRAP_PATHS = ['/usr/bin/bwrap', '/bin/bwrap'] as const;

export type SandboxKind = 'bwrap' | 'sandbox-exec';
export type SandboxStatus =
  { available: true; kind: SandboxKind; launcher: string; disableUserns: boolean } | { available: false; reason: string };

const launchBrand: unique symbol = Symbol('SandboxedLaunch');

/** What the one spawn path starts: made only here, so nothing can spawn a tool around the sandbox. */
export interface SandboxedLaunch {
  readonly [launchBrand]: true;
  file: string;
  args: string[];
  argv0: string;
  /** Entries laid over the child's environment (a private TMPDIR inside the sandbox). */
  env: Record<string, string>;
  /** `none` only for a scope that allows running unsandboxed where no sandbox exists. */
  sandbox: SandboxKind | 'none';
}

/** One tool to start: the checked executable, argv, folder, and the scope's roots and sandbox. */
export interface LaunchRequest {
  /** The real path of the checked executable. */
  resolved: string;
  /** What the child sees as argv[0] when no sandbox runs it. */
  executable: string;
  args: readonly string[];
  /** The real working folder. */
  cwd: string;
  /** The real paths of the scope's working roots. */
  roots: readonly string[];
  sandbox: ProcessSandbox;
}

export interface SandboxRuntimeOptions {
  /** Candidate bubblewrap paths; the first that exists is vetted and used. */
  bwrapPaths?: readonly string[];
  platform?: NodeJS.Platform;
  /** The user's home, hidden inside the sandbox; the host's home at each launch when not given. */
  home?: string;
}

function unavailable(reason: string, details: Record<string, unknown> = {}): ActionFailure {
  return new ActionFailure('SANDBOX_UNAVAILABLE', `No sandbox can run this tool: ${reason}.`, { reason, ...details });
}

async function realExisting(paths: readonly string[]): Promise<string[]> {
  const real = await Promise.all(paths.map((path) => realpath(path).catch(() => null)));
  return [...new Set(real.filter((path): path is string => path !== null))];
}

interface Probe {
  /** Why no sandbox can be started, or null. */
  failure: string | null;
  /** Whether this bubblewrap can forbid nested user namespaces (0.8 and later, where the kernel allows). */
  disableUserns: boolean;
}

function tryBwrap(file: string, extra: string[]) {
  return spawnSync(file, [...extra, '--unshare-pid', '--unshare-net', '--ro-bind', '/', '/', '--', '/bin/true'], {
    timeout: 10_000,
    env: {},
    encoding: 'utf8',
  });
}

/** Starts one empty sandbox: user namespaces may be switched off, which only trying shows. */
function probe(file: string): Probe {
  if (tryBwrap(file, ['--unshare-user', '--disable-userns']).status === 0) return { failure: null, disableUserns: true };
  const run = tryBwrap(file, []);
  if (run.status === 0) return { failure: null, disableUserns: false };
  return {
    failure: `${file} could not start a sandbox: ${run.stderr.trim() || run.error?.message || `exit ${run.status ?? run.signal}`}`,
    disableUserns: false,
  };
}

/**
 * Finds and vets the platform's sandbox (bubblewrap on Linux, sandbox-exec on macOS) and wraps each tool
 * in it. bubblewrap is taken only from a root-owned system path nobody else can write, checked again
 * before every launch, and proven to work once (user namespaces may be switched off) before it is trusted.
 */
export class SandboxRuntime {
  private readonly bwrapPaths: readonly string[];
  private readonly platform: NodeJS.Platform;
  private readonly home: string | undefined;
  private readonly probed = new Map<string, Probe>();

  constructor(options: SandboxRuntimeOptions = {}) {
    this.bwrapPaths = options.bwrapPaths ?? BWRAP_PATHS;
    this.platform = options.platform ?? process.platform;
    this.home = options.home;
  }

  /**
   * Whether tools run sandboxed here, and with what; the reason when they cannot. The launcher is vetted
   * on every call; whether it can start a sandbox at all is tried once per launcher path.
   */
  status(): SandboxStatus {
    if (this.platform === 'darwin') {
      const problem = untrustedBinaryProblem(SANDBOX_EXEC_PATH);
      return problem
        ? { available: false, reason: problem }
        : { available: true, kind: 'sandbox-exec', launcher: SANDBOX_EXEC_PATH, disableUserns: false };
    }
    if (this.platform !== 'linux') return { available: false, reason: `there is no sandbox for ${this.platform}` };
    const candidate = this.bwrapPaths.find((path) => existsSync(path)) ?? this.bwrapPaths[0];
    if (candidate === undefined) return { available: false, reason: 'no bubblewrap path is configured' };
    const problem = untrustedBinaryProblem(candidate);
    if (problem) return { available: false, reason: `bubblewrap (${candidate}) cannot be used: ${problem}` };
    // The vetted file itself is started, not a link to it whose folders were never looked at.
    let launcher: string;
    try {
      launcher = realpathSync(candidate);
    } catch {
      return { available: false, reason: `bubblewrap (${candidate}) went away while it was checked` };
    }
    let probed = this.probed.get(launcher);
    if (!probed) {
      probed = probe(launcher);
      this.probed.set(launcher, probed);
    }
    if (probed.failure) return { available: false, reason: probed.failure };
    return { available: true, kind: 'bwrap', launcher, disableUserns: probed.disableUserns };
  }

  /**
   * The launch for one tool: inside the sandbox, or, where none is available, directly only when the scope
   * allows running unsandboxed; otherwise throws SANDBOX_UNAVAILABLE and nothing runs.
   */
  async launch(request: LaunchRequest): Promise<SandboxedLaunch> {
    const status = this.status();
    if (!status.available) {
      if (!request.sandbox.allowUnsandboxed) throw unavailable(status.reason);
      return { [launchBrand]: true, file: request.resolved, args: [...request.args], argv0: request.executable, env: {}, sandbox: 'none' };
    }
    const plan = await this.plan(request);
    if (status.kind === 'bwrap') {
      return {
        [launchBrand]: true,
        file: status.launcher,
        args: bwrapArgs(plan, existsSync, { disableUserns: status.disableUserns }),
        argv0: 'bwrap',
        env: { TMPDIR: '/tmp' },
        sandbox: 'bwrap',
      };
    }
    return {
      [launchBrand]: true,
      file: status.launcher,
      args: sandboxExecArgs(plan),
      argv0: 'sandbox-exec',
      env: {},
      sandbox: 'sandbox-exec',
    };
  }

  private async plan(request: LaunchRequest): Promise<SandboxPlan> {
    const writePaths = await realExisting([...request.roots, ...request.sandbox.writePaths]);
    const readPaths = await realExisting(request.sandbox.readPaths);
    const hiddenPaths = (await realExisting([this.home ?? homedir(), '/home', '/root', '/Users'])).filter((path) => path !== '/');
    if ([...writePaths, ...readPaths].includes('/')) {
      throw unavailable('a working root or declared path is the whole filesystem, which no sandbox can narrow');
    }
    return {
      executable: request.resolved,
      args: request.args,
      cwd: request.cwd,
      writePaths,
      readPaths,
      hiddenPaths,
      network: request.sandbox.network,
    };
  }
}

/** The runtime every tool of this host goes through. */
export const defaultSandboxRuntime = new SandboxRuntime();
