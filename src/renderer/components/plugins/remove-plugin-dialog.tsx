import type { PluginInfo } from '../../../shared/plugin-info';
import { ConfirmRemovalDialog } from '../common/confirm-removal-dialog';

/** Asks before removing a plugin; Cancel has focus first. */
export function RemovePluginDialog({ plugin, onCancel, onConfirm }: { plugin: PluginInfo; onCancel(): void; onConfirm(): void }) {
  return (
    <ConfirmRemovalDialog title={`Remove ${plugin.name}?`} confirmLabel="Remove" onCancel={onCancel} onConfirm={onConfirm}>
      <p>The plugin is uninstalled and its grants are dropped. The audit records of what it did are kept.</p>
    </ConfirmRemovalDialog>
  );
}
