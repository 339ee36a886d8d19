import { scopeUsersText, type ScopeUser } from '../../lib/scope-usage';
import { ConfirmRemovalDialog } from '../common/confirm-removal-dialog';

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
  return (
    <ConfirmRemovalDialog
      title={
        <>
          Remove scope <code>{scopeId}</code>?
        </>
      }
      confirmLabel="Remove scope"
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      {users.length === 0 ? (
        <p>No installed plugin uses this scope.</p>
      ) : (
        <p>
          <strong>Used by: {scopeUsersText(users)}.</strong> Their requests in this scope are refused from now on
          {kind === 'process' ? ' and its secrets are no longer used' : ''} (a preset with the same id, if there is one, applies again).
        </p>
      )}
      <p className="muted">The removal is recorded in the audit log with what the scope allowed.</p>
    </ConfirmRemovalDialog>
  );
}
