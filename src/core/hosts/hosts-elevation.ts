// Writes the platform's hosts file when this user cannot, through the operating system's own elevation prompt.
// The privileged side writes exactly one path, the platform's hosts file, and reads the new content from its
// standard input: a file with no name, so no other process can swap it between the check and the write.
import { spawn } from 'node:child_process';
import { constants, existsSync } from 'node:fs';
import { lstat, open, readFile, realpath, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute } from 'node:path';
import { ActionFailure, scopeViolation } from '../action-failure';

export interface HostsElevation {
  /**
   * Replaces the platform's hosts file with `content`, with elevated rights. `hostsPath` is the host's hosts
   * setting; it must resolve to the platform's hosts file, which must exist, or nothing is written.
   */
  writeHostsFile(hostsPath: string, content: Buffer): Promise<void>;
}

/** The one file the elevated helper ever writes on Linux. */
export const LINUX_HOSTS_PATH = '/etc/hosts';
const PKEXEC = '/usr/bin/pkexec';
const DD_PATHS = ['/usr/bin/dd', '/bin/dd'];
/** pkexec's exit status when the user dismissed the dialog or is not authorized. */
const PKEXEC_NOT_AUTHORIZED = 126;
const PKEXEC_AUTH_FAILED = 127;
const STDERR_LIMIT = 2000;
/** What pkexec needs to find the session's authentication agent; nothing else is passed on. */
const PASSED_ENV_KEYS = ['DISPLAY', 'WAYLAND_DISPLAY', 'XAUTHORITY', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'LANG'];
/** Linux's O_TMPFILE (an unnamed file in a folder), which Node does not export. */
const O_TMPFILE = 0o20000000 | (constants.O_DIRECTORY ?? 0);

function notPlatformFile(hostsPath: string, platformHostsPath: string, why: string): ActionFailure {
  return scopeViolation('hosts-not-platform-file', `The elevated hosts write only replaces ${platformHostsPath}; ${why}.`, {
    path: hostsPath,
    platformPath: platformHostsPath,
  });
}

/**
 * Refuses unless `hostsPath` resolves to the platform's hosts file, which exists, is a regular file and is not
 * itself a link. Checked by the host before the prompt; the helper's own flags enforce the same at the write.
 */
export async function checkPlatformHostsTarget(hostsPath: string, platformHostsPath: string): Promise<void> {
  const resolved = async (path: string): Promise<string | null> => realpath(path).catch(() => null);
  const [target, platform] = await Promise.all([resolved(hostsPath), resolved(platformHostsPath)]);
  if (platform === null) throw notPlatformFile(hostsPath, platformHostsPath, 'it does not exist');
  if (platform !== platformHostsPath) throw notPlatformFile(hostsPath, platformHostsPath, `it is a link to ${platform}`);
  if (target !== platformHostsPath) throw notPlatformFile(hostsPath, platformHostsPath, `the hosts setting ${hostsPath} is another file`);
  if (!(await lstat(platformHostsPath)).isFile()) throw notPlatformFile(hostsPath, platformHostsPath, 'it is not a regular file');
}

function checkPlainPath(path: string, what: string): void {
  if (!isAbsolute(path) || path.includes('\0') || /[\r\n]/.test(path)) {
    throw new ActionFailure('INTERNAL_ERROR', `The ${what} for the elevated hosts write is not a plain absolute path.`);
  }
}

/**
 * The fixed argv of the Linux helper: pkexec runs dd(1), which copies its standard input over the hosts file in
 * place (owner, mode and inode kept), refusing a link (`oflag=nofollow`) and a missing file (`conv=nocreat`).
 */
export function pkexecHostsCommand(
  platformHostsPath = LINUX_HOSTS_PATH,
  pkexecPath = PKEXEC,
  ddPath = DD_PATHS.find((p) => existsSync(p)) ?? DD_PATHS[0]!,
): { command: string; args: string[] } {
  checkPlainPath(platformHostsPath, 'hosts path');
  checkPlainPath(ddPath, 'copy helper');
  return {
    command: pkexecPath,
    args: [ddPath, `of=${platformHostsPath}`, 'conv=nocreat,fsync', 'oflag=nofollow', 'bs=65536', 'status=none'],
  };
}

/**
 * The content in a file that has no name (O_TMPFILE), positioned at its start, to become the helper's standard
 * input; null where the file system cannot make one (the content then goes through a pipe).
 */
async function unnamedContentFile(content: Buffer): Promise<FileHandle | null> {
  let handle: FileHandle;
  try {
    handle = await open(tmpdir(), constants.O_RDWR | O_TMPFILE, 0o600);
  } catch {
    return null;
  }
  try {
    for (let written = 0; written < content.length;) {
      // Positional writes leave the file offset at 0, where the helper starts reading.
      const { bytesWritten } = await handle.write(content, written, content.length - written, written);
      written += bytesWritten;
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

export interface PkexecHostsElevationOptions {
  /** Tests put a fake in place of /usr/bin/pkexec (which needs a polkit agent). */
  pkexecPath?: string;
  /** Tests point the helper at a temp file standing in for /etc/hosts. */
  platformHostsPath?: string;
}

/** Linux elevation through polkit's pkexec, without a shell: a fixed argv, the content on standard input. */
export function createPkexecHostsElevation(options: PkexecHostsElevationOptions = {}): HostsElevation {
  const platformHostsPath = options.platformHostsPath ?? LINUX_HOSTS_PATH;
  return {
    async writeHostsFile(hostsPath, content) {
      await checkPlatformHostsTarget(hostsPath, platformHostsPath);
      const { command, args } = pkexecHostsCommand(platformHostsPath, options.pkexecPath);
      const env: Record<string, string> = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' };
      for (const key of PASSED_ENV_KEYS) {
        const value = process.env[key];
        if (value !== undefined) env[key] = value;
      }
      const contentFile = process.platform === 'linux' ? await unnamedContentFile(content) : null;
      try {
        await new Promise<void>((resolvePromise, reject) => {
          const child = spawn(command, args, { shell: false, stdio: [contentFile?.fd ?? 'pipe', 'ignore', 'pipe'], env });
          // Without an unnamed file, a pipe: the content still never has a name another process could open.
          if (contentFile === null) child.stdin?.on('error', () => undefined).end(content);
          let stderr = '';
          child.stderr!.setEncoding('utf8');
          child.stderr!.on('data', (chunk: string) => {
            if (stderr.length < STDERR_LIMIT) stderr += chunk.slice(0, STDERR_LIMIT - stderr.length);
          });
          child.on('error', (error) => {
            const errno = (error as { code?: string }).code ?? 'EUNKNOWN';
            reject(
              new ActionFailure('OS_ERROR', `The elevation helper could not be started (${errno}).`, {
                errno,
                path: hostsPath,
                elevated: true,
              }),
            );
          });
          child.on('close', (code, signal) => {
            if (code === 0) return resolvePromise();
            if (code === PKEXEC_NOT_AUTHORIZED) {
              return reject(
                new ActionFailure('CANCELLED', 'The administrator prompt for the hosts file was dismissed or not authorized.', {
                  elevated: true,
                }),
              );
            }
            const why = code === PKEXEC_AUTH_FAILED ? 'authentication failed' : `exit ${code ?? signal}`;
            reject(
              new ActionFailure('OS_ERROR', `The elevated hosts write failed (${why}).`, {
                errno: 'EACCES',
                path: hostsPath,
                elevated: true,
                stderr: stderr.trim(),
              }),
            );
          });
        });
      } finally {
        await contentFile?.close();
      }
      // What the helper wrote is read back: the hosts file holds exactly the content, or the write is reported failed.
      const written = await readFile(platformHostsPath).catch(() => null);
      if (written === null || !written.equals(content)) {
        throw new ActionFailure('OS_ERROR', 'The hosts file does not hold the content the elevated write was given.', {
          errno: 'EIO',
          path: hostsPath,
          elevated: true,
        });
      }
    },
  };
}

/** The elevation this platform supports: pkexec on Linux; none elsewhere (macOS would need a shell via osascript). */
export function createPlatformHostsElevation(platform: NodeJS.Platform = process.platform): HostsElevation | undefined {
  return platform === 'linux' ? createPkexecHostsElevation() : undefined;
}
