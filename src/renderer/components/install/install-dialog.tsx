import { useId, useRef, useState } from 'react';
import { BackendRisk } from './backend-risk';
import type { InstallTicket } from '../../../shared/ipc-contract';
import type { HostFailure } from '../../gatehouse';
import { usePluginsStore } from '../../stores/plugins-store';
import { ModalDialog } from '../common/modal-dialog';
import { ErrorMessage } from '../common/error-message';
import { CapabilityChoices } from './capability-choices';
import { InspectionFacts } from './inspection-facts';
import { KeyChangeCallout } from './key-change-callout';
import { PublisherKey } from './publisher-key';
import { RefusalCallout } from './refusal-callout';
import { TrustStep } from './trust-step';
import { UpdateChanges } from './update-changes';

export interface InstallDialogProps {
  ticket: InstallTicket;
  onCancel(): void;
  onInstall(grants: string[], trustPublisherAs: string | null): Promise<HostFailure | null>;
}

/**
 * The host's install screen: who made the plugin and whether that is proven, what it asks for with risk
 * tiers, what changed in an update, and why a bundle is refused. Nothing is granted unless ticked; an
 * unknown publisher must be trusted explicitly before Install is enabled. Cancel has focus first.
 */
const EYEBROWS: Record<InstallTicket['source'], string> = {
  folder: 'Install from folder',
  file: 'Install from file',
  marketplace: 'Marketplace candidate',
};

export function InstallDialog({ ticket, onCancel, onInstall }: InstallDialogProps) {
  const titleId = useId();
  const summaryId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { inspection } = ticket;
  const manifest = inspection.manifest;
  const installed = usePluginsStore((state) => (manifest ? state.plugins.find((plugin) => plugin.id === manifest.id) : undefined));
  const publisher = inspection.publisher;
  const needsTrust =
    !inspection.ok && inspection.reason === 'publisher-untrusted' && Boolean(publisher?.publicKey && publisher.fingerprint);
  const refused = !manifest || (!inspection.ok && !needsTrust);
  const update = inspection.update;

  // An update keeps what the user granted before; everything else starts unticked: the user opts in.
  const [grants, setGrants] = useState<string[]>(() =>
    update && installed && manifest
      ? manifest.capabilities.filter((capability) => (installed.granted as string[]).includes(capability))
      : [],
  );
  const [trusted, setTrusted] = useState(false);
  // Never pre-filled with the manifest's publisher: that is the plugin's own claim, not who holds the key.
  const [publisherName, setPublisherName] = useState('');
  const [keyChangeSeen, setKeyChangeSeen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [used, setUsed] = useState(false);
  const [failure, setFailure] = useState<HostFailure | null>(null);

  const trustReady = !needsTrust || (trusted && publisherName.trim() !== '');
  const keyChanged = Boolean(update?.publisherChanged) && !refused;
  const canInstall = !refused && trustReady && (!keyChanged || keyChangeSeen) && !busy && !used;
  const name = manifest?.name ?? 'this folder';
  const title = refused ? `Cannot install ${name}` : update ? `Update ${name}` : `Install ${name}`;
  const action = needsTrust ? 'Trust and install' : update ? 'Install update' : 'Install';

  const install = async () => {
    if (!canInstall) return;
    setBusy(true);
    setFailure(null);
    const error = await onInstall(grants, needsTrust ? publisherName.trim() : null);
    setBusy(false);
    if (error) {
      // The ticket is spent either way: a second try starts from choosing the bundle again.
      setUsed(true);
      setFailure(error);
    }
  };

  return (
    <ModalDialog
      labelledBy={titleId}
      describedBy={summaryId}
      className="confirm install-dialog"
      initialFocus={cancelRef}
      onCancel={onCancel}
    >
      <div className="confirm-top">
        <p className="confirm-eyebrow">{EYEBROWS[ticket.source]}</p>
      </div>
      <h2 id={titleId} className="confirm-title">
        <bdi>{title}</bdi>
      </h2>
      <div className="confirm-body" tabIndex={0} role="region" aria-label="Install details">
        {keyChanged && <KeyChangeCallout acknowledged={keyChangeSeen} onAcknowledged={setKeyChangeSeen} disabled={busy || used} />}
        <InspectionFacts inspection={inspection} summaryId={summaryId} />
        <BackendRisk inspection={inspection} />
        {refused && <RefusalCallout inspection={inspection} />}
        {update && !refused && <UpdateChanges update={update} version={manifest.version} />}
        <PublisherKey inspection={inspection} trustStepShown={needsTrust} fromIndex={ticket.source === 'marketplace' && !refused} />
        {needsTrust && publisher?.fingerprint && (
          <TrustStep
            fingerprint={publisher.fingerprint}
            claimedPublisher={manifest?.publisher ?? ''}
            fromIndex={ticket.source === 'marketplace'}
            name={publisherName}
            onName={setPublisherName}
            trusted={trusted}
            onTrusted={setTrusted}
            disabled={busy || used}
          />
        )}
        {!refused && (
          <CapabilityChoices
            capabilities={manifest.capabilities}
            chosen={grants}
            onChange={setGrants}
            added={update?.addedCapabilities ?? []}
            disabled={busy || used}
            hint="Nothing is granted unless you tick it. A grant only lets the plugin ask: the host still checks every request and asks you where the policy says so. You can change grants later on the Plugins page."
          />
        )}
        {failure && <ErrorMessage failure={failure} context={`${name} was not installed`} />}
      </div>
      <div className="confirm-actions">
        {!refused && keyChanged && !keyChangeSeen && <p className="install-blocked muted">Tick the key change above to continue.</p>}
        {!refused && needsTrust && !trustReady && (!keyChanged || keyChangeSeen) && (
          <p className="install-blocked muted">Trust the publisher above to enable installing.</p>
        )}
        <button ref={cancelRef} type="button" className="button button-secondary" onClick={onCancel}>
          {refused || used ? 'Close' : 'Cancel'}
        </button>
        {!refused && (
          <button type="button" className="button button-primary" disabled={!canInstall} onClick={() => void install()}>
            {busy ? 'Installing…' : action}
          </button>
        )}
      </div>
    </ModalDialog>
  );
}
