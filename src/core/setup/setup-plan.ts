// Turns a declared setup (or teardown) step into what the host will do on this platform: the step's action
// with every `~/...` path made absolute, as the privileged request the broker will check, prompt and run,
// and a one-line-per-effect preview the user reads before anything starts.
import type { PrivilegedActionRequest } from '@gatehouse/plugin-sdk';
import type { SetupAction, SetupFsOperation, SetupPlatform, SetupStep } from '@gatehouse/plugin-sdk/node';
import { isHomePath, setupModeBits } from '@gatehouse/plugin-sdk/node';
import { resolveHomePath, type PathResolver } from './setup-facts';

export interface PlannedStep {
  id: string;
  title: string;
  kind: 'fs' | 'process' | 'none';
  scope: string | null;
  /** What the step does, one effect per line, with absolute paths. */
  lines: string[];
  /** The request the broker runs; null when the step has no action on this platform. */
  request: PrivilegedActionRequest | null;
}

/** The action of a step on a platform: its variant there, else its own action, else none. */
export function actionFor(step: SetupStep, platform: SetupPlatform): SetupAction | null {
  const variant = step.platforms?.[platform];
  if (variant) return variant;
  if (step.fs) return { fs: step.fs };
  if (step.process) return { process: step.process };
  return null;
}

function modeText(mode: number | string | undefined): string {
  return mode === undefined ? '' : ` (mode 0${setupModeBits(mode).toString(8)})`;
}

function fsOperation(operation: SetupFsOperation, at: (path: string) => string) {
  switch (operation.type) {
    case 'mkdir':
      return {
        line: `Create the folder ${at(operation.path)}${modeText(operation.mode)}`,
        op: { ...operation, path: at(operation.path), ...(operation.mode === undefined ? {} : { mode: setupModeBits(operation.mode) }) },
      };
    case 'writeFile':
      return {
        line: `Write ${at(operation.path)} (${Buffer.byteLength(operation.content, 'utf8')} bytes)${modeText(operation.mode)}`,
        op: { ...operation, path: at(operation.path), ...(operation.mode === undefined ? {} : { mode: setupModeBits(operation.mode) }) },
      };
    case 'appendFile':
      return {
        line: `Append to ${at(operation.path)} (${Buffer.byteLength(operation.content, 'utf8')} bytes)`,
        op: { ...operation, path: at(operation.path) },
      };
    case 'rename':
      return {
        line: `Rename ${at(operation.from)} to ${at(operation.to)}`,
        op: { ...operation, from: at(operation.from), to: at(operation.to) },
      };
    case 'remove':
      return {
        line: `Remove ${at(operation.path)}${operation.recursive ? ' and everything in it' : ''}`,
        op: { ...operation, path: at(operation.path) },
      };
  }
}

/** Plans one step for this platform and these paths. `reason` goes on the request so every record says "setup". */
export function planStep(step: SetupStep, platform: SetupPlatform, resolver: PathResolver, reason: string): PlannedStep {
  const at = (path: string) => resolveHomePath(path, resolver);
  const action = actionFor(step, platform);
  const head = { id: step.id, title: step.title };
  if (!action) return { ...head, kind: 'none', scope: null, lines: [`Nothing to do on ${platform}`], request: null };
  if (action.fs) {
    const planned = action.fs.operations.map((operation) => fsOperation(operation, at));
    return {
      ...head,
      kind: 'fs',
      scope: action.fs.scope,
      lines: planned.map((entry) => entry.line),
      request: {
        action: 'system.fs.mutate',
        payload: { scope: action.fs.scope, operations: planned.map((entry) => entry.op), reason },
      } as PrivilegedActionRequest,
    };
  }
  const process = action.process as NonNullable<SetupAction['process']>;
  // An argument that is a home path names a file; every other argument is passed as written.
  const args = (process.args ?? []).map((arg) => (isHomePath(arg) ? at(arg) : arg));
  return {
    ...head,
    kind: 'process',
    scope: process.scope,
    lines: [`Run ${[process.command, ...args.map(shown)].join(' ')}`],
    request: {
      action: 'system.process.exec',
      payload: {
        scope: process.scope,
        command: process.command,
        args,
        ...(process.cwd ? { cwd: at(process.cwd) } : {}),
        ...(process.timeoutMs ? { timeoutMs: process.timeoutMs } : {}),
        reason,
      },
    },
  };
}

function shown(arg: string): string {
  return arg === '' || /[\s"']/.test(arg) ? JSON.stringify(arg) : arg;
}
