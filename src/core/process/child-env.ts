import { homedir, tmpdir } from 'node:os';
import { scopeViolation } from '../action-failure';
import { envKeyProblem } from '../policy/process-env-rules';
import type { ProcessTool } from '../policy/process-scope';

/** The PATH every child gets; never the host's own, never the plugin's. */
export const CHILD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The minimal environment the host gives every child before the scope's allowed keys. */
export function hostBaseEnv(): Record<string, string> {
  const base: Record<string, string> = { HOME: homedir(), TMPDIR: tmpdir() };
  if (process.platform === 'win32') {
    const systemRoot = process.env.SystemRoot ?? 'C:\\Windows';
    Object.assign(base, {
      SystemRoot: systemRoot,
      PATH: `${systemRoot}\\System32;${systemRoot}`,
      USERPROFILE: homedir(),
      TEMP: tmpdir(),
      TMP: tmpdir(),
    });
  } else {
    base.PATH = process.platform === 'darwin' ? `/opt/homebrew/bin:${CHILD_PATH}` : CHILD_PATH;
  }
  for (const key of ['LANG', 'LC_ALL'] as const) {
    const value = process.env[key];
    if (value !== undefined && value !== '' && !value.includes('\0')) base[key] = value;
  }
  return base;
}

/**
 * A child's whole environment: the host base, then the plugin's allowed entries, then the host's secret
 * entries, then the tool's fixed entries. Nothing else from the host's own environment reaches the child.
 */
export function buildChildEnv(options: {
  tool: ProcessTool;
  pluginEnv: Readonly<Record<string, string>>;
  secretEnv?: Readonly<Record<string, string>>;
  hostEnv?: Readonly<Record<string, string>>;
}): Record<string, string> {
  const secretEnv = options.secretEnv ?? {};
  for (const key of Object.keys(secretEnv)) {
    const problem = envKeyProblem(key, options.tool);
    if (problem)
      throw scopeViolation('env-key-not-allowed', `The secret environment key "${key}" is not allowed: ${problem}.`, { key, secret: true });
  }
  return { ...hostBaseEnv(), ...options.pluginEnv, ...secretEnv, ...(options.hostEnv ?? {}) };
}
