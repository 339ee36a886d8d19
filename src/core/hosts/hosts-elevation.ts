import { spawn } from 'node:child_process';
import { isAbsolute } from 'node:path';
import { ActionFailure } from '../action-failure';

/** Writes a hosts file the user cannot write, through the operating system's own elevation prompt. */
export interface HostsElevation {
  /** Copies `contentFile` over `hostsPath` with elevated rights. Both paths are chosen by the host, never by a plugin. */
  writeHostsFile(hostsPath: string, contentFile: string): Promise<void>;
}

const PKEXEC = '/usr/bin/pkexec';
const INSTALL = '/usr/bin/install';
/** pkexec's exit status when the user dismissed the dialog or is not authorized. */
const PKEXEC_NOT_AUTHORIZED = 126;
const PKEXEC_AUTH_FAILED = 127;
const STDERR_LIMIT = 2000;
/** What pkexec needs to find the session's authentication agent; nothing else is passed on. */
const PASSED_ENV_KEYS = ['DISPLAY', 'WAYLAND_DISPLAY', 'XAUTHORITY', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'LANG'];

function checkHostPath(path: string, what: string): void {
  if (!isAbsolute(path) || path.includes('\0') || /[\r\n]/.test(path)) {
    throw new ActionFailure('INTERNAL_ERROR', `The ${what} for the elevated hosts write is not a plain absolute path.`);
  }
}

/** The fixed argv of the Linux helper: pkexec runs install(1), which copies the content file over the hosts file. */
export function pkexecHostsCommand(hostsPath: string, contentFile: string, pkexecPath = PKEXEC): { command: string; args: string[] } {
  checkHostPath(hostsPath, 'hosts path');
  checkHostPath(contentFile, 'content file');
  return { command: pkexecPath, args: [INSTALL, '-m', '0644', '--', contentFile, hostsPath] };
}

/**
 * Linux elevation through polkit's pkexec, without a shell: argv only, both paths host-chosen.
 * install(1) replaces the file by unlink and copy, so unlike the unprivileged path this write is not atomic.
 * `pkexecPath` exists so that tests can put a fake in place of /usr/bin/pkexec.
 */
export function createPkexecHostsElevation(options: { pkexecPath?: string } = {}): HostsElevation {
  return {
    writeHostsFile(hostsPath, contentFile) {
      const { command, args } = pkexecHostsCommand(hostsPath, contentFile, options.pkexecPath);
      const env: Record<string, string> = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' };
      for (const key of PASSED_ENV_KEYS) {
        const value = process.env[key];
        if (value !== undefined) env[key] = value;
      }
      return new Promise<void>((resolvePromise, reject) => {
        const child = spawn(command, args, { shell: false, stdio: ['ignore', 'ignore', 'pipe'], env });
        let stderr = '';
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk: string) => {
          if (stderr.length < STDERR_LIMIT) stderr += chunk.slice(0, STDERR_LIMIT - stderr.length);
        });
        child.on('error', (error) => {
          const errno = (error as { code?: string }).code ?? 'EUNKNOWN';
          reject(new ActionFailure('OS_ERROR', `The elevation helper could not be started (${errno}).`, { errno, path: hostsPath, elevated: true }));
        });
        child.on('close', (code, signal) => {
          if (code === 0) return resolvePromise();
          if (code === PKEXEC_NOT_AUTHORIZED) {
            return reject(new ActionFailure('CANCELLED', 'The administrator prompt for the hosts file was dismissed or not authorized.', { elevated: true }));
          }
          const why = code === PKEXEC_AUTH_FAILED ? 'authentication failed' : `exit ${code ?? signal}`;
          reject(new ActionFailure('OS_ERROR', `The elevated hosts write failed (${why}).`, { errno: 'EACCES', path: hostsPath, elevated: true, stderr: stderr.trim() }));
        });
      });
    },
  };
}

/** The elevation this platform supports: pkexec on Linux; none elsewhere (macOS would need a shell via osascript). */
export function createPlatformHostsElevation(platform: NodeJS.Platform = process.platform): HostsElevation | undefined {
  return platform === 'linux' ? createPkexecHostsElevation() : undefined;
}
