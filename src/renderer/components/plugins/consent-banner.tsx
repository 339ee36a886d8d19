import { useState } from 'react';
import type { PluginInfo } from '../../../shared/plugin-info';
import { ConsentDialog } from './consent-dialog';

/** Says that a plugin waits for consent, which requested capabilities are not approved yet, and opens the review. */
export function ConsentBanner({ plugin }: { plugin: PluginInfo }) {
  const [reviewing, setReviewing] = useState(false);
  const pending = plugin.capabilities.filter((capability) => !plugin.granted.includes(capability));
  return (
    <div className="callout callout-warning consent-banner" role="note">
      <p className="callout-title">{plugin.name} needs your consent</p>
      <p>
        What it asks for, or who signed it, changed since you last approved it. It cannot be activated until you review its capabilities and
        approve them.
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
      <div>
        <button type="button" className="button button-primary" onClick={() => setReviewing(true)}>
          Review and approve
        </button>
      </div>
      {reviewing && <ConsentDialog plugin={plugin} onClose={() => setReviewing(false)} />}
    </div>
  );
}
