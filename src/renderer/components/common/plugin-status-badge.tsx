import type { PluginInfo } from '../../../shared/plugin-info';
import { Badge, type BadgeTone } from './badge';

/** The one word that says what state a plugin is in. */
export function pluginStatusLabel(plugin: PluginInfo): { label: string; tone: BadgeTone } {
  if (!plugin.available) return { label: 'unavailable', tone: 'danger' };
  if (plugin.needsConsent) return { label: 'needs consent', tone: 'warning' };
  if (plugin.status === 'active') return { label: 'active', tone: 'success' };
  if (plugin.status === 'disabled') return { label: 'disabled', tone: 'neutral' };
  return { label: 'installed', tone: 'info' };
}

/** Status badge plus an "Unsigned" badge when the bundle carries no trusted signature. */
export function PluginStatusBadges({ plugin, id }: { plugin: PluginInfo; id?: string }) {
  const { label, tone } = pluginStatusLabel(plugin);
  return (
    <span className="badge-row" id={id}>
      <Badge tone={tone}>{label}</Badge>
      {!plugin.signed && (
        <Badge tone="warning" title="The bundle has no signature from a trusted publisher">
          Unsigned
        </Badge>
      )}
    </span>
  );
}
