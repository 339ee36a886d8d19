import { useId, useRef } from 'react';
import type { TrustedPublisherView } from '../../../shared/ipc-contract';
import { ModalDialog } from '../common/modal-dialog';
import { Fingerprint } from '../install/fingerprint';

/** Asks before a publisher key stops being trusted, naming the plugins that become unavailable; Cancel has focus first. */
export function RemovePublisherDialog({
  publisher,
  plugins,
  onCancel,
  onConfirm,
}: {
  publisher: TrustedPublisherView;
  plugins: string[];
  onCancel(): void;
  onConfirm(): void;
}) {
  const titleId = useId();
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog labelledBy={titleId} describedBy={bodyId} className="small-dialog" onCancel={onCancel} initialFocus={cancelRef}>
      <h2 id={titleId} className="dialog-title">
        Stop trusting <bdi>{publisher.name}</bdi>?
      </h2>
      <div id={bodyId} className="dialog-body dialog-stack">
        <p>
          {plugins.length === 0
            ? 'No installed plugin is signed with this key.'
            : `These plugins become unavailable at once, and their pending requests are cancelled: ${plugins.join(', ')}.`}
        </p>
        <Fingerprint value={publisher.fingerprint} variant="compact" />
      </div>
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          Stop trusting
        </button>
      </div>
    </ModalDialog>
  );
}
