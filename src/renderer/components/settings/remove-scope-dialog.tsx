import { useId, useRef } from 'react';
import { scopeUsersText, type ScopeUser } from '../../lib/scope-usage';
import { ModalDialog } from '../common/modal-dialog';

/** Asks before a scope is removed, naming the plugins that use it; Cancel has focus first. */
export function RemoveScopeDialog({
  scopeId,
  kind,
  users,
  onCancel,
  onConfirm,
}: {
  scopeId: string;
  kind: 'fs' | 'process';
  users: ScopeUser[];
  onCancel(): void;
  onConfirm(): void;
}) {
  const titleId = useId();
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog labelledBy={titleId} describedBy={bodyId} className="small-dialog" onCancel={onCancel} initialFocus={cancelRef}>
      <h2 id={titleId} className="dialog-title">
        Remove scope <code>{scopeId}</code>?
      </h2>
      <div id={bodyId} className="dialog-body dialog-stack">
        {users.length === 0 ? (
          <p>No installed plugin uses this scope.</p>
        ) : (
          <p>
            <strong>Used by: {scopeUsersText(users)}.</strong> Their requests in this scope are refused from now on
            {kind === 'process' ? ' and its secrets are no longer used' : ''} (a preset with the same id, if there is one, applies again).
          </p>
        )}
        <p className="muted">The removal is recorded in the audit log with what the scope allowed.</p>
      </div>
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          Remove scope
        </button>
      </div>
    </ModalDialog>
  );
}
