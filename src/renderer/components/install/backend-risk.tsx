import type { PluginInspection } from '../../../shared/plugin-inspection';

/**
 * The risk line for a plugin with a backend: its code keeps running in the background while the plugin is
 * active, not only while its page is open. It gets no rights of its own: it asks like the page does.
 */
export function BackendRisk({ inspection }: { inspection: PluginInspection }) {
  const backend = inspection.manifest?.backend;
  if (!backend) return null;
  return (
    <div className="callout callout-warning" role="note" aria-label="Background process">
      <p>
        <strong>Runs in the background.</strong> This plugin starts its own process (<code>{backend}</code>) whenever it is active, even
        with its page closed. That process is isolated: it cannot read your files, use the network or start programs, and it may only ask
        for what you grant here, like the page.
      </p>
    </div>
  );
}
