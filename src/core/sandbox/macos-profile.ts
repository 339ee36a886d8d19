import { hasControlCharacter } from '../../shared/process-sandbox-schema';
import { orderedBinds, type SandboxPlan } from './sandbox-plan';

/** The one launcher macOS has for a profile; root-owned and part of the system volume. */
export const SANDBOX_EXEC_PATH = '/usr/bin/sandbox-exec';

/**
 * A path as an SBPL string literal. Backslash and double quote are escaped; a control character is
 * refused outright (the scope schema already refuses them) rather than trusted to an escape SBPL may not know.
 */
export function sbplString(path: string): string {
  if (hasControlCharacter(path)) throw new Error('A sandbox path may not contain control characters.');
  return `"${path.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

// Mach services a command-line tool needs to log, resolve names and check certificates.
const MACH_SERVICES = [
  'com.apple.logd',
  'com.apple.system.logger',
  'com.apple.system.notification_center',
  'com.apple.trustd',
  'com.apple.trustd.agent',
  'com.apple.SystemConfiguration.configd',
  'com.apple.dnssd.service',
];

/**
 * The sandbox-exec profile for one tool, from the same plan bubblewrap gets: everything denied by default;
 * the filesystem readable except the hidden homes; the declared read paths, working roots and write paths
 * (and the executable) readable again; only the roots, the write paths and /dev/null writable; the network
 * only when declared, and a declared write path that is a socket reachable. SBPL applies the last matching
 * rule, so each allowance follows the denial it narrows.
 */
export function macosProfile(plan: SandboxPlan): string {
  const lines = [
    '(version 1)',
    '(deny default)',
    '(allow process-exec)',
    '(allow process-fork)',
    '(allow process-info* (target same-sandbox))',
    '(allow signal (target same-sandbox))',
    '(allow sysctl-read)',
    `(allow mach-lookup ${MACH_SERVICES.map((name) => `(global-name ${sbplString(name)})`).join(' ')})`,
    '(allow file-read*)',
  ];
  for (const path of plan.hiddenPaths) lines.push(`(deny file-read* (subpath ${sbplString(path)}))`);
  for (const bind of orderedBinds(plan)) lines.push(`(allow file-read* (subpath ${sbplString(bind.path)}))`);
  lines.push('(allow file-write* (literal "/dev/null") (literal "/dev/tty"))');
  for (const path of plan.writePaths) {
    lines.push(`(allow file-write* (subpath ${sbplString(path)}))`);
    lines.push(`(allow network-outbound (remote unix-socket (path-literal ${sbplString(path)})))`);
  }
  if (plan.network) lines.push('(allow network*)');
  return `${lines.join('\n')}\n`;
}

/** sandbox-exec's arguments: the profile inline, then the tool. */
export function sandboxExecArgs(plan: SandboxPlan): string[] {
  return ['-p', macosProfile(plan), plan.executable, ...plan.args];
}
