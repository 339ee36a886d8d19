import { useMemo } from 'react';
import { usePluginsStore } from '../../stores/plugins-store';

/** Installed plugins' names by id, for showing names instead of ids (an id stays when a plugin is gone). */
export function usePluginNames(): ReadonlyMap<string, string> {
  const plugins = usePluginsStore((state) => state.plugins);
  return useMemo(() => new Map(plugins.map((plugin) => [plugin.id, plugin.name])), [plugins]);
}
