/** The lifecycle of an installed plugin. `removed` is terminal; the record is then deleted. */
export type PluginStatus = 'installed' | 'active' | 'disabled' | 'removed';

const TRANSITIONS: Record<PluginStatus, readonly PluginStatus[]> = {
  installed: ['active', 'disabled', 'removed'],
  active: ['disabled', 'removed'],
  disabled: ['active', 'removed'],
  removed: [],
};

/** True when a plugin may move from `from` to `to`. */
export function canTransition(from: PluginStatus, to: PluginStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
