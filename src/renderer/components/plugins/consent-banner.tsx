import type { PluginInfo } from '../../../shared/plugin-info';

/** Says that a plugin waits for consent, and which requested capabilities are not approved yet. */
export function ConsentBanner({ plugin }: { plugin: PluginInfo }) {
  const pending = plugin.capabilities.filter((capability) => !plugin.granted.includes(capability));
  return (
    <div className="callout callout-warning consent-banner" role="note">
      <p className="callout-title">{plugin.name} needs your consent</p>
      <p>
        What it asks for, or who signed it, changed since you last approved it. It will not run until you review its capabilities and
        save the grants.
      </p>
      {pending.length > 0 && (
        <>
          <p>Requested but not granted:</p>
          <ul className="inline-list">
            {pending.map((capability) => (
              <li key={capability}>
                <code className="chip">{capability}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
