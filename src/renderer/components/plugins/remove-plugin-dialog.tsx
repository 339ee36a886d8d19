import { useId, useRef } from 'react';
import type { PluginInfo } from '../../../shared/plugin-info';
import { ModalDialog } from '../common/modal-dialog';

/** Asks before removing a plugin; Cancel has focus first. */
export function RemovePluginDialog({ plugin, onCancel, onConfirm }: { plugin: PluginInfo; onCancel(): void; onConfirm(): void }) {
  const titleId = useId();
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog labelledBy={titleId} describedBy={bodyId} className="small-dialog" onCancel={onCancel} initialFocus={cancelRef}>
      <h2 id={titleId} className="dialog-title">
        Remove {plugin.name}?
      </h2>
      <p id={bodyId} className="dialog-body">
        The plugin is uninstalled and its grants are dropped. The audit records of what it did are kept.
      </p>
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          Remove
        </button>
      </div>
    </ModalDialog>
  );
}
