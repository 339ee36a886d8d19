import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ActionFailure, scopeViolation } from '../action-failure';
import { executableSafetyProblem } from '../policy/process-executable-safety';
import { isLiteralArgv, type ProcessScope } from '../policy/process-scope';

export interface ExecutableIdentity {
  /** The scope's entry that matched: what the preview shows, the result reports, and the child sees as argv[0]. */
  executable: string;
  /** The real path of that entry: the file that is hashed and spawned. */
  resolved: string;
  /** The pinned sha256, when the scope pins one. */
  sha256: string | null;
}

interface HashCacheEntry {
  key: string;
  sha256: string;
}
const hashCache = new Map<string, HashCacheEntry>();

/** sha256 of a file; cached while its device, inode, size, mtime and ctime stay the same. */
export async function sha256OfFile(path: string): Promise<string> {
  const stats = await stat(path, { bigint: true });
  const key = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  const cached = hashCache.get(path);
  if (cached?.key === key) return cached.sha256;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  if (hashCache.size > 256) hashCache.clear();
  hashCache.set(path, { key, sha256 });
  return sha256;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/**
 * Finds the scope entry whose real path equals the real path of `command`, then checks the file is a regular
 * file, not a shell or runner under another name, and matches its sha256 pin.
 */
export async function resolveAllowedExecutable(
  scope: Pick<ProcessScope, 'executables' | 'tool' | 'rules'>,
  command: string,
): Promise<ExecutableIdentity> {
  const configured = scope.executables.some((entry) => entry.path === command);
  let resolved: string;
  try {
    resolved = await realpath(command);
  } catch (error) {
    const code = errorCode(error);
    // Only an allowed path reports why it failed; any other path reveals nothing about the filesystem.
    if (configured && (code === 'ENOENT' || code === 'ENOTDIR')) {
      throw new ActionFailure('PROCESS_SPAWN_ENOENT', `The executable ${command} does not exist.`, { command });
    }
    if (configured && (code === 'EACCES' || code === 'EPERM')) {
      throw new ActionFailure('PROCESS_SPAWN_PERMISSION_DENIED', `The executable ${command} may not be read.`, { command });
    }
    throw scopeViolation('executable-not-allowed', `${command} is not an executable this scope allows.`, { command });
  }
  const candidates = await Promise.all(
    scope.executables.map(async (entry) => ({ entry, real: await realpath(entry.path).catch(() => null) })),
  );
  const matches = candidates.filter((candidate) => candidate.real === resolved);
  const match = matches.find((candidate) => candidate.entry.path === command) ?? matches[0];
  if (!match) {
    throw scopeViolation('executable-not-allowed', `${command} resolves to ${resolved}, which is not an executable this scope allows.`, {
      command,
      resolved,
    });
  }
  const problem = executableSafetyProblem(resolved, scope.tool, isLiteralArgv(scope.rules));
  if (problem)
    throw scopeViolation('executable-not-allowed', `${command} resolves to ${basename(resolved)}: ${problem}.`, { command, resolved });
  const identity: ExecutableIdentity = { executable: match.entry.path, resolved, sha256: match.entry.sha256 ?? null };
  await verifyFile(identity);
  return identity;
}

async function verifyFile(identity: ExecutableIdentity): Promise<void> {
  const stats = await stat(identity.resolved).catch((error: unknown) => {
    throw new ActionFailure('PROCESS_SPAWN_ENOENT', `The executable ${identity.executable} no longer exists.`, {
      command: identity.executable,
      code: errorCode(error),
    });
  });
  if (!stats.isFile()) {
    throw scopeViolation('executable-not-allowed', `${identity.executable} is not a regular file.`, { command: identity.executable });
  }
  if (identity.sha256 === null) return;
  let actual: string;
  try {
    actual = await sha256OfFile(identity.resolved);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new ActionFailure(
        'PROCESS_SPAWN_PERMISSION_DENIED',
        `The executable ${identity.executable} may not be read to check its sha256.`,
        { command: identity.executable },
      );
    }
    throw new ActionFailure('OS_ERROR', `The executable ${identity.executable} could not be read to check its sha256.`, {
      command: identity.executable,
      code,
    });
  }
  if (actual !== identity.sha256) {
    throw scopeViolation('executable-hash-mismatch', `${identity.executable} does not match the sha256 this scope pins.`, {
      command: identity.executable,
      expected: identity.sha256,
      actual,
    });
  }
}

/** Checks again, right before a spawn, that the entry still resolves to the same file and that file still matches its pin. */
export async function verifyExecutableIdentity(identity: ExecutableIdentity): Promise<void> {
  const now = await realpath(identity.executable).catch(() => null);
  if (now === null)
    throw new ActionFailure('PROCESS_SPAWN_ENOENT', `The executable ${identity.executable} no longer exists.`, {
      command: identity.executable,
    });
  if (now !== identity.resolved) {
    throw scopeViolation('executable-not-allowed', `${identity.executable} now resolves to ${now}, not the file that was checked.`, {
      command: identity.executable,
      resolved: now,
    });
  }
  await verifyFile(identity);
}
