import { useId, useRef, type ReactNode } from 'react';
import { ModalDialog } from './modal-dialog';

/**
 * The one shape of "are you sure?" before something is removed or stops being trusted: a title, what it
 * affects, Cancel (focused first, so Enter does not destroy) and the red confirm button named for the act.
 */
export function ConfirmRemovalDialog({
  title,
  confirmLabel,
  children,
  onCancel,
  onConfirm,
}: {
  title: ReactNode;
  confirmLabel: string;
  children: ReactNode;
  onCancel(): void;
  onConfirm(): void;
}) {
  const titleId = useId();
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog labelledBy={titleId} describedBy={bodyId} className="small-dialog" onCancel={onCancel} initialFocus={cancelRef}>
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <div id={bodyId} className="dialog-body dialog-stack">
        {children}
      </div>
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
