import type { PluginInspection } from '../../../shared/plugin-inspection';

/** What an update changes since the user last approved the plugin: new capabilities, another signing key. */
export function UpdateChanges({ update, version }: { update: NonNullable<PluginInspection['update']>; version: string }) {
  const changed = update.addedCapabilities.length > 0 || update.publisherChanged;
  return (
    <div className={`callout ${changed ? 'callout-warning' : ''} update-changes`} role="note">
      <p className="callout-title">
        {update.fromVersion === version ? `Reinstall of version ${version}` : `Update from version ${update.fromVersion} to ${version}`}
      </p>
      {update.addedCapabilities.length > 0 && (
        <>
          <p>It asks for capabilities you have not approved:</p>
          <ul className="inline-list">
            {update.addedCapabilities.map((capability) => (
              <li key={capability}>
                <code className="chip chip-new">{capability}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {update.publisherChanged && (
        <p className="update-key-changed">
          <strong>The publisher key changed.</strong> This version is signed by another key than the one you approved. Install it only if
          the publisher told you about a new key.
        </p>
      )}
      {!changed && <p>It asks for nothing new and is signed by the same key.</p>}
    </div>
  );
}
