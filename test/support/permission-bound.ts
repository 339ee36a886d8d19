import { spawnSync } from 'node:child_process';

// Tests of "permission denied" paths need a process that permission bits apply to, and root ignores them.
// As root the child preferably runs under setpriv without the capabilities that bypass the bits: it stays
// root, so it can still read a checkout in a folder only root may enter (/root, a 0700 temp folder). Where
// capabilities cannot be dropped it runs as "nobody", which needs the checkout to be readable by all.

const SETPRIV = ['--inh-caps=-all', '--bounding-set=-dac_override,-dac_read_search,-fowner', '--'];
export const NOBODY = 65534;

export type PermissionBound =
  /** Not root: the bits apply already. */
  | { kind: 'as-is' }
  /** Root without the bypassing capabilities: the files' owner bits apply to it. */
  | { kind: 'setpriv' }
  /** Root dropping to "nobody": the test must hand that user what it may write. */
  | { kind: 'nobody'; uid: number; gid: number };

let cached: PermissionBound | undefined;

/** How this machine runs a child that permission bits apply to. */
export function permissionBound(): PermissionBound {
  if (cached) return cached;
  if (process.getuid?.() !== 0) cached = { kind: 'as-is' };
  else if (spawnSync('setpriv', [...SETPRIV, 'true'], { stdio: 'ignore' }).status === 0) cached = { kind: 'setpriv' };
  else cached = { kind: 'nobody', uid: NOBODY, gid: NOBODY };
  return cached;
}

/** `command args` rewritten to run bound by permission bits (uid and gid for spawn come with it). */
export function boundCommand(command: string, args: string[]): { command: string; args: string[]; uid?: number; gid?: number } {
  const mode = permissionBound();
  if (mode.kind === 'setpriv') return { command: 'setpriv', args: [...SETPRIV, command, ...args] };
  if (mode.kind === 'nobody') return { command, args, uid: mode.uid, gid: mode.gid };
  return { command, args };
}
