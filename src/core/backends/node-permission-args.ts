// Node's permission model is the second isolation layer of a backend: inside the OS sandbox, Node itself
// refuses file access outside the bundle, child processes, worker threads and native addons.
import type { BackendLimits } from './backend-launcher';

/** `--permission` from Node 22.13 and 23.5 on; `--experimental-permission` before (Node 20.19 has only that). */
export function permissionFlag(version: string = process.versions.node): string {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 13) ? '--permission' : '--experimental-permission';
}

/**
 * Node's arguments for one backend: read access to the bundle folder only (nothing written anywhere), no
 * addons, V8's heap capped and its flags frozen, and the permission model's own warning silenced so the log
 * shows the plugin's lines. Refuses a folder whose path Node's flag syntax would split or widen (`,` separates paths, `*` is a
 * wildcard).
 */
export function nodePermissionArgs(bundleDir: string, entry: string, limits: BackendLimits, version?: string): string[] {
  if (!bundleDir.startsWith('/') || /[,*\n]/.test(bundleDir))
    throw new Error(`the bundle folder path cannot be named to Node: ${bundleDir}`);
  return [
    permissionFlag(version),
    `--allow-fs-read=${bundleDir}/`,
    '--no-addons',
    '--disable-warning=ExperimentalWarning',
    `--max-old-space-size=${limits.memoryMb}`,
    // V8's flags are fixed once it starts: v8.setFlagsFromString('--allow-natives-syntax') would otherwise
    // hand the script V8's internal runtime functions, a way around every check Node makes. A late change
    // now ends the process instead.
    '--freeze-flags-after-init',
    `${bundleDir}/${entry}`,
  ];
}
