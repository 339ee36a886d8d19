import { useState } from 'react';
import type { PluginInfo } from '../../../shared/plugin-info';
import { useSetupStore } from '../../stores/setup-store';
import { ConfirmRemovalDialog } from '../common/confirm-removal-dialog';

/** Asks before removing a plugin; Cancel has focus first. A plugin with a setup offers its teardown too. */
export function RemovePluginDialog({
  plugin,
  onCancel,
  onConfirm,
}: {
  plugin: PluginInfo;
  onCancel(): void;
  onConfirm(options: { teardown: boolean }): void;
}) {
  const setup = useSetupStore((state) => state.byPlugin[plugin.id]);
  const offerTeardown = setup?.hasSetup === true && setup.teardown.length > 0;
  const [teardown, setTeardown] = useState(false);
  return (
    <ConfirmRemovalDialog
      title={`Remove ${plugin.name}?`}
      confirmLabel="Remove"
      onCancel={onCancel}
      onConfirm={() => onConfirm({ teardown: offerTeardown && teardown })}
    >
      <p>The plugin is uninstalled and its grants are dropped. The audit records of what it did are kept.</p>
      {offerTeardown && (
        <label className="checkbox-row">
          <input type="checkbox" checked={teardown} onChange={(event) => setTeardown(event.target.checked)} />
          Also undo what its setup made on this machine ({setup.teardown.map((step) => step.title).join('; ')}). If that fails, you are
          warned and the plugin is removed all the same.
        </label>
      )}
    </ConfirmRemovalDialog>
  );
}
