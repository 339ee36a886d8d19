import { isAllowedEnvKey } from '@gatehouse/plugin-sdk';
import { toolGrammar, type ProcessTool } from './process-tools';

/** Keys the host sets for every child itself (home, temp and shell locations); no scope may hand them to a plugin. */
export const HOST_OWNED_ENV_KEYS: readonly string[] = [
  'HOME',
  'SHELL',
  'TMPDIR',
  'TMP',
  'TEMP',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
];

/**
 * Why a plugin may not set this environment key for this tool, or null when a scope may allow it.
 * Moving a tool's home or config folders (HOME, XDG_*, KUBECONFIG, DOCKER_CONFIG, GIT_*) lets a plugin
 * point the tool at configuration that runs programs.
 */
export function envKeyProblem(key: string, tool: ProcessTool): string | null {
  if (!isAllowedEnvKey(key)) return 'it is not a valid key or it changes how a process loads code';
  if (HOST_OWNED_ENV_KEYS.includes(key) || key.startsWith('XDG_')) return 'the host sets it';
  if (toolGrammar(tool)?.isForbiddenEnvKey(key)) return `it changes where ${tool} loads its configuration or plugins from`;
  return null;
}
