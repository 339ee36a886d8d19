import type { TrustedPublisherView } from '../../../shared/ipc-contract';
import { ConfirmRemovalDialog } from '../common/confirm-removal-dialog';
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
  return (
    <ConfirmRemovalDialog
      title={
        <>
          Stop trusting <bdi>{publisher.name}</bdi>?
        </>
      }
      confirmLabel="Stop trusting"
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        {plugins.length === 0
          ? 'No installed plugin is signed with this key.'
          : `These plugins become unavailable at once, and their pending requests are cancelled: ${plugins.join(', ')}.`}
      </p>
      <Fingerprint value={publisher.fingerprint} variant="compact" />
    </ConfirmRemovalDialog>
  );
}
