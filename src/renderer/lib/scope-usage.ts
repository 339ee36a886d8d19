import type { PluginInfo } from '../../shared/plugin-info';

export interface ScopeUser {
  name: string;
  /** Granted (it may act in the scope now), or only declared in its manifest (it would once granted). */
  granted: boolean;
}

/** The installed plugins whose manifest or grants name a scope's capability (`system.fs.scope.<id>`, …). */
export function pluginsUsingScope(plugins: readonly PluginInfo[], kind: 'fs' | 'process', scopeId: string): ScopeUser[] {
  const capability = `system.${kind}.scope.${scopeId}`;
  return plugins
    .filter((plugin) => plugin.capabilities.includes(capability as never) || plugin.granted.includes(capability as never))
    .map((plugin) => ({ name: plugin.name, granted: plugin.granted.includes(capability as never) }));
}

/** "Action Lab (granted), Docker panel (asks for it)": the users of a scope in words. */
export function scopeUsersText(users: readonly ScopeUser[]): string {
  return users.map((user) => `${user.name} (${user.granted ? 'granted' : 'asks for it'})`).join(', ');
}
