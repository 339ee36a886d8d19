import { orderedBinds, type SandboxPlan } from './sandbox-plan';

/** Folders that get a fresh empty tmpfs: private temp folders, and /run (sockets of the user's session, docker, D-Bus). */
export const PRIVATE_TMPFS = ['/tmp', '/var/tmp', '/run'] as const;

/**
 * bubblewrap's arguments for one tool: the root filesystem read-only, fresh /dev, /proc and temp folders,
 * every home hidden, then the declared read paths read-only and the working roots and write paths writable;
 * its own session, PID, IPC, UTS and cgroup namespaces, no network unless declared, every capability
 * dropped, and the tool killed when the host goes; where bubblewrap can, no nested user namespaces.
 * `existing` says which of the fixed folders exist here.
 */
export function bwrapArgs(plan: SandboxPlan, existing: (path: string) => boolean, options: { disableUserns?: boolean } = {}): string[] {
  const args = [
    // No nested user namespaces: the way into most kernel attack surface a sandboxed process could reach.
    ...(options.disableUserns ? ['--unshare-user', '--disable-userns'] : []),
    '--new-session',
    '--die-with-parent',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    ...(plan.network ? [] : ['--unshare-net']),
    '--cap-drop',
    'ALL',
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
  ];
  for (const dir of PRIVATE_TMPFS) if (existing(dir)) args.push('--tmpfs', dir);
  if (existing('/dev/shm')) args.push('--tmpfs', '/dev/shm');
  for (const dir of plan.hiddenPaths) args.push('--tmpfs', dir);
  // A resolver behind systemd-resolved lives under /run, which is otherwise empty.
  if (plan.network) args.push('--ro-bind-try', '/run/systemd/resolve', '/run/systemd/resolve');
  for (const bind of orderedBinds(plan)) args.push(bind.write ? '--bind' : '--ro-bind', bind.path, bind.path);
  args.push('--chdir', plan.cwd, '--', plan.executable, ...plan.args);
  return args;
}
